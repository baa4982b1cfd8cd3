"""The only place that speaks SQL: `Store` opens one database and offers every action."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from facilitator.store.backup import backup, problems, rotate
from facilitator.store.connection import Connection, DamagedError, StoreError, open_raw, utcnow
from facilitator.store.connection import Error as SQLiteError
from facilitator.store.groups import Groups, Templates
from facilitator.store.migrations import LATEST, migrate, schema_version
from facilitator.store.resources import Resources
from facilitator.store.schedule import Schedule
from facilitator.store.settings import Settings

if TYPE_CHECKING:
    from facilitator.store.attendance import People, Roster
    from facilitator.store.checkins import CheckIns
    from facilitator.store.documents import Documents

__all__ = ["DamagedError", "Store", "StoreError"]


class Store:
    """One facilitator database: open it, migrate it, and reach each aggregate's actions."""

    def __init__(
        self, path: Path | str, now: Callable[[], datetime] = utcnow, check_later: bool = False
    ) -> None:
        """Open and check the file; with check_later (the app), reads start at once and
        writes wait for verify(), so a large file's check never delays the first screen."""
        self.conn = Connection(path, now)
        try:
            if check_later and self._schema_is_current():
                self.conn.hold_writes()
            else:
                self.verify()
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
    # app starts without loading them (imports are most of a cold start).

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

    def _schema_is_current(self) -> bool:
        try:
            return schema_version(self.conn) == LATEST
        except SQLiteError:
            return False  # verify() will say what is wrong

    def verify(self) -> None:
        """SQLite's quick check on a connection of its own; a damaged file refuses writes."""
        verdict = self._quick_check()
        refusal = None
        if verdict != "ok":
            refusal = (
                f"{self.conn.path} is damaged ({verdict}); restore a backup "
                "with: facilitator restore PATH"
            )
        self.conn.release_writes(refusal)
        if refusal is not None:
            raise DamagedError(refusal)

    def _quick_check(self) -> str:
        try:
            checker = open_raw(self.conn.path)
        except DamagedError as error:
            return str(error)
        try:
            return checker.execute("PRAGMA quick_check").fetchone()[0]
        except SQLiteError as error:
            return str(error)
        finally:
            checker.close()

    @property
    def path(self) -> Path:
        """Where the database file lives."""
        return self.conn.path

    def version(self) -> tuple[str, int, int]:
        """Changes whenever anything in the file changes: screens re-read only then."""
        return self.conn.version()

    def check(self) -> list[str]:
        """Integrity and foreign-key problems; empty when healthy."""
        with self.conn.read() as db:
            return problems(db)

    def backup(self, dest: Path) -> Path:
        """A consistent copy through the online backup API."""
        return backup(self.conn, dest)

    def auto_backup(self, folder: Path) -> Path:
        """The backup taken when the app opens the database; keeps the configured number."""
        return rotate(self.conn, folder, int(self.settings.get("backups_kept")))

    def close(self) -> None:
        """Close the database."""
        self.conn.close()
