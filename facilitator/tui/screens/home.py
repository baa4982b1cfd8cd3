"""Today: the next sessions across all groups."""

from __future__ import annotations

from datetime import timedelta

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from facilitator.core.clock import MONTHS, WEEKDAYS
from facilitator.core.errors import FacilitatorError
from facilitator.core.model import Listing, SessionStatus
from facilitator.tui.messages import LoadFailed, SessionsLoaded

DAYS_AHEAD = 28
STATUS_LABELS = {
    SessionStatus.SCHEDULED: "scheduled",
    SessionStatus.HELD: "held",
    SessionStatus.CANCELLED: "CANCELLED",
    SessionStatus.DID_NOT_OCCUR: "did not occur",
}
# Explicit widths: auto-sized columns flake in snapshots (textual #4470), and 80 columns fit.
COLUMNS = (("When", 23), ("Status", 13), ("Group", 18), ("Room", 16))


class HomeScreen(Screen[None]):
    """The next four weeks of sessions, across every group."""

    BINDINGS = [Binding("r", "reload", "Reload", id="reload")]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Loading sessions…", id="summary")
        yield DataTable(id="sessions", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#sessions", DataTable)
        for label, width in COLUMNS:
            table.add_column(label, width=width, key=label.lower())
        self.load_sessions()

    def action_reload(self) -> None:
        """Read the sessions again."""
        self.load_sessions()

    @work(thread=True, exclusive=True, group="db-read", exit_on_error=False)
    def load_sessions(self) -> None:
        """Read upcoming sessions off the UI thread."""
        now = self.app.now()
        try:
            listings = self.app.store.schedule.listings(now, now + timedelta(days=DAYS_AHEAD))
        except FacilitatorError as error:
            self.post_message(LoadFailed(str(error)))
            return
        self.post_message(SessionsLoaded(listings))

    @on(SessionsLoaded)
    def show_sessions(self, message: SessionsLoaded) -> None:
        """Fill the table; every user-typed value is shown literally."""
        table = self.query_one("#sessions", DataTable)
        table.clear()
        for item in message.listings:
            table.add_row(*_cells(item))
        summary = f"{len(message.listings)} sessions in the next {DAYS_AHEAD} days"
        self.query_one("#summary", Static).update(Text(summary))

    @on(LoadFailed)
    def show_error(self, message: LoadFailed) -> None:
        """Say what went wrong where the sessions would be."""
        self.query_one("#summary", Static).update(Text(f"Could not read sessions: {message.text}"))


def _cells(item: Listing) -> tuple[Text, ...]:
    occ = item.occurrence
    day = (
        f"{WEEKDAYS[occ.start.weekday()][:3]} {occ.start.day:2d} {MONTHS[occ.start.month - 1][:3]}"
    )
    when = f"{day}  {occ.start:%H:%M}-{occ.end:%H:%M}"
    status = Text(STATUS_LABELS[occ.status])
    if occ.status is SessionStatus.CANCELLED:
        status.stylize("bold red")
    return Text(when), status, Text(item.group.name), Text(occ.room)
