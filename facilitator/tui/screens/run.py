"""Run a session: the timed agenda, who came, anonymous check-ins, handouts, and closing."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from rich.cells import cell_len
from rich.text import Text
from textual import events
from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widget import Widget
from textual.widgets import (
    Button,
    DataTable,
    Digits,
    Header,
    Input,
    Label,
    Static,
    TabbedContent,
    TabPane,
    TextArea,
)
from textual.widgets.data_table import RowKey

from facilitator.core.agenda import TimedSegment, replan
from facilitator.core.clock import long_datetime, starts_in
from facilitator.core.errors import FacilitatorError, quoted
from facilitator.core.model import (
    CheckIn,
    Group,
    Member,
    Occurrence,
    Presence,
    Privacy,
    Resource,
    SessionStatus,
)
from facilitator.core.privacy import NOT_FOR_SHARING, aliases_mentioned
from facilitator.core.records import make_checkin
from facilitator.store import Store
from facilitator.store.connection import Error as SQLiteError
from facilitator.tui.dialogs.confirm import ConfirmDialog
from facilitator.tui.screens.base import MOST_ROWS, AppScreen
from facilitator.tui.widgets.counter import Counter
from facilitator.tui.widgets.keybar import KeyBar
from facilitator.tui.widgets.row_table import RowTable
from facilitator.tui.widgets.session_bar import SessionBar

CUE_MINUTES = 10
HANDED_OUT = ("leaflet", "book")  # the kinds with copies on the table


@dataclass
class SessionData:
    """Everything the run screen shows, read in one worker."""

    segments: list[TimedSegment]
    fitted: str  # says so when the template was scaled to the session's length
    members: list[Member]
    presence: dict[str, tuple[Presence, bool]]  # member id -> presence, first time
    headcounts: dict[str, int]
    resources: list[Resource]
    given: dict[str, int]


def read_session(
    store: Store, group: Group, occurrence: Occurrence, volunteer: bool
) -> SessionData:
    """One read for the whole screen (volunteers get attendance only)."""
    key = (occurrence.series_id, occurrence.original_start)
    rows = store.people.attendance(*key)
    presence = {row.member_id: (row.presence, row.first_time) for row in rows}
    members = store.people.members(group.id) if group.privacy is Privacy.ROSTER else []
    if volunteer:
        return SessionData([], "", members, presence, store.people.headcounts(*key), [], {})
    facts = store.documents.agenda_facts(group, occurrence)
    resources = store.resources.list(kinds=HANDED_OUT)
    return SessionData(
        list(facts.segments),
        facts.fitted,
        members,
        presence,
        store.people.headcounts(*key),
        resources,
        store.resources.handouts(*key),
    )


TAB_KEYS = ("1", "2", "3", "4")
AGENDA_KEYS = "s start now (a late start) · + / - a minute more or less for this segment"


class NameFilter(Input):
    """The attendance filter. While it is empty, 1-4 still switch tabs: names do not
    begin with a digit, and the person at the door should not have to leave the box."""

    def check_consume_key(self, key: str, character: str | None) -> bool:
        if not self.value and key in TAB_KEYS:
            return False
        return super().check_consume_key(key, character)


START_NOW_EARLIEST = timedelta(minutes=30)  # before the booked start: setting up early


class RunSessionScreen(AppScreen):
    """One session, from the keyboard: tabs for agenda, attendance, check-ins and handouts."""

    BINDINGS = [
        Binding("ctrl+s", "close_session", "Close session", id="close-session"),
        # Before the filter's own ctrl+w (delete a word), so a walk-in works while typing.
        Binding("ctrl+w", "walk_in", "Walk-in", priority=True, id="walk-in"),
        Binding("ctrl+e", "export", "Print/export", id="export"),
        Binding("s", "start_now", "Start now", id="start-now"),
        Binding("space", "toggle_present", "Present", show=False, id="toggle-present"),
        Binding("f", "toggle_first_time", "First time", show=False, id="toggle-first"),
        Binding("plus,equals_sign", "more", "+1", show=False, id="more"),
        Binding("minus", "less", "-1", show=False, id="less"),
        # Before the empty attendance filter (see NameFilter), so 1-4 switch tabs from it.
        *(
            Binding(key, f"tab({key})", f"Tab {key}", show=False, priority=True, id=f"tab-{key}")
            for key in TAB_KEYS
        ),
    ]

    # The facilitator's keys, not the door's: hidden and refused in door mode.
    DOOR_HIDDEN = frozenset({"close_session", "export", "start_now"})

    def __init__(self, group: Group, occurrence: Occurrence, volunteer: bool = False) -> None:
        super().__init__()
        self.group, self.occurrence, self.volunteer = group, occurrence, volunteer
        self.data: SessionData | None = None
        self.pending: list[CheckIn] = []
        self.member_rows: list[str] = []  # the member ids in the attendance table, in order
        self.warned_text = ""
        self.cued = False
        self.clock_width = 0  # cells of the clock's text, laid out again when it changes
        self.handouts_waiting = False  # read, but not put in their table until their tab shows
        self.started_at: datetime | None = None  # "Start now": the agenda begun late (or early)
        self.extra_minutes: dict[int, int] = {}  # segment index -> minutes added with + and -
        self.plan: list[TimedSegment] = []  # the segments as they now run
        self.shown_current: int | None = None  # the segment the run-sheet last highlighted
        self.focus_when_shown = ""  # a tab chosen by its number: focus its main widget
        self.agenda_note = ""  # scaled to fit, started late, stretched: said under now and next
        self.shown_tab = "" if volunteer else "tab-agenda"  # the first tab shows first

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Door mode shows and runs only the keys that work at the door; "start now" shows
        on the agenda tab only."""
        if self.volunteer and action in self.DOOR_HIDDEN:
            return False
        if action == "start_now":
            return self._agenda_shown()
        if action == "toggle_first_time":  # elsewhere f is a letter (a handout's title, say)
            return self.focused is not None and self.focused.id == "members"
        return True

    @classmethod
    def open(cls, app, group: Group, occurrence: Occurrence, volunteer: bool = False) -> None:
        """Run a session: the screen kept from last time if it was this one, as it was left
        (its tab, its filter, its check-in slips not yet saved)."""
        # The first mark gives the occurrence a session id: it is still the same session.
        shows = (group, replace(occurrence, session_id=None), volunteer)
        app.push_kept("session", shows, lambda: cls(group, occurrence, volunteer))

    def compose(self) -> ComposeResult:
        yield Header()
        when = f"{self.occurrence.start:%a %d %b %Y %H:%M}-{self.occurrence.end:%H:%M}"
        title = f"{self.group.name}  ·  {when}  ·  {self.occurrence.room}"
        yield Static(Text(title), id="summary")
        number = iter(range(1, 5))  # the key that shows each tab, on its label
        with TabbedContent(id="tabs"):
            if not self.volunteer:
                with TabPane(f"{next(number)} Agenda", id="tab-agenda"):
                    yield from _run_sheet()
            if self.group.privacy is Privacy.ROSTER:
                with TabPane(f"{next(number)} Attendance", id="tab-attendance"):
                    yield NameFilter(
                        placeholder="Type to filter; Enter marks the one match present, "
                        "or adds a walk-in if nobody matches",
                        id="filter",
                        select_on_focus=False,  # a letter typed on the list carries on here
                    )
                    yield Static("", id="attendance-count", markup=False)
                    yield RowTable(id="members", cursor_type="row")
            else:
                with TabPane(f"{next(number)} Headcounts", id="tab-headcounts"):
                    yield Static(
                        "Counts only: no names are kept. + and - change the focused count. "
                        f"These are {NOT_FOR_SHARING}.",
                        id="counts-help",
                    )
                    for category in self.group.headcount_categories:
                        yield Counter(category)
            if not self.volunteer:
                with TabPane(f"{next(number)} Check-ins", id="tab-checkins"):
                    yield Static("", id="slips", markup=False)  # the form joins it when shown
                yield TabPane(f"{next(number)} Handouts", id="tab-handouts")  # filled when shown
        yield KeyBar()

    def on_mount(self) -> None:
        if not self.volunteer:
            table = self.query_one("#segments", DataTable)
            table.add_column("Time", width=13, key="time")
            table.add_column("Segment", width=40, key="title")
        if self.group.privacy is Privacy.ROSTER:
            members = self.query_one("#members", DataTable)
            for label, width in (("Alias", 24), ("Here", 6), ("First time", 10)):
                members.add_column(label, width=width, key=label.lower())
        self.ticker = self.set_interval(1, self.tick)
        self.refresh_data()
        self._show_slips()

    def on_screen_suspend(self) -> None:
        self.ticker.pause()  # a kept screen out of sight neither counts down nor cues

    def on_screen_resume(self) -> None:
        self.ticker.resume()
        self.tick()

    def refresh_data(self) -> None:
        group, occurrence, volunteer = self.group, self.occurrence, self.volunteer

        def read(store: Store):
            return store.version(), read_session(store, group, occurrence, volunteer)

        self.call_store("data", read)

    def loaded_data(self, value: tuple[object, SessionData]) -> None:
        version, data = value
        self.mark_read(version)
        if data == self.data:
            return  # back to a kept screen, its own changes all shown: keep the drawn rows
        self.data = data
        if not self.volunteer:
            self.agenda_note = data.fitted
            self._show_plan()
            self._show_handouts_when_seen()
        self._show_members()
        for counter in self.query(Counter):
            counter.value = data.headcounts.get(counter.category, 0)
        self.tick()

    # -- agenda run-sheet -----------------------------------------------------------------

    def _show_plan(self) -> None:
        """Lay the segments on the clock again: as read, then started late, then stretched."""
        self.plan = replan(self.data.segments, self.started_at, self.extra_minutes)
        table = self.query_one("#segments", DataTable)
        row = table.cursor_row
        table.clear()
        for seg in self.plan:
            table.add_row(Text(f"{seg.start:%H:%M}-{seg.end:%H:%M}"), Text(seg.title))
        if table.row_count:
            table.move_cursor(row=min(max(row, 0), table.row_count - 1))
        self.shown_current = None  # highlight the current segment again on the next tick
        if not self.plan:
            empty = "This agenda has no segments: add them under Agenda templates."
            self.query_one("#now-next", Static).update(empty)
        self.tick()

    def tick(self) -> None:
        """Count down the current segment, say what comes next, and fill the session's bar."""
        if self.volunteer or self.data is None or not self.plan:
            return
        now = self.app.now().astimezone(self.occurrence.start.tzinfo)
        start, end = self.plan[0].start, self.plan[-1].end
        current = next((i for i, s in enumerate(self.plan) if s.start <= now < s.end), None)
        if now < start:
            self._show_before(start, now)
        elif now >= end:
            self._show_now("0:00", "The session's time is over.", "", 1.0)
            self._show_clock("The session's time is over: close it with ctrl+s", cue=False)
        else:
            self._show_during(self.plan[current], current, start, end, now)
        if current is not None and current != self.shown_current:
            self.shown_current = current  # moved once: a look at another segment stays put
            self.query_one("#segments", DataTable).move_cursor(row=current)

    def _show_before(self, start: datetime, now: datetime) -> None:
        wait = start - now
        digits = _span(wait) if wait < timedelta(hours=1) else "--:--"
        first = self.plan[0]
        self._show_now(digits, f"Starts {starts_in(start, now)}", f"First: {first.title}", 0.0)
        minutes = round((self.plan[-1].end - start).total_seconds() / 60)
        self._show_clock(f"{start:%H:%M}-{self.plan[-1].end:%H:%M}, {minutes} minutes")

    def _show_during(
        self, part: TimedSegment, index: int, start: datetime, end: datetime, now: datetime
    ) -> None:
        following = self.plan[index + 1] if index + 1 < len(self.plan) else None
        upcoming = (
            f"Next: {following.title} at {following.start:%H:%M}"
            if following
            else f"Next: the end, at {end:%H:%M}"
        )
        done = (now - start) / (end - start)
        self._show_now(
            _span(part.end - now), f"Now: {part.title}, until {part.end:%H:%M}", upcoming, done
        )
        left = end - now
        cue = left <= timedelta(minutes=CUE_MINUTES)
        self._show_clock(f"{_span(left)} left in the session, until {end:%H:%M}", cue)
        if cue and not self.cued:
            self.cued = True
            self.notify(f"{CUE_MINUTES} minutes left: time for the closing round.")

    def _show_now(self, digits: str, now_text: str, next_text: str, done: float) -> None:
        countdown = self.query_one("#countdown", Digits)
        if countdown.value != digits:
            countdown.update(digits)
        lines = Text.assemble(
            (now_text, "bold"), "\n", next_text, "\n", self.agenda_note, "\n", (AGENDA_KEYS, "dim")
        )
        # Four lines of fixed size: the screen need not be laid out again each second.
        self.query_one("#now-next", Static).update(lines, layout=False)
        self.query_one("#session-bar", SessionBar).done = min(max(done, 0.0), 1.0)

    def _show_clock(self, text: str, cue: bool = False) -> None:
        clock = self.query_one("#clock", Static)
        # The clock is as wide as its text: lay out again only when that width changes
        # (each second's "12:34 left" is as wide as the last).
        width = cell_len(text)
        clock.update(text, layout=width != self.clock_width)
        self.clock_width = width
        clock.set_class(cue, "cue")

    def action_start_now(self) -> None:
        """Begin the agenda now, for a group that starts late: every segment shifts."""
        if not self._agenda_shown():
            raise SkipAction()
        if self.started_at is not None:  # s again: back to the planned times
            self.started_at = None
            self._show_plan()
            self._say_adjusted("The agenda follows its planned times again.")
            return
        now = self.app.now()
        occ = self.occurrence
        if not occ.start - START_NOW_EARLIEST <= now < occ.end:
            self.notify(
                "Start now works from 30 minutes before the session until its end.",
                severity="warning",
            )
            return
        self.started_at = now.astimezone(occ.start.tzinfo).replace(second=0, microsecond=0)
        self._show_plan()
        self._say_adjusted(
            f"The agenda starts now, at {self.started_at:%H:%M} (s again undoes it)."
        )

    def _stretch_current(self, minutes: int) -> None:
        """One minute more (or less) for the segment now running; the rest shift."""
        now = self.app.now()
        current = next((i for i, s in enumerate(self.plan) if s.start <= now < s.end), None)
        if current is None:
            self.notify("No segment is running now.", severity="warning")
            return
        length = self.plan[current].end - self.plan[current].start + timedelta(minutes=minutes)
        if length < timedelta(minutes=1):
            self.notify("A segment is at least one minute long.", severity="warning")
            return
        self.extra_minutes[current] = self.extra_minutes.get(current, 0) + minutes
        self._show_plan()
        part = self.plan[current]
        self._say_adjusted(f"{part.title} now ends at {part.end:%H:%M}.")

    def _say_adjusted(self, what: str) -> None:
        end = self.plan[-1].end
        planned = self.data.segments[-1].end
        if end != planned:
            shift = round((end - planned).total_seconds() / 60)
            what += f" The agenda ends at {end:%H:%M} ({shift:+d} min)."
        self.agenda_note = what
        self.tick()

    def _agenda_shown(self) -> bool:
        # Kept, not looked up: the key bar asks for every binding whenever focus moves.
        return self.shown_tab == "tab-agenda"

    # -- tabs -----------------------------------------------------------------------------

    def action_tab(self, number: int) -> None:
        """Show the tab with this number and put the focus in its main widget. (A field
        keeps the digits typed in it: Textual gives a field the keys it types first.)"""
        panes = list(self.query(TabPane))
        if number > len(panes):
            raise SkipAction()
        tabs = self.query_one("#tabs", TabbedContent)
        pane = panes[number - 1]
        if tabs.active == pane.id:
            self._focus_main(pane.id)
        else:
            self.focus_when_shown = pane.id
            tabs.active = pane.id

    def _focus_main(self, pane_id: str) -> None:
        main = {
            "tab-agenda": "#segments",
            "tab-attendance": "#filter",
            "tab-headcounts": "Counter",
            "tab-checkins": "#mood",
            "tab-handouts": "#handouts",
        }[pane_id]
        found = self.query(main)
        if found:
            found.first().focus()

    # A letter typed on a list goes to that list's filter; these keys stay the list's own.
    TYPE_TO_FILTER = {
        "#members": ("#filter", (" ", "f", "+", "=", "-")),  # present, first time
        "#handouts": ("#handout-filter", ("+", "=", "-")),  # a copy more or less
    }

    def on_key(self, event: events.Key) -> None:
        """Typing on the attendance or handouts table goes to its filter, as words to find."""
        if not event.is_printable or self.focused is None:
            return
        target = next(
            (
                (filter_id, own)
                for table_id, (filter_id, own) in self.TYPE_TO_FILTER.items()
                if self.focused.id == table_id.removeprefix("#")
            ),
            None,
        )
        if target is None or event.character in target[1]:
            return
        typed = self.query_one(target[0], Input)
        typed.focus()
        typed.cursor_position = len(typed.value)
        typed.insert_text_at_cursor(event.character)
        event.stop()
        event.prevent_default()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        """Enter on a name marks it present (or not), as space does."""
        if event.data_table.id == "members":
            member = self._highlighted_member()
            if member:
                self._set_presence(member, toggle=True)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.data_table.id == "segments" and self.data and self.data.segments:
            segment = self.data.segments[min(event.cursor_row, len(self.data.segments) - 1)]
            self.query_one("#script", Static).update(segment.script or "(no read-aloud text)")

    # -- attendance -----------------------------------------------------------------------

    def _visible_members(self) -> list[Member]:
        if self.data is None:
            return []
        words = self.query_one("#filter", Input).value.strip().casefold()
        return [m for m in self.data.members if words in m.alias.casefold()]

    def _show_members(self) -> None:
        if self.group.privacy is not Privacy.ROSTER or self.data is None:
            return
        table = self.query_one("#members", DataTable)
        row = table.cursor_row
        table.clear()
        visible = self._visible_members()
        self.member_rows = [member.id for member in visible]
        for member in visible:
            presence, first = self.data.presence.get(member.id, (None, False))
            here = "yes" if presence is Presence.PRESENT else ""
            cells = (Text(member.alias), Text(here), Text("first" if first else ""))
            table.add_row(*cells, key=member.id)
        if table.row_count:
            table.move_cursor(row=min(max(row, 0), table.row_count - 1))
        self._show_count()

    def _show_count(self) -> None:
        present = sum(1 for p, _ in self.data.presence.values() if p is Presence.PRESENT)
        # One line of fixed size: no need to lay the screen out again for each person.
        self.query_one("#attendance-count", Static).update(
            f"{present} here  ·  {NOT_FOR_SHARING}", layout=False
        )

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "filter":
            self._show_members()
        elif event.input.id == "handout-filter":
            self._show_handouts()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "filter":
            visible = self._visible_members()
            alias = event.value.strip()
            if len(visible) == 1:
                self._set_presence(visible[0], toggle=True)
                event.input.value = ""
            elif not visible and alias:
                self._add_walk_in(alias)
            elif visible:
                self.query_one("#members", DataTable).focus()
                self.notify(
                    f"{len(visible)} names match: pick one with the arrows, then Enter or space.",
                    markup=False,
                )
        elif event.input.id in ("mood", "words", "topic"):
            self._add_slip()

    def _highlighted_member(self) -> Member | None:
        visible = self._visible_members()
        table = self.query_one("#members", DataTable)
        if not visible or table.cursor_row < 0:
            return None
        return visible[min(table.cursor_row, len(visible) - 1)]

    def action_toggle_present(self) -> None:
        """Mark the highlighted member present, or not."""
        if self.group.privacy is Privacy.ROSTER and self.focused is self.query_one("#members"):
            member = self._highlighted_member()
            if member:
                self._set_presence(member, toggle=True)

    def action_toggle_first_time(self) -> None:
        """Mark the highlighted member as here for the first time, or not."""
        if self.group.privacy is Privacy.ROSTER and self.focused is self.query_one("#members"):
            member = self._highlighted_member()
            if member and self.data:
                presence, first = self.data.presence.get(member.id, (Presence.PRESENT, False))
                self._record(member, presence, not first)

    def _set_presence(self, member: Member, toggle: bool) -> None:
        presence, first = self.data.presence.get(member.id, (Presence.ABSENT, False))
        new = Presence.ABSENT if presence is Presence.PRESENT else Presence.PRESENT
        self._record(member, new, first)

    def _record(self, member: Member, presence: Presence, first: bool) -> None:
        occ = self.occurrence

        def write(store: Store):
            store.people.record(occ.series_id, occ.original_start, member.id, presence, first)
            return member.id, presence, first

        self.call_store_shown("recorded", write)

    def loaded_recorded(self, value) -> None:
        member_id, presence, first = value
        self.data.presence[member_id] = (presence, first)
        if member_id not in self.member_rows:
            self._show_members()
            return
        here = "yes" if presence is Presence.PRESENT else ""
        changed = {"here": Text(here), "first time": Text("first" if first else "")}
        self.query_one("#members", RowTable).update_row(RowKey(member_id), changed)
        self._show_count()

    def action_walk_in(self) -> None:
        """Add the name typed in the filter as a walk-in, present and first-time."""
        if isinstance(self.focused, Input | TextArea) and self.focused.id != "filter":
            raise SkipAction()  # another field: ctrl+w deletes a word there, as usual
        if self.group.privacy is not Privacy.ROSTER:
            return
        alias = self.query_one("#filter", Input).value.strip()
        if not alias:
            self.query_one("#filter", Input).focus()
            self.notify("Type the walk-in's name in the filter, then Enter.")
            return
        self._add_walk_in(alias)

    def _add_walk_in(self, alias: str) -> None:
        """Save a walk-in in the background, the filter emptied at once for the next name:
        emptied only when the save came back (slow while another process writes), it wiped
        the next name half typed, whose rest then went in as a walk-in of its own."""
        occ, day = self.occurrence, self.occurrence.start.date()
        self.query_one("#filter", Input).value = ""

        def add(store: Store) -> tuple[str, Member | str]:
            try:
                added = store.people.add_walk_in(occ.series_id, occ.original_start, alias, day)
            except (FacilitatorError, SQLiteError) as error:
                return alias, str(error)  # said with the name: the filter has moved on
            return alias, added

        self.call_store_shown("walk_in", add)

    def loaded_walk_in(self, result: tuple[str, Member | str]) -> None:
        alias, added = result
        if isinstance(added, str):
            typed = self.query_one("#filter", Input)
            if not typed.value:
                typed.value = alias  # back to correct it, unless the next name is being typed
            self.notify(
                f"{quoted(alias)} was not added: {added}",
                title="Not saved",
                severity="error",
                markup=False,
            )
            return
        member = added
        self.data.members = sorted([*self.data.members, member], key=lambda m: m.alias.casefold())
        self.data.presence[member.id] = (Presence.PRESENT, True)
        self._show_members()
        self.notify(f"Walk-in added: {member.alias}", markup=False)

    # -- headcounts -----------------------------------------------------------------------

    def on_counter_changed(self, event: Counter.Changed) -> None:
        occ, category, value = self.occurrence, event.counter.category, event.value
        self.call_store(
            "headcount",
            lambda store: store.people.set_headcount(
                occ.series_id, occ.original_start, category, value
            ),
        )

    # -- check-ins ------------------------------------------------------------------------
    # The slip form is mounted when its tab first shows (see on_tabbed_content_tab_activated).

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "add-slip":
            self._add_slip()
        elif event.button.id == "save-slips":
            self._save_slips()

    def _add_slip(self) -> None:
        mood, words, topic = (
            self.query_one(f"#{name}", Input) for name in ("mood", "words", "topic")
        )
        try:
            slip = make_checkin(mood.value, words.value, topic.value)
        except FacilitatorError as error:
            self.query_one("#slips", Static).update(f"Not added: {error}")
            return
        if slip == CheckIn():
            return
        aliases = [m.alias for m in (self.data.members if self.data else [])]
        named = aliases_mentioned(f"{slip.words} {slip.topic_request}", aliases)
        said = f"{slip.words}|{slip.topic_request}"
        if named and self.warned_text != said:
            self.warned_text = said
            self.query_one("#slips", Static).update(
                "This slip mentions a name from the roster. Check-ins stay anonymous: edit it, "
                "or press Add again to keep it as it is."
            )
            return
        self.warned_text = ""
        self.pending.append(slip)
        for field in (mood, words, topic):
            field.value = ""
        mood.focus()
        self._show_slips()

    def action_back(self) -> None:
        """Back. A session opened while another is kept is not kept itself: leaving it
        with slips waiting asks first, as they would be gone."""
        if not self.pending or self.app.is_kept(self):
            super().action_back()
            return

        def answered(leave: bool | None) -> None:
            if leave:
                AppScreen.action_back(self)

        question = f"Leave without saving {len(self.pending)} check-in slip(s)?"
        detail = "Save them on the Check-ins tab, or close the session (ctrl+s), to keep them."
        self.app.push_screen(ConfirmDialog(question, detail, yes="Leave"), answered)

    def unsaved(self) -> str:
        """Check-in slips waiting to be saved, if any."""
        if not self.pending:
            return ""
        return f"{len(self.pending)} check-in slip(s) of {self.group.name} not saved yet"

    def _show_slips(self) -> None:
        if self.volunteer:
            return
        count = len(self.pending)
        text = (
            (
                f"{count} slip(s) waiting. They are saved shuffled, with no names and no times, "
                "when you save them or close the session."
            )
            if count
            else "No slips waiting."
        )
        self.query_one("#slips", Static).update(text)

    def _save_slips(self) -> None:
        slips, occ = list(self.pending), self.occurrence
        if not slips:
            return
        if len(slips) < self.app.k:  # a few saved at a time would show the typed order
            self.query_one("#slips", Static).update(
                f"{len(slips)} slip(s) waiting: they are saved {self.app.k} or more at a time, "
                "or all together when you close the session (ctrl+s)."
            )
            return
        self.call_store(
            "slips",
            lambda store: store.checkins.save_batch(occ.series_id, occ.original_start, slips),
        )

    def loaded_slips(self, count: int) -> None:
        self.pending = self.pending[count:]
        self._show_slips()
        self.notify("Check-in slips saved.")

    # -- handouts -------------------------------------------------------------------------

    def _visible_handouts(self) -> list[Resource]:
        if self.data is None:
            return []
        words = self.query_one("#handout-filter", Input).value.strip().casefold()
        return [r for r in self.data.resources if words in r.title.casefold()]

    def _show_handouts_when_seen(self) -> None:
        """Fill the handouts now if their tab shows, else when it opens: a hundred titles
        measured by the table were a fifth of opening a session."""
        shown = self.query_one("#tabs", TabbedContent).active == "tab-handouts"
        if shown and self.query("#handouts"):
            self._show_handouts()
        else:
            self.handouts_waiting = True

    async def on_tabbed_content_tab_activated(self, event: TabbedContent.TabActivated) -> None:
        self.shown_tab = event.pane.id
        self.refresh_bindings()  # "Start now" shows on the agenda only
        if event.pane.id == "tab-handouts" and not self.query("#handouts"):
            await event.pane.mount_all(_handouts_pane())
            self.handouts_waiting = self.data is not None
        if event.pane.id == "tab-handouts" and self.handouts_waiting:
            self._show_handouts()
        elif event.pane.id == "tab-checkins" and not self.query("#mood"):
            await event.pane.mount_all(_checkin_form(), before="#slips")
        if self.focus_when_shown == event.pane.id:
            self.focus_when_shown = ""
            self._focus_main(event.pane.id)

    def _show_handouts(self) -> None:
        self.handouts_waiting = False
        table = self.query_one("#handouts", DataTable)
        row = table.cursor_row
        table.clear()
        visible = self._visible_handouts()
        help_text = "+ and - give or take back one copy of the highlighted title."
        if len(visible) > MOST_ROWS:
            help_text += f" {len(visible)} titles match; the first {MOST_ROWS} are listed."
        self.query_one("#handouts-help", Static).update(help_text)
        for r in visible[:MOST_ROWS]:
            given = self.data.given.get(r.id, 0)
            cells = (r.title, r.kind.value, r.language, str(r.stock), str(given or ""))
            table.add_row(*(Text(cell) for cell in cells))
        if table.row_count:
            table.move_cursor(row=min(max(row, 0), table.row_count - 1))

    def action_more(self) -> None:
        """One more copy handed out, or one more in the focused headcount."""
        self._adjust(+1)

    def action_less(self) -> None:
        """One copy fewer, or one fewer in the focused headcount."""
        self._adjust(-1)

    def _adjust(self, step: int) -> None:
        if isinstance(self.focused, Counter):
            self.focused.change(step)
            return
        if self._agenda_shown() and self.data is not None:
            self._stretch_current(step)
            return
        handouts = self.query("#handouts")
        if self.data is None or not handouts or self.focused is not handouts.first():
            return
        table = self.query_one("#handouts", DataTable)
        visible = self._visible_handouts()[:MOST_ROWS]
        if not visible:
            return
        resource = visible[min(table.cursor_row, len(visible) - 1)]
        copies = max(0, self.data.given.get(resource.id, 0) + step)
        occ = self.occurrence

        def write(store: Store):
            left = store.resources.hand_out(occ.series_id, occ.original_start, resource.id, copies)
            return resource.id, copies, left

        self.call_store_shown("handed", write)

    def loaded_handed(self, value) -> None:
        resource_id, copies, left = value
        before = self.data.given.get(resource_id, 0)
        self.data.given[resource_id] = copies
        for r in self.data.resources:
            if r.id == resource_id and copies - before > r.stock:
                self.notify(
                    f"{r.title}: more copies given than the stock recorded; it now says none "
                    "are left. Correct it in the library (l) when you have counted them.",
                    markup=False,
                )
        self.data.resources = [
            replace(r, stock=left) if r.id == resource_id else r for r in self.data.resources
        ]
        self._show_handouts()

    def action_export(self) -> None:
        """Print the agenda, sign-in sheet or door sign for this session."""
        if self.volunteer:
            return
        from facilitator.tui.dialogs.export import ExportDialog

        self.app.push_screen(ExportDialog(self.group, self.occurrence))

    # -- closing --------------------------------------------------------------------------

    def action_close_session(self) -> None:
        """Mark the session held and save the waiting slips, in one transaction; a session
        that has not started yet is closed only after a yes."""
        if self.volunteer:
            self.notify("Attendance is saved as you go. The facilitator closes the session.")
            return
        started = self.app.now() >= self.occurrence.start
        if started or self.occurrence.status is SessionStatus.CANCELLED:  # the store refuses
            self._close()
            return

        def answered(close: bool | None) -> None:
            if close:
                self._close()

        when = long_datetime(self.occurrence.start, self.group.timezone)
        question = "Close a session that has not started yet?"
        detail = f"This session is on {when}. Closing it now records it as held."
        self.app.push_screen(ConfirmDialog(question, detail, yes="Close it"), answered)

    def _close(self) -> None:
        slips, occ = list(self.pending), self.occurrence
        self.call_store(
            "closed",
            lambda store: store.people.close_session(occ.series_id, occ.original_start, slips),
        )

    def loaded_closed(self, _value: object) -> None:
        self.pending = []
        self.notify("Session closed and saved.")
        self.app.pop_screen()


def _span(delta: timedelta) -> str:
    seconds = max(0, int(delta.total_seconds()))
    hours, rest = divmod(seconds, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}" if hours else f"{rest // 60}:{rest % 60:02d}"


def _run_sheet() -> list[Widget]:
    """The facilitator's clock: the time left in this segment in large digits, what is on
    now and next, a bar for the whole session, the segments, and the text to read aloud."""
    return [
        Horizontal(
            Digits("--:--", id="countdown"),
            Static("", id="now-next", markup=False),  # now, next, a note, the keys
            id="run-now",
        ),
        Horizontal(
            SessionBar(id="session-bar"),
            Static("", id="clock", markup=False),
            id="run-bar",
        ),
        DataTable(id="segments", cursor_type="row"),
        Static("", id="script", markup=False),
    ]


def _handouts_pane() -> list[Widget]:
    """A filter and the titles with copies on the table. Mounted when the Handouts tab
    first opens, like the check-in form: most sessions never open it."""
    table = RowTable(id="handouts", cursor_type="row")
    for label, width in (("Title", 36), ("Kind", 8), ("Lang", 5), ("Stock", 6), ("Given", 6)):
        table.add_column(label, width=width, key=label.lower())
    return [
        Input(placeholder="Type to find a title", id="handout-filter", select_on_focus=False),
        Static("", id="handouts-help", markup=False),
        table,
    ]


def _checkin_form() -> list[Widget]:
    """The fields of one anonymous slip. Mounted when the Check-ins tab first opens: styling
    these eight widgets was a quarter of opening every session."""
    return [
        Label("Mood 0-10 (optional)"),
        Input(id="mood", placeholder="e.g. 6", max_length=4),
        Label("A few words (optional)"),
        Input(id="words", max_length=280),
        Label("Topic request (optional)"),
        Input(id="topic", max_length=120),
        Button("Add slip (enter)", id="add-slip", variant="primary"),
        Button("Save slips now", id="save-slips"),
    ]
