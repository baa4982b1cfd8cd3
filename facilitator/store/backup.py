"""Backups and restores through SQLite's online backup API: never a file copy."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

from facilitator.store.connection import (
    SIDE_FILES,
    Connection,
    Error,
    StoreError,
    connect,
    make_private_dir,
    make_private_file,
    open_raw,
    open_read_only,
)
from facilitator.store.migrations import LATEST


def problems(db) -> list[str]:
    """What integrity_check and foreign_key_check find wrong; empty when healthy."""
    found = [row[0] for row in db.execute("PRAGMA integrity_check").fetchall() if row[0] != "ok"]
    for table, rowid, parent, _ in db.execute("PRAGMA foreign_key_check").fetchall():
        found.append(f"{table} row {rowid} points to a missing {parent} row")
    return found


def backup_name(now: datetime | None = None) -> str:
    """facilitator-20261121-183000.db"""
    moment = (now or datetime.now(UTC)).astimezone(UTC)
    return f"facilitator-{moment:%Y%m%d-%H%M%S}.db"


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def backup(conn: Connection, dest: Path) -> Path:
    """A consistent copy of a live database at dest (0600), written atomically."""
    dest = Path(dest)
    if dest.exists() and dest.is_dir():
        dest = dest / backup_name(conn.now())
    if dest.resolve() == conn.path.resolve():
        raise StoreError("a backup cannot overwrite the database it copies")
    if not dest.parent.is_dir():
        raise StoreError(f"{dest.parent} is not a folder")
    tmp = dest.with_name(dest.name + ".tmp")
    for leftover in [tmp, *(Path(f"{tmp}{suffix}") for suffix in SIDE_FILES)]:
        leftover.unlink(missing_ok=True)
    try:
        make_private_file(tmp)
        target = open_raw(tmp)
        # A connection of its own: a long copy never holds the app's lock (WAL lets it read
        # beside the app's writes and still see one consistent moment).
        source = open_read_only(conn.path)  # a copy only reads: read-only media too
        try:
            source.backup(target)
        finally:
            source.close()
        target.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
        target.close()
        with open(tmp, "rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(tmp, dest)
        _fsync_dir(dest.parent)
    except OSError as error:
        tmp.unlink(missing_ok=True)
        raise StoreError(f"could not write the backup to {dest}: {error.strerror}") from None
    os.chmod(dest, 0o600)
    return dest


def restore(
    source: Path, live: Path, keep_in: Path | None = None, now: datetime | None = None
) -> Path | None:
    """Write a checked backup into the live database through SQLite. With keep_in, the
    database there first is kept: backed up, or moved aside whole when too damaged to copy.
    Returns where it was kept."""
    source = Path(source)
    if not source.is_file():
        raise StoreError(f"no backup file at {source}")
    if source.resolve() == Path(live).resolve():
        raise StoreError("that is the database itself, not a backup of it")
    origin = connect(source)
    try:
        found = problems(origin)
        if found:
            raise StoreError(f"{source} is damaged ({found[0]}); nothing was restored")
        version = origin.execute("PRAGMA user_version").fetchone()[0]
        if version > LATEST:
            raise StoreError(f"{source} was written by a newer version of facilitator")
        if not origin["groups"].exists():
            raise StoreError(f"{source} is not a facilitator backup")
        kept = None
        if keep_in is not None and Path(live).exists():
            kept = _keep_current(Path(live), Path(keep_in), now or datetime.now(UTC))
        target = connect(live)
        try:
            origin.conn.backup(target.conn)
            found = problems(target)
        finally:
            target.close()
    finally:
        origin.close()
    if found:
        raise StoreError(f"the restored database failed its check: {found[0]}")
    return kept


def _keep_current(live: Path, folder: Path, now: datetime) -> Path:
    """A backup of the database about to be replaced, or the file itself set aside."""
    make_private_dir(folder)
    try:
        current = Connection(live, lambda: now)
    except StoreError:
        return set_aside(live, folder, now)
    try:
        healthy = current.raw.execute("PRAGMA quick_check").fetchone()[0] == "ok"
    except Error:
        healthy = False
    try:
        if healthy:
            return backup(current, _free_name(folder, backup_name(now)))
    finally:
        current.close()
    return set_aside(live, folder, now)


def set_aside(live: Path, folder: Path, now: datetime) -> Path:
    """Move a damaged database and its side files, together and untouched, into folder."""
    make_private_dir(folder)
    dest = _free_name(folder, "damaged-" + backup_name(now).removeprefix("facilitator-"))
    for suffix in ("", *SIDE_FILES):
        side = Path(f"{live}{suffix}")
        if side.exists():
            os.replace(side, Path(f"{dest}{suffix}"))
    return dest


def _free_name(folder: Path, name: str) -> Path:
    """folder/name, or name-2, name-3... so a kept file never overwrites another."""
    candidate, n = folder / name, 1
    while candidate.exists():
        n += 1
        candidate = folder / name.replace(".db", f"-{n}.db")
    return candidate


def rotate(conn: Connection, folder: Path, keep: int) -> Path:
    """An automatic backup into folder, keeping only the newest `keep` of them."""
    folder.mkdir(parents=True, exist_ok=True)
    os.chmod(folder, 0o700)
    written = backup(conn, folder / backup_name(conn.now()))
    automatic = sorted(folder.glob("facilitator-*.db"), key=lambda p: p.name)
    for old in automatic[:-keep] if keep > 0 else []:
        old.unlink()  # a finished backup is one self-contained file: no -wal beside it
    return written


def newest(folder: Path) -> Path | None:
    """The most recent backup in a folder, if any."""
    found = sorted(folder.glob("facilitator-*.db"), key=lambda p: p.name)
    return found[-1] if found else None
