"""Home: the next sessions across all groups, what needs attention, and today's session."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Header, Static

from facilitator.core.model import Listing, Resource, SessionStatus
from facilitator.store import Store
from facilitator.tui.screens.base import AppScreen
from facilitator.tui.widgets.keybar import KeyBar
from facilitator.tui.widgets.sessions import SessionTable

DAYS_AHEAD = 28
LOW_STOCK = 5
ATTENTION_EACH = 5  # warnings of one kind listed before "and N more"
STOCKED_KINDS = ("leaflet", "book")  # counted on the table; links and phone lines never run out


@dataclass(frozen=True)
class Overview:
    """What the home screen shows."""

    listings: list[Listing]
    attention: list[str]
    has_groups: bool = True  # an empty database says where to begin


def overview(store: Store, now) -> Overview:
    """Upcoming sessions, and the things a facilitator should see to."""
    listings = store.schedule.listings(now, now + timedelta(days=DAYS_AHEAD))
    today = now.date()
    resources = store.resources.needing_attention(today, LOW_STOCK, STOCKED_KINDS)
    reviews = [
        f"Review due: {r.title} (since {r.review_due:%d %b %Y})"
        for r in resources
        if r.review_due and r.review_due < today
    ]
    low = [f"Low stock: {r.title} ({r.stock} left)" for r in resources if _low(r)]
    attention = _first(reviews, "reviews due", "Review overdue")
    attention += _first(low, "running low", "Low stock")
    attention += [
        f"Cancelled {item.occurrence.start:%a %d %b}: {item.group.name}; print a door sign (x)"
        for item in listings
        if item.occurrence.status is SessionStatus.CANCELLED
        and item.occurrence.start - now < timedelta(days=14)
    ]
    has_groups = bool(listings) or bool(store.groups.list())
    return Overview(listings, attention, has_groups)


def _first(lines: list[str], what: str, library_filter: str) -> list[str]:
    """A few lines of one kind, then how many more: a panel of sixty warnings helps nobody."""
    if len(lines) <= ATTENTION_EACH:
        return lines
    more = len(lines) - ATTENTION_EACH
    where = f"library (l), tick {library_filter}"
    return [*lines[:ATTENTION_EACH], f"…and {more} more {what}: {where}"]


def _low(resource: Resource) -> bool:
    return resource.kind.value in STOCKED_KINDS and 0 < resource.stock < LOW_STOCK


class HomeScreen(AppScreen):
    """The next four weeks of sessions, across every group."""

    ROW_ACTION = "run_session"
    BINDINGS = [
        Binding("escape", "back", "", show=False, id="back"),  # nowhere to go back to
        Binding("enter", "run_session", "Run session", priority=True, id="run-session"),
        Binding("t", "today", "Today's session", id="today"),
        Binding("s", "schedule", "Schedule", id="schedule"),
        Binding("x", "export", "Print/export", id="export"),
        Binding("g", "app.open('groups')", "Groups", id="groups"),
        Binding("l", "app.open('resources')", "Library", id="library"),
        Binding("a", "app.open('templates')", "Agendas", id="templates"),
        Binding("o", "app.open('settings')", "Settings", id="settings"),
        Binding("r", "reload", "Reload", show=False, id="reload"),
    ]

    def __init__(self, first: Overview | None = None) -> None:
        super().__init__()
        self.first = first  # read before the screen opened, so its first frame has the rows
        self.shown: Overview | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Loading sessions…", id="summary")
        with Horizontal(id="home"):
            yield SessionTable(id="sessions")
            yield Static("", id="attention", markup=False)
        yield KeyBar()

    def on_mount(self) -> None:
        if self.first is not None:
            self.loaded_overview(self.first)

    def on_screen_resume(self) -> None:
        """Read the sessions each time the screen shows, the first time unless read for it."""
        if self.first is not None:
            self.first = None
            return
        self.refresh_data()

    def refresh_data(self) -> None:
        now = self.app.now()
        self.call_store("overview", lambda store: overview(store, now))

    def action_reload(self) -> None:
        """Read the sessions again."""
        self.refresh_data()

    def loaded_overview(self, data: Overview) -> None:
        if data == self.shown:
            return  # back from another screen with nothing changed: keep the drawn rows
        self.shown = data
        table = self.query_one(SessionTable)
        table.show(data.listings)
        summary = f"{len(data.listings)} sessions in the next {DAYS_AHEAD} days"
        if not data.has_groups:
            summary = "No groups yet: press g, then n to add your first group."
        elif not data.listings:
            summary = (
                f"No sessions in the next {DAYS_AHEAD} days: press g, choose a group, "
                "press s for its schedule, then a to add a series."
            )
        self.query_one("#summary", Static).update(Text(summary))
        lines = ["Needs attention", ""] + (data.attention or ["Nothing: all in order."])
        self.query_one("#attention", Static).update(Text("\n".join(lines)))

    def action_run_session(self) -> None:
        """Open the highlighted session to run it."""
        chosen = self.query_one(SessionTable).chosen()
        if chosen:
            from facilitator.tui.screens.run import RunSessionScreen

            RunSessionScreen.open(self.app, chosen.group, chosen.occurrence)

    def action_today(self) -> None:
        """Start the first session today that is not cancelled."""
        today = self.app.now().date()
        table = self.query_one(SessionTable)
        for item in table.listings:
            occ = item.occurrence
            if occ.start.date() == today and occ.status is not SessionStatus.CANCELLED:
                from facilitator.tui.screens.run import RunSessionScreen

                RunSessionScreen.open(self.app, item.group, occ)
                return
        self.notify("No session today.", severity="warning")

    def action_schedule(self) -> None:
        """The highlighted session's group schedule."""
        chosen = self.query_one(SessionTable).chosen()
        if chosen:
            from facilitator.tui.screens.schedule import ScheduleScreen

            ScheduleScreen.open(self.app, chosen.group)

    def action_export(self) -> None:
        """Print or export for the highlighted session."""
        chosen = self.query_one(SessionTable).chosen()
        if chosen:
            from facilitator.tui.dialogs.export import ExportDialog

            self.app.push_screen(ExportDialog(chosen.group, chosen.occurrence))
