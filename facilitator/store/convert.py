"""Encrypt, decrypt, or change the passphrase of a database: a new file, then one rename.

SQLCipher's sqlcipher_export writes the whole database into a new file beside it, with the new
key (or none). That file is checked (integrity, our application_id, the schema version), synced,
and renamed over the old one, after the old one's log has been copied into it and closed: a kill
at any moment leaves the old file whole (the new one is a leftover temp, removed at the next
opening: store/leftovers.py) or the new one whole. Never while an app has the file open
(store/lock.py).
"""

from __future__ import annotations

import contextlib
import os
import signal
import threading
from collections.abc import Iterator
from pathlib import Path

from facilitator.store.cipher import Key
from facilitator.store.connection import (
    APPLICATION_ID,
    Error,
    StoreError,
    make_private_file,
    open_raw,
    use_key,
)
from facilitator.store.leftovers import converting_name, remove_with_sides
from facilitator.store.lock import replacing_database


def convert(path: Path, old: Key | None, new: Key | None, doing: str) -> None:
    """Rewrite the database at path from key old (None: plain) to key new (None: plain).
    doing names the action for the refusal while an app has it open ('encrypt it')."""
    path = Path(path)
    if not path.is_file():
        raise StoreError(f"no database at {path}")
    with replacing_database(path, doing), _stopped_like_ctrl_c():
        temp = converting_name(path)
        remove_with_sides(temp)
        try:
            source = open_raw(path, old)
            try:
                export(source, temp, new)
                _empty_log(source, path)
            finally:
                source.close()
            _check(temp, new)
            _sync(temp)
            if Path(f"{path}-wal").exists() and Path(f"{path}-wal").stat().st_size:
                raise StoreError(f"{path} is in use by another program; nothing was changed")
            os.replace(temp, path)
            _sync_folder(path.parent)
        except BaseException:
            remove_with_sides(temp)
            raise
        remove_with_sides(temp)


def export(source, temp: Path, key: Key | None) -> None:
    """Every table, index, the schema version and our mark, into a new file at temp."""
    make_private_file(temp)
    version = source.execute("PRAGMA user_version").fetchone()[0]
    try:
        source.execute(
            "ATTACH DATABASE ? AS converted KEY ?", (str(temp), key.literal if key else "")
        )
        try:
            source.execute("SELECT sqlcipher_export('converted')").fetchall()
            source.execute(f"PRAGMA converted.user_version = {int(version)}")
            source.execute(f"PRAGMA converted.application_id = {APPLICATION_ID}")
            source.commit()
        finally:
            source.execute("DETACH DATABASE converted")
    except Error as error:
        raise StoreError(f"could not write the new copy of the database: {error}") from None


def _empty_log(source, path: Path) -> None:
    """Copy the old file's log into it, so nothing is left beside it when it is replaced."""
    busy, _log, _done = source.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    if busy:
        raise StoreError(f"{path} is in use by another program; nothing was changed")


def _check(temp: Path, key: Key | None) -> None:
    """The new file opens with its key, is whole, is ours; left in WAL mode like every file."""
    import sqlcipher3.dbapi2 as sqlite3

    conn = sqlite3.connect(str(temp))
    try:
        use_key(conn, key)
        verdict = conn.execute("PRAGMA integrity_check").fetchone()[0]
        mark = conn.execute("PRAGMA application_id").fetchone()[0]
        if verdict != "ok" or mark != APPLICATION_ID:
            raise StoreError(f"the new copy failed its check ({verdict}); nothing was changed")
        conn.execute("PRAGMA journal_mode=WAL")
    except Error as error:
        raise StoreError(f"the new copy failed its check ({error}); nothing was changed") from None
    finally:
        conn.close()  # the last connection: its log is copied in and removed


def _sync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _sync_folder(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@contextlib.contextmanager
def _stopped_like_ctrl_c() -> Iterator[None]:
    """A closed terminal (SIGHUP) or SIGTERM stops a conversion as Ctrl+C does: its temp is
    removed on the way out. Signals reach only the main thread (the CLI's); the app converts
    in a worker and quits through its own screens."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(_signal, _frame):
        raise KeyboardInterrupt

    before = {signum: signal.signal(signum, stop) for signum in (signal.SIGHUP, signal.SIGTERM)}
    try:
        yield
    finally:
        for signum, handler in before.items():
            signal.signal(signum, handler)
