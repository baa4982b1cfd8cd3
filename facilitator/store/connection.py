"""The one connection factory: pragmas, file modes, the lock, and one transaction per action."""

from __future__ import annotations

import contextlib
import os
import threading
import uuid
from collections.abc import Callable, Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path

try:  # the SQLite sqlite-utils would pick: pysqlite3 when installed, one SQLite per process
    import pysqlite3.dbapi2 as sqlite3
except ImportError:  # pragma: no cover - platforms without the pysqlite3 wheel
    import sqlite3

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


def connect(path: Path | str):
    """open_raw, wrapped in sqlite-utils' Database for its table helpers."""
    import sqlite_utils  # not needed for the first screen: its imports cost ~0.1 s

    return sqlite_utils.Database(open_raw(path), execute_plugins=False)  # no third-party code


def open_raw(path: Path | str) -> sqlite3.Connection:
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
        for pragma in PRAGMAS:
            conn.execute(f"PRAGMA {pragma}")
        conn.execute("SELECT count(*) FROM sqlite_schema").fetchone()
    except sqlite3.DatabaseError as error:
        problem = f"{path} is not a facilitator database or is damaged ({error})"
        raise DamagedError(problem) from None
    tighten_side_files(path)
    return conn


class Rows:
    """What reads need of sqlite-utils' Database (execute, and query giving dicts), on the
    raw connection: the first screen reads before sqlite-utils is imported."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def execute(self, sql: str, parameters: Sequence | dict = ()) -> sqlite3.Cursor:
        """Run one statement."""
        return self.conn.execute(sql, parameters)

    def query(self, sql: str, params: Sequence | dict = ()) -> Iterator[dict]:
        """Rows as dicts keyed by column name."""
        cursor = self.conn.execute(sql, params)
        keys = [column[0] for column in cursor.description]
        for row in cursor:
            yield dict(zip(keys, row, strict=True))


class Connection:
    """One shared connection, serialised by a lock, safe to use from worker threads."""

    def __init__(self, path: Path | str, now: Callable[[], datetime] = utcnow) -> None:
        self.path = Path(path)
        self.raw = open_raw(self.path)
        self.rows = Rows(self.raw)
        self._database = None
        self.now = now
        self._lock = threading.RLock()
        self._open: str | None = None  # "read" or "write" while this thread holds the lock
        self._writable = threading.Event()  # cleared while a health check is pending
        self._writable.set()
        self._refusal: str | None = None
        self._opened = new_id()  # a file opened again (a restored backup) is another version
        self._commits = 0  # this connection's own: SQLite's data_version counts only others'

    def hold_writes(self) -> None:
        """Make writes wait until release_writes: the file's health is not known yet."""
        self._writable.clear()

    def release_writes(self, refusal: str | None) -> None:
        """Let waiting and later writes go ahead, or refuse them all with a reason."""
        self._refusal = refusal
        self._writable.set()

    @property
    def db(self):
        """sqlite-utils' Database on the same connection, made on first use (writes)."""
        if self._database is None:
            import sqlite_utils

            self._database = sqlite_utils.Database(self.raw, execute_plugins=False)
        return self._database

    @contextlib.contextmanager
    def write(self):
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
            conn = self.raw
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
                self._commits += 1
            finally:
                self._open = None
        tighten_side_files(self.path)

    @contextlib.contextmanager
    def read(self) -> Iterator[Rows]:
        """A consistent snapshot for a screen's worth of queries. Nested: joins."""
        with self._lock:
            if self._open is not None:
                yield self.rows
                return
            conn = self.raw
            conn.execute("BEGIN")
            self._open = "read"
            try:
                yield self.rows
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise
            else:
                conn.execute("COMMIT")
            finally:
                self._open = None

    def version(self) -> tuple[str, int, int]:
        """A value that changes whenever the file's content does, by this connection or by
        another (a second window, the CLI, a sync): cheap enough to ask on every return."""
        with self._lock:
            others = self.raw.execute("PRAGMA data_version").fetchone()[0]
            return self._opened, self._commits, others

    def purge(self) -> None:
        """After a deletion: copy the log into the file and empty it, so deleted content is
        left in neither (secure_delete has already zeroed it in the file's pages)."""
        with self._lock:
            if self._open is None:
                self.raw.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()

    def stamp(self) -> str:
        """The `modified` stamp for rows written now."""
        return self.now().astimezone(UTC).isoformat(timespec="milliseconds")

    def close(self) -> None:
        """Close the connection (checkpointing the WAL)."""
        with self._lock:
            self.raw.close()
