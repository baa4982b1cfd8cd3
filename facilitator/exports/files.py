"""Writing output files: private (0600), atomic, and clear about what went wrong."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from facilitator.core.errors import FacilitatorError


class ExportError(FacilitatorError):
    """A document could not be written; nothing was."""


def write_private(path: Path, data: bytes) -> Path:
    """Write data to path via a temporary file, readable by the owner only."""
    path = Path(path)
    if path.is_dir():
        raise ExportError(f"{path} is a folder; give a file name")
    if not path.parent.is_dir():
        raise ExportError(f"cannot write {path}: the folder {path.parent} does not exist")
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            os.write(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)
        os.chmod(tmp, 0o600)
        os.replace(tmp, path)
    except OSError as error:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise ExportError(f"cannot write {path}: {error.strerror}") from None
    return path
