"""Before a file is opened for writing: is it ours, is it healthy, can it be written here?

Everything here reads through open_read_only, so looking at a file changes none of its bytes:
another program's database is refused untouched, a damaged one is not switched to WAL, and a
file on read-only media is still read.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from facilitator.store.cipher import Key, PassphraseNeededError, is_encrypted
from facilitator.store.connection import (
    APPLICATION_ID,
    CannotOpenError,
    Error,
    NotOursError,
    cannot_open,
    open_read_only,
    why_not_writable,
)

# Tables every facilitator database has had since its first version: how a file made before
# files were marked (application_id 0) is recognised as ours.
OUR_TABLES = {"settings", "groups", "series", "sessions", "members", "checkins"}
WAL_MODE = 2  # header bytes 18-19 (file format versions) in WAL mode


@dataclass(frozen=True)
class Examined:
    """What a look at a database file found, without writing to it."""

    exists: bool
    marked: bool = False  # carries our application_id
    version: int = 0  # PRAGMA user_version
    wal: bool = False  # already in WAL mode: opening it for writing changes no byte
    cannot_write: str | None = None  # why it can only be read here, if so


def examine(path: Path, key: Key | None = None) -> Examined:
    """Look at the file at path; raise if it is not ours, damaged or cannot be opened, or is
    encrypted and no key was given."""
    if not path.exists():
        return Examined(exists=False)
    if path.is_dir():
        raise NotOursError(f"{path} is a folder, not a database file")
    if not os.access(path, os.R_OK):
        raise CannotOpenError(f"you may not read {path} (permission denied)")
    if _empty(path):
        raise NotOursError(
            f"{path} is empty: it is not a facilitator database (a copy cut short, or a file "
            "made by something else). Nothing was written to it; choose another file"
        )
    if key is None and is_encrypted(path):
        raise PassphraseNeededError(f"{path} is encrypted: its passphrase is needed to open it")
    with open(path, "rb") as handle:
        header = handle.read(100)
    conn = open_read_only(path, key)
    try:
        application_id = conn.execute("PRAGMA application_id").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_schema")}
    except Error as error:
        raise cannot_open(path, error) from None
    finally:
        conn.close()
    ours = application_id == APPLICATION_ID or (application_id == 0 and tables >= OUR_TABLES)
    if not ours:
        raise NotOursError(
            f"{path} is not a facilitator database (it belongs to another program, or holds "
            "something else); it was left untouched"
        )
    return Examined(
        exists=True,
        marked=application_id == APPLICATION_ID,
        version=version,
        # an encrypted header is hidden too; encrypt always leaves the file in WAL mode
        wal=key is not None or (len(header) > 19 and header[18] == header[19] == WAL_MODE),
        cannot_write=why_not_writable(path),
    )


def _empty(path: Path) -> bool:
    """A zero-byte file with no log beside it holding its pages."""
    wal = Path(f"{path}-wal")
    return path.stat().st_size == 0 and (not wal.exists() or wal.stat().st_size == 0)
