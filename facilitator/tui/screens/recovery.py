"""A damaged database: say so, write nothing, and offer the backups to restore from."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static

from facilitator.core.errors import FacilitatorError
from facilitator.paths import backups_dir
from facilitator.store.backup import backups_of, restore
from facilitator.store.cipher import Key, opens
from facilitator.tui.dialogs.confirm import ConfirmDialog
from facilitator.tui.widgets.keybar import KeyBar


@dataclass(frozen=True)
class Backup:
    """One backup file that could be restored."""

    path: Path
    taken: datetime
    size: int


def list_backups(database: Path, folder: Path) -> list[Backup]:
    """The database's backups in a folder, newest first (set-aside damaged files and other
    databases' backups are not offered)."""
    found = []
    for path in backups_of(database, folder):
        stat = path.stat()
        found.append(Backup(path, datetime.fromtimestamp(stat.st_mtime, UTC), stat.st_size))
    return found[::-1]


class RecoveryScreen(Screen[Path]):
    """Shown instead of the app when the database fails its check; dismissed with the
    backup restored. Nothing is written to the database until a backup is chosen."""

    BINDINGS = [
        Binding("enter", "restore", "Restore this backup", priority=True, id="restore"),
        Binding("ctrl+q", "app.quit", "Quit, changing nothing", priority=True, id="quit"),
    ]

    def __init__(self, database: Path, problem: str, key: Key | None = None) -> None:
        super().__init__()
        self.database = database
        self.key = key  # an encrypted database's: the restored file keeps it
        self.problem = problem
        self.backups: list[Backup] = []

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(
            Text(
                f"The database {self.database} failed its check and has not been opened "
                f"for writing.\n{self.problem}\n\n"
                "Choose a backup and press Enter to restore it. The damaged file is kept "
                "in the backups folder, untouched. Ctrl+Q quits without changing anything."
            ),
            id="recovery-problem",
        )
        table = DataTable(id="recovery-backups", cursor_type="row", zebra_stripes=True)
        table.add_columns("Backup", "Taken (UTC)", "Size")
        yield table
        yield KeyBar()

    def on_mount(self) -> None:
        self.sub_title = "recovery"
        self._find_backups()

    @work(thread=True, exit_on_error=False)
    def _find_backups(self) -> None:
        found = list_backups(self.database, backups_dir(self.database))
        self.app.call_from_thread(self._show_backups, found)

    def _show_backups(self, found: list[Backup]) -> None:
        self.backups = found
        table = self.query_one(DataTable)
        table.clear()
        for backup in found:
            size = f"{backup.size / 1_000_000:.1f} MB"
            table.add_row(Text(backup.path.name), f"{backup.taken:%Y-%m-%d %H:%M}", size)
        if not found:
            self.notify(
                "There are no backups beside this database. Quit and ask for help: "
                "the damaged file has not been changed.",
                severity="error",
                timeout=30,
            )
        table.focus()

    def action_restore(self) -> None:
        """Restore the highlighted backup, after asking."""
        table = self.query_one(DataTable)
        if not self.backups or table.cursor_row >= len(self.backups):
            self.notify("There is no backup to restore", severity="warning")
            return
        chosen = self.backups[table.cursor_row]
        question = f"Restore {chosen.path.name}?"
        detail = (
            "Anything recorded after this backup was taken is not in it. "
            "The damaged database is moved into the backups folder, not deleted."
        )
        self.app.push_screen(
            ConfirmDialog(question, detail, yes="Restore"),
            lambda yes: self._restore(chosen.path) if yes else None,
        )

    @work(thread=True, exclusive=True, exit_on_error=False)
    def _restore(self, source: Path) -> None:
        try:
            backup_key = self.key if self.key and opens(source, self.key) else None
            restore(
                source,
                self.database,
                keep_in=backups_dir(self.database),
                key=backup_key,
                live_key=self.key,
            )
        except (FacilitatorError, OSError) as error:
            message = f"Nothing was restored: {error}"
            self.app.call_from_thread(self.notify, message, severity="error", markup=False)
            return
        self.app.call_from_thread(self.dismiss, source)
