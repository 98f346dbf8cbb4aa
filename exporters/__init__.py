"""Word and Excel writers. They take plain report data and a path; they never import Qt."""
