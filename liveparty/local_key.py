"""The secret key of one machine's processes, kept in their shared folder."""

import os
import secrets
from pathlib import Path


def local_secret_key(path: Path) -> str:
    """A key generated on first run and kept, so sessions survive a restart; made only by
    whichever process comes first (the cluster starts several at once)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with os.fdopen(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "w") as key:
            key.write(secrets.token_urlsafe(50))
    except FileExistsError:
        pass
    return path.read_text().strip()
