"""Where the data file lives: a folder that a sync client keeps in the cloud can corrupt an SQLite file by
copying it mid-write, so such a place is recognised and the user is warned once."""

from pathlib import Path

SYNC_CLIENTS = {
    "onedrive": "OneDrive",
    "dropbox": "Dropbox",
    "google drive": "Google Drive",
    "googledrive": "Google Drive",
    "my drive": "Google Drive",
    "icloud drive": "iCloud",
    "iclouddrive": "iCloud",
    "mobile documents": "iCloud",
    "box": "Box",
    "box sync": "Box",
}


def synced_by(path: Path) -> str | None:
    """The sync client whose folder holds ``path``, if any (by the folder names those clients use)."""
    for part in Path(path).resolve().parts:
        name = part.casefold()
        if name in SYNC_CLIENTS:
            return SYNC_CLIENTS[name]
        if name.startswith("onedrive"):  # "OneDrive - Slagelse Kommune"
            return "OneDrive"
        if name.startswith("dropbox"):
            return "Dropbox"
    return None
