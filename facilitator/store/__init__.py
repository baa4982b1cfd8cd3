"""The only place that speaks SQL: `Store` opens one database and offers every action."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from facilitator.store.cipher import Key, PassphraseNeededError, WrongPassphraseError
from facilitator.store.connection import (
    APPLICATION_ID,
    CannotOpenError,
    Connection,
    DamagedError,
    NotOursError,
    ReadOnlyError,
    StoreError,
    open_read_only,
    tighten,
    utcnow,
)
from facilitator.store.connection import Error as SQLiteError
from facilitator.store.groups import Groups, Templates
from facilitator.store.leftovers import remove_conversion_leftovers
from facilitator.store.migrations import LATEST, migrate, schema_version
from facilitator.store.opening import Examined, examine
from facilitator.store.resources import Resources
from facilitator.store.schedule import Schedule
from facilitator.store.settings import Settings

if TYPE_CHECKING:
    from facilitator.store.attendance import People, Roster
    from facilitator.store.checkins import CheckIns
    from facilitator.store.documents import Documents

__all__ = [
    "CannotOpenError",
    "DamagedError",
    "NotOursError",
    "PassphraseNeededError",
    "ReadOnlyError",
    "Store",
    "StoreError",
    "WrongPassphraseError",
]


class Store:
    """One facilitator database: open it, migrate it, and reach each aggregate's actions."""

    def __init__(
        self,
        path: Path | str,
        now: Callable[[], datetime] = utcnow,
        check_later: bool = False,
        read_only: bool = False,
        key: Key | None = None,
    ) -> None:
        """Open and check the file; with check_later (the app), reads start at once and
        writes wait for verify(), so a large file's check never delays the first screen.
        A file that is not ours, damaged, or cannot be opened here is refused before any
        byte of it is written; read_only (or read-only media) opens it for reading alone.
        An encrypted file needs its key (cipher.unlock), or PassphraseNeededError is raised."""
        path = Path(path)
        remove_conversion_leftovers(path)  # a killed decrypt's plain copy: never left lying
        found = examine(path, key)
        why_read_only = "opened only to be read" if read_only else found.cannot_write
        check_now = not (check_later and found.wal and found.version == LATEST)
        if check_now and found.exists:
            self._refuse_if_damaged(path, key)  # before a write could change it (the WAL switch)
        try:
            self.conn = Connection(path, now, read_only=why_read_only, key=key)
        except CannotOpenError as error:  # a full disk: it can still be read and printed
            if not found.exists or why_read_only:
                raise
            why_read_only = error.cause
            self.conn = Connection(path, now, read_only=why_read_only, key=key)
        self.notices: list[str] = []  # said once to the person opening it
        try:
            if why_read_only:
                self._refuse_if_newer()
                if not read_only:
                    self.notices.append(f"{why_read_only}: it is open for reading only")
            else:
                self._make_ours(found)
            if not check_now:
                self.conn.hold_writes()
            elif not why_read_only:
                migrate(self.conn)
        except BaseException:
            self.conn.close()
            raise
        self.groups = Groups(self.conn)
        self.templates = Templates(self.conn)
        self.settings = Settings(self.conn)
        self.schedule = Schedule(self.conn, self.groups)
        self.resources = Resources(self.conn, self.schedule)

    # The aggregates the first screen does not use are imported when first reached, so the
    # app starts without loading them (imports are most of a cold start); so is backup.py,
    # with the file writer and its temp names (secrets, hmac, hashlib).

    @cached_property
    def people(self) -> People:
        """Members and who came to each session."""
        from facilitator.store.attendance import People

        return People(self.conn, self.schedule)

    @cached_property
    def roster(self) -> Roster:
        """Members' own attendance records."""
        from facilitator.store.attendance import Roster

        return Roster(self.conn, self.people)

    @cached_property
    def checkins(self) -> CheckIns:
        """Anonymous check-in slips and their summaries."""
        from facilitator.store.checkins import CheckIns

        return CheckIns(self.conn, self.schedule)

    @cached_property
    def documents(self) -> Documents:
        """What each printed document says, gathered from the other aggregates."""
        from facilitator.store.documents import Documents

        return Documents(self.conn, self.groups, self.templates, self.schedule, self.resources)

    def _make_ours(self, found: Examined) -> None:
        """Owner-only file modes, and our mark on a file an earlier version made unmarked."""
        said = tighten(self.path)
        if said:
            self.notices.append(said)
        if found.exists and not found.marked:
            with self.conn.write() as db:
                db.execute(f"PRAGMA application_id = {APPLICATION_ID}")

    def _refuse_if_newer(self) -> None:
        version = schema_version(self.conn)
        if version > LATEST:
            raise StoreError(
                f"{self.path} was written by a newer version of facilitator "
                f"(schema {version}, this one knows {LATEST}); update facilitator to open it"
            )

    def verify(self) -> None:
        """SQLite's quick check on a read-only connection of its own; a damaged file
        refuses writes. A file that cannot be opened here is not called damaged."""
        try:
            self._refuse_if_damaged(self.conn.path, self.conn.key)
        except StoreError as error:
            self.conn.release_writes(error)
            raise
        self.conn.release_writes(None)

    @staticmethod
    def _refuse_if_damaged(path: Path, key: Key | None) -> None:
        checker = open_read_only(path, key)  # raises DamagedError only for damage
        try:
            verdict = checker.execute("PRAGMA quick_check").fetchone()[0]
        except SQLiteError as error:
            verdict = str(error)
        finally:
            checker.close()
        if verdict != "ok":
            raise DamagedError(
                f"{path} is damaged ({verdict}); restore a backup with: facilitator restore PATH"
            )

    @property
    def encrypted(self) -> bool:
        """Whether the file is encrypted (SQLCipher), so its passphrase unlocks the app."""
        return self.conn.key is not None

    def passphrase_matches(self, text: str) -> bool:
        """Whether text is the passphrase this database was opened with. No file is read:
        a salted scrypt hash kept since opening is compared, in constant time. False for a
        database that is not encrypted."""
        return self.conn.key is not None and self.conn.key.matches(text)

    @property
    def path(self) -> Path:
        """Where the database file lives."""
        return self.conn.path

    def replaced(self) -> bool:
        """Whether another program put another file where this database was opened."""
        return self.conn.replaced()

    def refuse_writes(self, why: str) -> None:
        """From now on every write is refused with this reason (reads go on)."""
        self.conn.release_writes(StoreError(why))

    def version(self) -> tuple[str, int, int]:
        """Changes whenever anything in the file changes: screens re-read only then."""
        return self.conn.version()

    def check(self) -> list[str]:
        """Integrity and foreign-key problems; empty when healthy."""
        with self.conn.read() as db:
            from facilitator.store.backup import problems

            return problems(db)

    def backup(self, dest: Path) -> Path:
        """A consistent copy through the online backup API."""
        from facilitator.store.backup import backup

        return backup(self.conn, dest)

    def auto_backup(self, folder: Path) -> Path:
        """The backup taken when the app opens the database; keeps the configured number."""
        from facilitator.store.backup import rotate

        return rotate(self.conn, folder, int(self.settings.get("backups_kept")))

    def close(self) -> None:
        """Close the database."""
        self.conn.close()
