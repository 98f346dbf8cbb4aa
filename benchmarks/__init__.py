"""Benchmarks: a deterministic synthetic dataset at three sizes, and the measurements of docs/benchmarks.md."""
