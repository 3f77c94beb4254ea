"""Files that hold personal data: readable and writable by their owner only.

Every file the product writes about a family (cards, exports, subject-access
copies, the demo's card list) goes through here, so none is left 0644 for other
accounts on the machine to read.
"""

from __future__ import annotations

import os
from pathlib import Path

FILE_MODE = 0o600
FOLDER_MODE = 0o700


def make_folder(folder: Path) -> None:
    """Create folder and any missing parents 0700; an existing folder is left alone."""
    missing = [p for p in [folder, *folder.parents] if not p.exists()]
    for path in reversed(missing):
        path.mkdir(mode=FOLDER_MODE, exist_ok=True)
        # mkdir's mode is filtered by the umask; set it outright.
        os.chmod(path, FOLDER_MODE)


def write_private(path: Path, data: bytes) -> Path:
    """Write data to path, 0600 from creation; raises OSError as open() would."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
    # O_CREAT's mode does not apply to a file that already existed.
    os.chmod(path, FILE_MODE)
    return path


__all__ = ["FILE_MODE", "FOLDER_MODE", "make_folder", "write_private"]
