"""The one connection factory: pragmas, file modes, the lock, and one transaction per action."""

from __future__ import annotations

import contextlib
import os
import threading
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import sqlite_utils
from sqlite_utils.utils import sqlite3  # pysqlite3 when installed: one SQLite per process

from facilitator.core.errors import FacilitatorError

PRAGMAS = (
    "journal_mode=WAL",
    "synchronous=FULL",
    "foreign_keys=ON",
    "busy_timeout=5000",
    "secure_delete=ON",
    "temp_store=MEMORY",
    "trusted_schema=OFF",
)
SIDE_FILES = ("-wal", "-shm", "-journal")
Error = sqlite3.Error


class StoreError(FacilitatorError):
    """The database could not be opened or used; the message says why."""


class DamagedError(StoreError):
    """The file is not a readable database, or fails SQLite's check: restore a backup."""


def utcnow() -> datetime:
    """The current instant in UTC."""
    return datetime.now(UTC)


def new_id() -> str:
    """A random UUIDv4 key: no order, no time, mergeable across laptops."""
    return str(uuid.uuid4())


def make_private_dir(folder: Path) -> None:
    """Create a folder only its owner can enter."""
    folder.mkdir(parents=True, exist_ok=True)
    os.chmod(folder, 0o700)


def make_private_file(path: Path) -> None:
    """Create (if needed) a file only its owner can read, whatever the umask."""
    fd = os.open(path, os.O_CREAT | os.O_RDWR, 0o600)
    os.close(fd)
    os.chmod(path, 0o600)


def tighten_side_files(path: Path) -> None:
    """SQLite's -wal and -shm files: owner only."""
    for suffix in SIDE_FILES:
        side = Path(f"{path}{suffix}")
        if side.exists():
            os.chmod(side, 0o600)


def connect(path: Path | str) -> sqlite_utils.Database:
    """Open a database with every pragma the design requires; the only sqlite connect call."""
    path = Path(path)
    if path.exists() and path.is_dir():
        raise StoreError(f"{path} is a folder, not a database file")
    if not path.parent.exists():
        make_private_dir(path.parent)
    if not path.exists():
        make_private_file(path)
    try:
        conn = sqlite3.connect(str(path), timeout=5.0, check_same_thread=False)
        db = sqlite_utils.Database(conn, execute_plugins=False)  # no third-party code here
        for pragma in PRAGMAS:
            conn.execute(f"PRAGMA {pragma}")
        conn.execute("SELECT count(*) FROM sqlite_schema").fetchone()
    except sqlite3.DatabaseError as error:
        problem = f"{path} is not a facilitator database or is damaged ({error})"
        raise DamagedError(problem) from None
    tighten_side_files(path)
    return db


class Connection:
    """One shared connection, serialised by a lock, safe to use from worker threads."""

    def __init__(self, path: Path | str, now: Callable[[], datetime] = utcnow) -> None:
        self.path = Path(path)
        self.db = connect(self.path)
        self.now = now
        self._lock = threading.RLock()
        self._open: str | None = None  # "read" or "write" while this thread holds the lock
        self._writable = threading.Event()  # cleared while a health check is pending
        self._writable.set()
        self._refusal: str | None = None

    def hold_writes(self) -> None:
        """Make writes wait until release_writes: the file's health is not known yet."""
        self._writable.clear()

    def release_writes(self, refusal: str | None) -> None:
        """Let waiting and later writes go ahead, or refuse them all with a reason."""
        self._refusal = refusal
        self._writable.set()

    @contextlib.contextmanager
    def write(self) -> Iterator[sqlite_utils.Database]:
        """One user action: BEGIN IMMEDIATE ... COMMIT, or nothing at all. Nested: joins."""
        self._writable.wait()
        if self._refusal is not None:
            raise DamagedError(self._refusal)
        with self._lock:
            if self._open == "write":
                yield self.db
                return
            if self._open == "read":
                raise RuntimeError("a write cannot start inside a read")
            conn = self.db.conn
            conn.execute("BEGIN IMMEDIATE")
            self._open = "write"
            try:
                yield self.db
            except BaseException:
                if conn.in_transaction:  # SQLite may have rolled back already (disk full)
                    conn.execute("ROLLBACK")
                raise
            else:
                conn.execute("COMMIT")
            finally:
                self._open = None
        tighten_side_files(self.path)

    @contextlib.contextmanager
    def read(self) -> Iterator[sqlite_utils.Database]:
        """A consistent snapshot for a screen's worth of queries. Nested: joins."""
        with self._lock:
            if self._open is not None:
                yield self.db
                return
            conn = self.db.conn
            conn.execute("BEGIN")
            self._open = "read"
            try:
                yield self.db
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise
            else:
                conn.execute("COMMIT")
            finally:
                self._open = None

    def purge(self) -> None:
        """After a deletion: copy the log into the file and empty it, so deleted content is
        left in neither (secure_delete has already zeroed it in the file's pages)."""
        with self._lock:
            if self._open is None:
                self.db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()

    def stamp(self) -> str:
        """The `modified` stamp for rows written now."""
        return self.now().astimezone(UTC).isoformat(timespec="milliseconds")

    def close(self) -> None:
        """Close the connection (checkpointing the WAL)."""
        with self._lock:
            self.db.close()
