"""Backups and restores through SQLite's online backup API: never a file copy."""

from __future__ import annotations

import os
import re
from datetime import UTC, datetime
from pathlib import Path

import sqlcipher3.dbapi2 as sqlite3

from facilitator.files import WriteError, replacing
from facilitator.store.cipher import Key, PassphraseNeededError, is_encrypted
from facilitator.store.connection import (
    SIDE_FILES,
    Connection,
    DamagedError,
    Error,
    StoreError,
    connect,
    make_private_dir,
    open_raw,
    open_read_only,
)
from facilitator.store.lock import replacing_database
from facilitator.store.migrations import LATEST


def problems(db) -> list[str]:
    """What integrity_check and foreign_key_check find wrong; empty when healthy."""
    found = [row[0] for row in db.execute("PRAGMA integrity_check").fetchall() if row[0] != "ok"]
    for table, rowid, parent, _ in db.execute("PRAGMA foreign_key_check").fetchall():
        found.append(f"{table} row {rowid} points to a missing {parent} row")
    return found


BACKUP_STAMP = r"\d{8}-\d{6}(-\d+)?"  # 20261121-183000, or -2, -3 for a second one that second


def backup_name(database: Path, now: datetime | None = None) -> str:
    """Named after its database: facilitator.db -> facilitator-20261121-183000.db. Backups of
    the demo (demo-...) and of the real database share a folder and never each other's names."""
    moment = (now or datetime.now(UTC)).astimezone(UTC)
    return f"{Path(database).stem}-{moment:%Y%m%d-%H%M%S}.db"


def backups_of(database: Path, folder: Path) -> list[Path]:
    """The backups of this database in folder, oldest first (damaged files set aside and
    other databases' backups are not among them)."""
    pattern = re.compile(rf"{re.escape(Path(database).stem)}-{BACKUP_STAMP}\.db")
    if not folder.is_dir():
        return []
    return sorted((p for p in folder.iterdir() if pattern.fullmatch(p.name)), key=_taken)


def _taken(path: Path) -> tuple[str, int]:
    """Sort key: the stamp, then the -2, -3 of backups taken in the same second."""
    found = re.search(rf"-({BACKUP_STAMP})\.db$", path.name)
    stamp, second = found.group(1)[:15], found.group(2)
    return stamp, int(second[1:]) if second else 1


def backup(conn: Connection, dest: Path) -> Path:
    """A consistent copy of a live database at dest (0600), written whole or not at all."""
    dest = Path(dest)
    if dest.is_dir():  # a folder (a link to one too): a new dated name inside it
        dest = _free_name(dest, backup_name(conn.path, conn.now()))
    if not dest.parent.is_dir():
        raise StoreError(f"{dest.parent} is not a folder")
    try:
        with replacing(dest, conn.path, "backup", into_backups=True) as (_fd, temp):
            _copy_into(conn.path, temp, conn.key)
    except WriteError as error:
        raise StoreError(f"could not back up {conn.path}: {error}") from None
    except Error as error:  # SQLite's own: full disk, I/O error
        reason = "disk full" if _is_full(error) else str(error)
        raise StoreError(
            f"could not back up {conn.path} to {dest}: {reason}: nothing was written"
        ) from None
    return dest


def _copy_into(database: Path, temp: Path, key: Key | None) -> None:
    """SQLite's online backup into the (empty) temp file, left as one self-contained file.
    An encrypted database's copy has the same key and salt: its passphrase opens both."""
    try:
        target = open_raw(temp, key)
    except DamagedError as error:  # the new copy, not the database, could not be made
        raise Error("disk full" if _is_full(error) else "the copy could not be written") from None
    try:
        # A connection of its own: a long copy never holds the app's lock (WAL lets it read
        # beside the app's writes and still see one consistent moment).
        source = open_read_only(database, key)  # a copy only reads: read-only media too
        try:
            source.backup(target)
        finally:
            source.close()
        target.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
    finally:
        target.close()


def _is_full(error: Exception) -> bool:
    return "full" in str(error).lower()


def restore(
    source: Path,
    live: Path,
    keep_in: Path | None = None,
    now: datetime | None = None,
    key: Key | None = None,
    live_key: Key | None = None,
) -> Path | None:
    """Write a checked backup into the live database through SQLite. With keep_in, the
    database there first is kept: backed up, or moved aside whole when too damaged to copy.
    Returns where it was kept. key opens an encrypted backup, live_key an encrypted live
    database; an encrypted database stays encrypted with its own key whatever the backup was,
    and an encrypted backup is never written into a plain database."""
    source = Path(source)
    if not source.is_file():
        raise StoreError(f"no backup file at {source}")
    if source.resolve() == Path(live).resolve():
        raise StoreError("that is the database itself, not a backup of it")
    target_key = _restored_key(source, Path(live), key, live_key)
    origin = _read_only(source, key)  # a restore never changes the backup it reads
    try:
        found = problems(origin)
        if found:
            raise StoreError(f"{source} is damaged ({found[0]}); nothing was restored")
        version = origin.execute("PRAGMA user_version").fetchone()[0]
        if version > LATEST:
            raise StoreError(f"{source} was written by a newer version of facilitator")
        if not origin["groups"].exists():
            raise StoreError(f"{source} is not a facilitator backup")
        with replacing_database(Path(live), "restore it"):
            kept = None
            if keep_in is not None and Path(live).exists():
                kept = _keep_current(Path(live), Path(keep_in), now or datetime.now(UTC), live_key)
            target = connect(live, target_key)
            try:
                _copy_keyed(origin.conn, target.conn, key, target_key, Path(live))
                found = problems(target)
            finally:
                target.close()
    finally:
        origin.close()
    if found:
        raise StoreError(f"the restored database failed its check: {found[0]}")
    return kept


def _read_only(source: Path, key: Key | None):
    import sqlite_utils

    return sqlite_utils.Database(open_read_only(source, key), execute_plugins=False)


def _restored_key(source: Path, live: Path, key: Key | None, live_key: Key | None) -> Key | None:
    """The key the restored database will have: the live one's, else the backup's."""
    if key is None and is_encrypted(source):
        raise PassphraseNeededError(f"{source} is encrypted: its passphrase is needed")
    if live_key is None and is_encrypted(live):
        raise PassphraseNeededError(f"{live} is encrypted: its passphrase is needed")
    if live_key is not None:
        return live_key
    if key is not None and live.exists():
        raise StoreError(
            f"{source} is encrypted and {live} is not: a restore never writes a plain copy of "
            "an encrypted backup. Encrypt the database first (facilitator encrypt), then "
            "restore; nothing was restored"
        )
    return key


def _copy_keyed(origin, target, key: Key | None, target_key: Key | None, live: Path) -> None:
    """The backup API copies between two keys, but not between plain and encrypted: a plain
    backup goes into an encrypted database through an encrypted temp copy of it."""
    if (key is None) == (target_key is None):
        origin.backup(target)
        return
    from facilitator.store.convert import converting_name, export, remove_with_sides

    temp = converting_name(live)
    remove_with_sides(temp)
    # origin is read-only (the backup is never changed): the export attaches and writes from
    # a copy of it in memory, so no plain copy of it is written to the disk either.
    in_memory = sqlite3.connect(":memory:", check_same_thread=False)
    try:
        origin.backup(in_memory)
        export(in_memory, temp, target_key)
        keyed = open_raw(temp, target_key)
        try:
            keyed.backup(target)
        finally:
            keyed.close()
    finally:
        in_memory.close()
        remove_with_sides(temp)


def _keep_current(live: Path, folder: Path, now: datetime, key: Key | None) -> Path:
    """A backup of the database about to be replaced, or the file itself set aside."""
    make_private_dir(folder)
    try:
        current = Connection(live, lambda: now, key=key)
    except StoreError:
        return set_aside(live, folder, now)
    try:
        healthy = current.raw.execute("PRAGMA quick_check").fetchone()[0] == "ok"
    except Error:
        healthy = False
    try:
        if healthy:
            return backup(current, _free_name(folder, backup_name(live, now)))
    finally:
        current.close()
    return set_aside(live, folder, now)


def set_aside(live: Path, folder: Path, now: datetime) -> Path:
    """Move a damaged database and its side files, together and untouched, into folder."""
    make_private_dir(folder)
    dest = _free_name(folder, "damaged-" + backup_name(live, now))
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
        candidate = folder / f"{name.removesuffix('.db')}-{n}.db"
    return candidate


def rotate(conn: Connection, folder: Path, keep: int) -> Path:
    """An automatic backup into folder, keeping only the newest `keep` of them."""
    folder.mkdir(parents=True, exist_ok=True)
    os.chmod(folder, 0o700)
    written = backup(conn, _free_name(folder, backup_name(conn.path, conn.now())))
    automatic = backups_of(conn.path, folder)  # this database's only: never the demo's
    for old in automatic[:-keep] if keep > 0 else []:
        old.unlink()  # a finished backup is one self-contained file: no -wal beside it
    return written


def newest(database: Path, folder: Path) -> Path | None:
    """The most recent backup of database in a folder, if any."""
    found = backups_of(database, folder)
    return found[-1] if found else None
