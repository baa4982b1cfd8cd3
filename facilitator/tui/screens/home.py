"""Home: the next sessions across all groups, what needs attention, and today's session."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Header, Static

from facilitator.core.clock import long_datetime, today_in
from facilitator.core.model import Listing, Resource, SessionStatus
from facilitator.store import Store
from facilitator.tui.screens.base import AppScreen
from facilitator.tui.widgets.keybar import KeyBar
from facilitator.tui.widgets.sessions import SessionTable

DAYS_AHEAD = 28
RECENTLY_ENDED = timedelta(hours=4)  # people close a session late: it stays on Home a while
UNCLOSED_DAYS = timedelta(days=14)  # a session left scheduled this long ago is flagged
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
    """Today's sessions (begun, ended or to come), the next weeks', and what to see to."""
    # Two weeks back: today's in every zone (a day and a bit), and sessions left unclosed.
    listed = store.schedule.listings(now - UNCLOSED_DAYS, now + timedelta(days=DAYS_AHEAD))
    listings = [item for item in listed if _on_home(item, now)]
    unclosed = [
        f"Not closed: {item.occurrence.start:%a %d %b} {item.group.name}; open it from its"
        " schedule (s) to record who came"
        for item in listed
        if item.occurrence.status is SessionStatus.SCHEDULED
        and item.occurrence.end < now - RECENTLY_ENDED
    ]
    today = now.date()
    resources = store.resources.needing_attention(today, LOW_STOCK, STOCKED_KINDS)
    reviews = [
        f"Review due: {r.title} (since {r.review_due:%d %b %Y})"
        for r in resources
        if r.review_due and r.review_due < today
    ]
    low = [f"Low stock: {r.title} ({r.stock} left)" for r in resources if _low(r)]
    attention = unclosed[-ATTENTION_EACH:]  # the latest: older ones are likely not to be
    attention += _first(reviews, "reviews due", "Review overdue")
    attention += _first(low, "running low", "Low stock")
    attention += [
        f"Cancelled {item.occurrence.start:%a %d %b}: {item.group.name}; print a door sign (x)"
        for item in listings
        if item.occurrence.status is SessionStatus.CANCELLED
        and item.occurrence.start - now < timedelta(days=14)
    ]
    attention += [
        _moved_line(item)
        for item in listings
        if (item.occurrence.moved or item.occurrence.room_moved)
        and item.occurrence.status is not SessionStatus.CANCELLED
        and item.occurrence.start - now < timedelta(days=14)
    ]
    has_groups = bool(listings) or bool(store.groups.list())
    return Overview(listings, attention, has_groups)


def _moved_line(item: Listing) -> str:
    """The old date first: the door sign goes up where people will look for the session.
    A session only in another room says which: people wait at the usual door."""
    was, now = item.occurrence.original_start, item.occurrence.start
    if not item.occurrence.moved:
        where = f"Room changed {now:%a %d %b %H:%M} to {item.occurrence.room}"
        return f"{where}: {item.group.name}; print a door sign (x)"
    moved = f"Moved {was:%a %d %b} to {now:%a %d %b %H:%M}"
    return f"{moved}: {item.group.name}; print a door sign (x)"


def _on_home(item: Listing, now: datetime) -> bool:
    """Not over yet, or today's where the group meets, or ended only a few hours ago."""
    occ = item.occurrence
    today = today_in(item.group.timezone, now)
    return occ.end > now - RECENTLY_ENDED or occ.start.date() == today


def happening_now(listings: list[Listing], now: datetime) -> Listing | None:
    """The session `t` opens: the one under way, else the next one today in its group's
    zone (never a cancelled one)."""
    usable = [i for i in listings if i.occurrence.status is not SessionStatus.CANCELLED]
    under_way = [i for i in usable if i.occurrence.start <= now < i.occurrence.end]
    later_today = [
        i
        for i in usable
        if i.occurrence.start > now and i.occurrence.start.date() == today_in(i.group.timezone, now)
    ]
    return next(iter(under_way + later_today), None)


def no_session_today(listings: list[Listing], now: datetime) -> str:
    """What `t` says when nothing is on today: when the next session is."""
    upcoming = [
        i
        for i in listings
        if i.occurrence.start > now and i.occurrence.status is not SessionStatus.CANCELLED
    ]
    if not upcoming:
        return f"No session today, and none in the next {DAYS_AHEAD} days."
    following = upcoming[0]
    when = long_datetime(following.occurrence.start, following.group.timezone)
    return f"No session today. The next is {following.group.name} on {when}."


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
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]
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
        table = self.query_one(SessionTable)
        first_time = self.shown is None
        self.shown = data
        now = self.app.now()
        # The first time, the cursor starts on the first session not yet over.
        coming = next((i for i, x in enumerate(data.listings) if x.occurrence.end > now), 0)
        table.show(data.listings, keep=coming if first_time else None)
        summary = f"{len(data.listings)} sessions today and in the next {DAYS_AHEAD} days"
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
        """Open the session under way, else the next one today; else say when the next is."""
        now, listings = self.app.now(), self.query_one(SessionTable).listings
        found = happening_now(listings, now)
        if found is None:
            self.notify(no_session_today(listings, now), severity="warning", markup=False)
            return
        from facilitator.tui.screens.run import RunSessionScreen

        RunSessionScreen.open(self.app, found.group, found.occurrence)

    def action_schedule(self) -> None:
        """The highlighted session's group schedule."""
        chosen = self.query_one(SessionTable).chosen()
        if chosen:
            from facilitator.tui.screens.schedule import ScheduleScreen

            ScheduleScreen.open(self.app, chosen.group, at=chosen.occurrence)

    def action_export(self) -> None:
        """Print or export for the highlighted session."""
        chosen = self.query_one(SessionTable).chosen()
        if chosen:
            from facilitator.tui.dialogs.export import ExportDialog

            self.app.push_screen(ExportDialog(chosen.group, chosen.occurrence))
