"""The one connection factory: pragmas, file modes, the lock, and one transaction per action."""

from __future__ import annotations

import contextlib
import os
import stat
import sys
import threading
import uuid
from collections.abc import Callable, Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

import sqlcipher3
import sqlcipher3.dbapi2 as sqlite3

from facilitator.core.errors import FacilitatorError

if TYPE_CHECKING:
    from facilitator.store.cipher import Key

# One SQLite in the process (howtocorrupt 2.3): sqlite-utils takes pysqlite3 when it can import
# it, and sqlcipher3 is pysqlite3 with SQLCipher inside, so it is offered under that name. Then
# sqlite-utils' own error classes are the ones our connections raise.
sys.modules["pysqlite3"] = sqlcipher3
sys.modules["pysqlite3.dbapi2"] = sqlite3

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
APPLICATION_ID = 0x46616369  # "Faci" in the file's header: this file is one of ours
Error = sqlite3.Error
# SQLite's own verdicts that the bytes are wrong; every other failure to open (a full disk,
# read-only media, no permission, an I/O error) says nothing about the file's health.
DAMAGE_CODES = {11, 26}  # SQLITE_CORRUPT, SQLITE_NOTADB
PURGE_RETRY_SECONDS = 0.5


class StoreError(FacilitatorError):
    """The database could not be opened or used; the message says why."""


class DamagedError(StoreError):
    """The file is not a readable database, or fails SQLite's check: restore a backup."""


class CannotOpenError(StoreError):
    """The file cannot be opened here and now (full disk, read-only media, no permission):
    it may well be healthy, so no restore is offered. `cause` names what is in the way."""

    def __init__(self, cause: str, error: object = "") -> None:
        detail = f" ({error})" if error else ""
        super().__init__(
            f"{cause}{detail}; the file is not known to be damaged, and nothing was changed"
        )
        self.cause = cause


class NotOursError(StoreError):
    """The file is not a facilitator database (another program's, or empty): left untouched."""


class ReadOnlyError(StoreError):
    """A write to a database opened read-only; the message says why it is read-only."""


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


def tighten(path: Path) -> str | None:
    """Make an existing database owner-only; say so when it was not (once: it is now)."""
    mode = stat.S_IMODE(os.stat(path).st_mode)
    if mode & 0o077:
        os.chmod(path, mode & 0o700)  # a file its owner keeps read-only stays read-only
    tighten_side_files(path)
    if not mode & 0o077:
        return None
    return (
        f"{path} could be read by other users of this computer (mode {mode:04o}); "
        f"it is now readable by you alone ({mode & 0o700:04o})"
    )


def why_not_writable(path: Path) -> str | None:
    """Why this database cannot be written here, or None when it can."""
    folder = path.parent
    if os.statvfs(folder).f_flag & os.ST_RDONLY:
        return f"{path} is on read-only media"
    for place in (path, folder):
        if not os.access(place, os.W_OK):
            return f"{path} is read-only here: you may not write to {place} (permission denied)"
    return None


def cannot_open(path: Path, error: Exception) -> StoreError:
    """The error to raise for a failed open: damage only when SQLite says the bytes are
    wrong; otherwise the real cause, found on the disk, and no suggestion of damage."""
    if getattr(error, "sqlite_errorcode", 0) & 0xFF in DAMAGE_CODES:
        return DamagedError(f"{path} is not a facilitator database or is damaged ({error})")
    folder = path.parent if path.parent.exists() else Path(os.sep)
    cause = why_not_writable(path) if path.exists() else None
    if cause is None and os.statvfs(folder).f_bavail == 0:
        cause = f"the disk holding {path} is full"
    return CannotOpenError(cause or f"{path} cannot be opened here", error)


def open_read_only(path: Path, key: Key | None = None) -> sqlite3.Connection:
    """Open a database only to read it, changing no byte of it and making no side file
    when nobody has it open (no -wal beside it): the way to look at an unverified file.
    An encrypted file needs its key."""
    path = Path(path)
    wal, journal = Path(f"{path}-wal"), Path(f"{path}-journal")
    uri = f"file:{quote(str(path.resolve()))}?mode=ro"
    try:
        if not wal.exists() and not journal.exists():  # nobody has it open, nothing to roll
            return _connect_read_only(f"{uri}&immutable=1", key)  # back: no locks, no side files
        try:
            return _connect_read_only(uri, key)
        except sqlite3.DatabaseError as error:
            if error.sqlite_errorcode & 0xFF in DAMAGE_CODES or wal.stat().st_size:
                raise
            # An empty log, left by a try on a full disk or read-only media: nothing in it.
            return _connect_read_only(f"{uri}&immutable=1", key)
    except sqlite3.DatabaseError as error:
        raise cannot_open(path, error) from None


def _connect_read_only(uri: str, key: Key | None) -> sqlite3.Connection:
    conn = sqlite3.connect(uri, uri=True, timeout=5.0, check_same_thread=False)
    try:
        use_key(conn, key)
        for pragma in ("query_only=ON", "trusted_schema=OFF", "temp_store=MEMORY"):
            conn.execute(f"PRAGMA {pragma}")
        conn.execute("SELECT count(*) FROM sqlite_schema").fetchone()
    except BaseException:
        conn.close()
        raise
    return conn


def use_key(conn: sqlite3.Connection, key: Key | None) -> None:
    """A new connection's first statements: SQLCipher says nothing on the terminal, and an
    encrypted file gets its key before anything reads it."""
    conn.execute("PRAGMA cipher_log_level = NONE")
    if key is not None:
        conn.execute(f'PRAGMA key = "{key.literal}"')


def connect(path: Path | str, key: Key | None = None):
    """open_raw, wrapped in sqlite-utils' Database for its table helpers."""
    import sqlite_utils  # not needed for the first screen: its imports cost ~0.1 s

    return sqlite_utils.Database(open_raw(path, key), execute_plugins=False)  # no plugins


def open_raw(path: Path | str, key: Key | None = None) -> sqlite3.Connection:
    """Open a database with every pragma the design requires; the only sqlite connect call."""
    path = Path(path)
    if path.exists() and path.is_dir():
        raise StoreError(f"{path} is a folder, not a database file")
    if not path.parent.exists():
        make_private_dir(path.parent)
    created = not path.exists()
    if created:
        make_private_file(path)
    try:
        conn = sqlite3.connect(str(path), timeout=5.0, check_same_thread=False)
        use_key(conn, key)
        if created:  # marked ours from its first page on
            conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        for pragma in PRAGMAS:
            conn.execute(f"PRAGMA {pragma}")
        conn.execute("SELECT count(*) FROM sqlite_schema").fetchone()
    except sqlite3.DatabaseError as error:
        raise cannot_open(path, error) from None
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


def _identity(path: Path) -> tuple[int, int] | None:
    """The file's device and inode (None when there is none at path)."""
    try:
        found = os.stat(path)
    except OSError:
        return None
    return found.st_dev, found.st_ino


class Connection:
    """One shared connection, serialised by a lock, safe to use from worker threads."""

    def __init__(
        self,
        path: Path | str,
        now: Callable[[], datetime] = utcnow,
        read_only: str | None = None,
        key: Key | None = None,
    ) -> None:
        """Open for reading and writing; with read_only (why), for reading alone. An
        encrypted file needs its key (kept for the copies and checks made of it)."""
        self.path = Path(path)
        self.read_only = read_only
        self.key = key
        self.raw = open_read_only(self.path, key) if read_only else open_raw(self.path, key)
        self._identity = _identity(self.path)  # which file is open, to tell it was replaced
        self.rows = Rows(self.raw)
        self._database = None
        self.now = now
        self._lock = threading.RLock()
        self._open: str | None = None  # "read" or "write" while this thread holds the lock
        self._writable = threading.Event()  # cleared while a health check is pending
        self._writable.set()
        self._refusal: StoreError | None = None
        self._opened = new_id()  # a file opened again (a restored backup) is another version
        self._commits = 0  # this connection's own: SQLite's data_version counts only others'
        self._closed = threading.Event()
        self._purging: threading.Thread | None = None  # empties the log once readers let it

    def hold_writes(self) -> None:
        """Make writes wait until release_writes: the file's health is not known yet."""
        self._writable.clear()

    def release_writes(self, refusal: StoreError | None) -> None:
        """Let waiting and later writes go ahead, or refuse them all with this error."""
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
        if self.read_only:
            raise ReadOnlyError(
                f"{self.read_only}: nothing can be saved (reading and printing work)"
            )
        self._writable.wait()
        if self._refusal is not None:
            kind = DamagedError if isinstance(self._refusal, DamagedError) else StoreError
            raise kind(str(self._refusal))
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

    def replaced(self) -> bool:
        """Whether the file at our path is no longer the one open (copied over, restored by
        hand, moved away): this connection then reads and writes a file nobody will see."""
        return _identity(self.path) != self._identity

    def version(self) -> tuple[str, int, int]:
        """A value that changes whenever the file's content does, by this connection or by
        another (a second window, the CLI, a sync): cheap enough to ask on every return."""
        with self._lock:
            others = self.raw.execute("PRAGMA data_version").fetchone()[0]
            return self._opened, self._commits, others

    def purge(self) -> bool:
        """After a deletion: copy the log into the file and empty it, so deleted content is
        left in neither (secure_delete has already zeroed it in the file's pages). While
        another connection reads (a second window, a backup, a CLI list) the log cannot be
        emptied: then this returns False at once and keeps trying in the background."""
        if self._purged():
            return True
        with self._lock:
            if self._purging is None or not self._purging.is_alive():
                self._purging = threading.Thread(target=self._purge_later, daemon=True)
                self._purging.start()
        return False

    @property
    def purge_pending(self) -> bool:
        """Whether deleted content may still be in the log, waiting for other readers."""
        return self._purging is not None and self._purging.is_alive()

    def _purged(self) -> bool:
        """One try at emptying the log, never waiting for another connection."""
        with self._lock:
            if self._closed.is_set() or self._open is not None:
                return self._closed.is_set()
            self.raw.execute("PRAGMA busy_timeout = 0")  # a reader's wait froze the app 5 s
            try:
                busy, log, _ = self.raw.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
            except sqlite3.OperationalError:  # another connection is writing
                return False
            finally:
                self.raw.execute("PRAGMA busy_timeout = 5000")
            return busy == 0 and log <= 0

    def _purge_later(self) -> None:
        while not self._closed.wait(PURGE_RETRY_SECONDS):
            if self._purged():
                return

    def stamp(self) -> str:
        """The `modified` stamp for rows written now."""
        return self.now().astimezone(UTC).isoformat(timespec="milliseconds")

    def close(self) -> None:
        """Close the connection (checkpointing the WAL)."""
        self._closed.set()
        with self._lock:
            self.raw.close()
