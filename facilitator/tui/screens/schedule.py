"""A group's schedule: past and coming sessions; add series, cancel, move, did not occur."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Header, Static

from facilitator.core.agenda import agenda_minutes, length_mismatch
from facilitator.core.clock import today_in
from facilitator.core.dates import ParsedWhen, parse_time, parse_when
from facilitator.core.errors import InputError
from facilitator.core.model import Group, Occurrence, Presence, Scope, Series, SessionStatus
from facilitator.core.privacy import NOT_FOR_SHARING
from facilitator.core.schedule import describe_series, expand, first_start, parse_recurrence
from facilitator.store import Store
from facilitator.tui.dialogs.confirm import ConfirmDialog
from facilitator.tui.dialogs.form import Field, FormDialog, required_text
from facilitator.tui.screens.base import AppScreen
from facilitator.tui.widgets.keybar import KeyBar
from facilitator.tui.widgets.sessions import STATUS_LABELS, SessionTable

PAST_DAYS, AHEAD_DAYS = 190, 190
SCOPES = (
    ("Only this session", Scope.ONE.value),
    ("This and following", Scope.FOLLOWING.value),
    ("All upcoming sessions", Scope.ALL.value),
)


class ScheduleScreen(AppScreen):
    """Sessions of one group, six months back and ahead."""

    ROW_ACTION = "run_session"
    BINDINGS = [
        Binding("enter", "run_session", "Run", priority=True, id="run-session"),
        Binding("a", "add_series", "Add series", id="add-series"),
        Binding("n", "add_once", "One-off", id="add-once"),
        Binding("c", "cancel_session", "Cancel", tooltip="Cancel session", id="cancel-session"),
        Binding("m", "move_session", "Move", tooltip="Move session", id="move-session"),
        Binding("d", "did_not_occur", "Did not occur", id="did-not-occur"),
        Binding("u", "restore_session", "Restore", id="restore-session"),
        Binding("h", "change_schedule", "Change schedule", id="change-schedule"),
        Binding("x", "export", "Print/export", id="export"),
    ]

    def __init__(self, group: Group) -> None:
        super().__init__()
        self.group = group
        self.agenda_minutes = 0  # the group's agenda length: forms warn when it does not fit
        self._wanted: tuple[str, object] | None = None  # a session to highlight once listed

    @classmethod
    def open(cls, app, group: Group, at: Occurrence | None = None) -> None:
        """Show a group's schedule: the screen kept from last time if it was this group's;
        with `at`, that session highlighted (what c, m or u then act on)."""
        app.push_kept("schedule", group, lambda: cls(group))
        if at is not None and isinstance(app.screen, cls):
            app.screen.highlight(at)

    def highlight(self, occurrence: Occurrence) -> None:
        """Put the cursor on this session, now if it is listed, else once it is."""
        self._wanted = (occurrence.series_id, occurrence.original_start)
        if self.is_mounted:
            self._move_to_wanted()

    def _move_to_wanted(self) -> None:
        table = self.query_one(SessionTable)
        for row, item in enumerate(table.listings):
            if (item.occurrence.series_id, item.occurrence.original_start) == self._wanted:
                table.move_cursor(row=row)
                self._wanted = None
                return

    def compose(self) -> ComposeResult:
        yield Header()
        # A working screen: "Came" is exact, so the screen says it is not for sharing.
        summary = f"Schedule: {self.group.name}  ·  Came: {NOT_FOR_SHARING}"
        yield Static(Text(summary), id="summary")
        yield Static("", id="series", markup=False)
        yield SessionTable(id="sessions", present_column=True)
        yield KeyBar()

    def on_mount(self) -> None:
        self.refresh_data(jump_to_today=True)
        template_id = self.group.template_id
        self.call_store(
            "agenda_length",
            lambda store: agenda_minutes(store.templates.get(template_id) if template_id else None),
        )

    def loaded_agenda_length(self, minutes: int) -> None:
        self.agenda_minutes = minutes

    def _fits_agenda(self, text: str, _values: dict) -> str:
        """The minutes field's note: a warning when the agenda will be scaled."""
        return length_mismatch(self.agenda_minutes, [_minutes(text)])

    def refresh_data(self, jump_to_today: bool = False) -> None:
        now, group_id = self.app.now(), self.group.id
        self._jump = jump_to_today

        def read(store: Store):
            version = store.version()
            series = store.schedule.series(group_id)
            listed = store.schedule.listings(
                now - timedelta(days=PAST_DAYS), now + timedelta(days=AHEAD_DAYS), group_id
            )
            return version, series, listed

        self.call_store("sessions", read)

    def loaded_sessions(self, value) -> None:
        version, series, listed = value
        self.mark_read(version)
        lines = [describe_series(s) for s in series] or ["No schedule yet: press a to add one."]
        self.query_one("#series", Static).update("\n".join(lines))
        now = self.app.now()
        upcoming = next((i for i, item in enumerate(listed) if item.occurrence.end >= now), 0)
        self.query_one(SessionTable).show(listed, keep=upcoming if self._jump else None)
        self._jump = False
        if self._wanted is not None:
            self._move_to_wanted()

    def _chosen(self) -> Occurrence | None:
        chosen = self.query_one(SessionTable).chosen()
        if chosen is None:
            self.notify("No session selected.", severity="warning")
        return chosen.occurrence if chosen else None

    def _after(self, result: object) -> None:
        if result:
            self.refresh_data()

    # -- dates typed in this group's zone ---------------------------------------------------

    def _when(
        self, text: str, require_time: bool = True, from_day: date | None = None
    ) -> ParsedWhen:
        """Read a typed date; relative ones count from today, or from `from_day`."""
        today = from_day or today_in(self.group.timezone, self.app.now())
        return parse_when(
            text,
            today=today,
            timezone=self.group.timezone,
            date_order=self.app.date_order,
            require_time=require_time,
            near=from_day is not None,  # a move: 'wed' is the Wednesday nearest the session
        )

    def _minutes_field(self, value: str) -> Field:
        """A session's length, warning as it is typed when the agenda does not fit it."""
        return Field(
            "minutes",
            "Length in minutes",
            value=value,
            errors_for=("duration",),
            preview=self._fits_agenda,
        )

    def _preview_when(self, text: str, values: dict) -> str:
        parsed = self._when(text)
        return f"{parsed.preview}  {parsed.warning}".strip()

    # -- actions -------------------------------------------------------------------------

    def action_run_session(self) -> None:
        """Run the highlighted session."""
        occurrence = self._chosen()
        if occurrence:
            from facilitator.tui.screens.run import RunSessionScreen

            RunSessionScreen.open(self.app, self.group, occurrence)

    def action_add_series(self) -> None:
        """A new recurring schedule, with a preview of its next six dates."""
        group = self.group

        def preview(text: str, values: dict) -> str:
            rec = parse_recurrence(text)
            first = self._when(values.get("first") or "today", require_time=False).day
            at = parse_time(values.get("time") or "18:00")
            series = Series(
                "preview", group.id, first_start(rec, first, at), group.timezone, rec.rrule(), 60
            )
            zone = ZoneInfo(group.timezone)
            start = datetime.combine(first, time(0), zone)
            dates = expand(series, start, start + timedelta(days=800))[:6]
            return f"{rec.describe()}: " + ", ".join(f"{o.start:%a %d %b %Y}" for o in dates)

        def save(store: Store, values: dict):
            rec = parse_recurrence(required_text(values, "schedule", "schedule"))
            first = self._when(values["first"] or "today", require_time=False).day
            at = parse_time(required_text(values, "time", "time"))
            minutes = _minutes(values["minutes"])
            return store.schedule.add_series(group.id, rec, first, at, minutes, values["room"])

        fields = [
            Field(
                "schedule",
                "Schedule (weekly on tue, every 2 weeks on thu, monthly on the "
                "2nd tue, monthly on the last thu, monthly on day 15)",
                value="weekly on tue",
                preview=preview,
                required=True,
            ),
            Field(
                "first",
                "First date on or after",
                value="today",
                preview=lambda t, v: self._when(t, require_time=False).preview,
                errors_for=("date",),
            ),
            Field(
                "time",
                "Start time",
                value="18:30",
                preview=lambda t, v: str(parse_time(t))[:5],
                required=True,
            ),
            self._minutes_field("90"),
            Field("room", "Room (empty: the group's room)", value=""),
        ]
        self.app.push_screen(FormDialog("Add a series", fields, save), self._after)

    def action_add_once(self) -> None:
        """A one-off session."""
        from facilitator.core.schedule import Preset, Recurrence

        group = self.group

        def save(store: Store, values: dict):
            when = self._when(required_text(values, "when", "date"))
            minutes = _minutes(values["minutes"])
            return store.schedule.add_series(
                group.id, Recurrence(Preset.ONCE), when.day, when.clock, minutes, values["room"]
            )

        fields = [
            Field(
                "when",
                "Date and time",
                placeholder="e.g. 2026-12-08 18:30 or next tue 6pm",
                preview=self._preview_when,
                errors_for=("date", "time"),
                required=True,
            ),
            self._minutes_field("90"),
            Field("room", "Room (empty: the group's room)"),
        ]
        self.app.push_screen(FormDialog("Add a one-off session", fields, save), self._after)

    def action_cancel_session(self) -> None:
        """Cancel with a reason and a public notice, for one or more sessions; a session
        with attendance recorded is cancelled only after a yes that says what is kept."""
        occurrence = self._chosen()
        if occurrence is None:
            return
        if occurrence.session_id is None:  # nothing attached to it yet, so nothing recorded
            self._cancel_form(occurrence)
            return
        key = (occurrence.series_id, occurrence.original_start)
        self.call_store("recorded", lambda store: (occurrence, recorded_at(store, *key)))

    def loaded_recorded(self, value: tuple[Occurrence, list[str]]) -> None:
        occurrence, recorded = value
        if occurrence.status is not SessionStatus.HELD and not recorded:
            self._cancel_form(occurrence)
            return

        def answered(go_on: bool | None) -> None:
            if go_on:
                self._cancel_form(occurrence)

        when = f"{occurrence.start:%a %d %b %Y %H:%M}"
        held = occurrence.status is SessionStatus.HELD
        question = f"Cancel {when}? " + ("It was held." if held else "It has attendance.")
        detail = (
            f"Recorded: {', '.join(recorded or ['nothing yet'])}. Cancelling keeps these "
            f"records; Restore (u) gives the session back as it was{', held' if held else ''}."
        )
        self.app.push_screen(ConfirmDialog(question, detail, yes="Cancel it"), answered)

    def _cancel_form(self, occurrence: Occurrence) -> None:
        def save(store: Store, values: dict):
            store.schedule.cancel(
                occurrence.series_id,
                occurrence.original_start,
                values["reason"],
                values["notice"],
                Scope(values["scope"]),
            )
            return True

        fields = [
            Field("reason", "Reason (for the facilitators)", required=True),
            Field(
                "notice",
                "Public notice (printed on the door sign)",
                kind="multiline",
                errors_for=("public notice",),
            ),
            Field("scope", "Apply to", kind="select", value=Scope.ONE.value, options=SCOPES),
        ]
        title = f"Cancel {occurrence.start:%a %d %b %Y %H:%M}"
        dialog = FormDialog(title, fields, save, "Cancel the session", close_label="Keep it")
        self.app.push_screen(dialog, self._after)

    def action_move_session(self) -> None:
        """Move to another date, time or room."""
        occurrence = self._chosen()
        if occurrence is None:
            return

        session_day = occurrence.original_start.date()

        def when(text: str) -> ParsedWhen:
            # "wed 19:00" or "in 1 week" count from the session being moved, not from today.
            return self._when(text, from_day=session_day)

        def preview(text: str, values: dict) -> str:
            parsed = when(text)
            return f"{parsed.preview}  {parsed.warning}".strip()

        def save(store: Store, values: dict):
            text = str(values["when"]).strip()
            new_start = when(text).wall_time if text else None
            store.schedule.move(
                occurrence.series_id,
                occurrence.original_start,
                new_start,
                values["room"] or None,
                Scope(values["scope"]),
                values["notice"],
            )
            return True

        fields = [
            Field(
                "when",
                "New date and time, counted from this session (empty: keep)",
                placeholder="e.g. wed 19:00",
                preview=preview,
                errors_for=("date", "time", "move"),
            ),
            Field("room", "New room (empty: keep)"),
            Field(
                "notice",
                "Public notice (printed on the door sign)",
                kind="multiline",
                errors_for=("public notice",),
            ),
            Field("scope", "Apply to", kind="select", value=Scope.ONE.value, options=SCOPES),
        ]
        title = f"Move {occurrence.start:%a %d %b %Y %H:%M}"
        self.app.push_screen(FormDialog(title, fields, save), self._after)

    def action_did_not_occur(self) -> None:
        """Record that a past session did not take place."""
        occurrence = self._chosen()
        if occurrence is None:
            return

        def save(store: Store, values: dict):
            store.schedule.mark_did_not_occur(
                occurrence.series_id, occurrence.original_start, values["reason"]
            )
            return True

        fields = [Field("reason", "What happened (optional)")]
        title = f"Did not occur: {occurrence.start:%a %d %b %Y}"
        self.app.push_screen(FormDialog(title, fields, save), self._after)

    def action_restore_session(self) -> None:
        """Undo a cancellation or did-not-occur."""
        occurrence = self._chosen()
        if occurrence is None:
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self.call_store(
                    "restored",
                    lambda store: store.schedule.restore(
                        occurrence.series_id, occurrence.original_start
                    ),
                )

        question = f"Restore {occurrence.start:%a %d %b %Y %H:%M}?"
        detail = "It goes back to exactly how it was before it was set aside."
        self.app.push_screen(ConfirmDialog(question, detail, yes="Restore"), answered)

    def loaded_restored(self, restored: Occurrence) -> None:
        status = STATUS_LABELS[restored.status]
        self.notify(f"Restored {restored.start:%a %d %b %Y %H:%M}: {status} again.")
        self.refresh_data()

    def action_change_schedule(self) -> None:
        """From the highlighted session on, follow another schedule."""
        occurrence = self._chosen()
        if occurrence is None:
            return

        def save(store: Store, values: dict):
            rec = parse_recurrence(required_text(values, "schedule", "schedule"))
            at = parse_time(required_text(values, "time", "time"))
            return store.schedule.change_schedule(
                occurrence.series_id,
                occurrence.original_start,
                rec,
                at,
                _minutes(values["minutes"]),
                Scope(values["scope"]),
            )

        fields = [
            Field(
                "schedule",
                "New schedule",
                value="monthly on the 2nd tue",
                preview=lambda t, v: parse_recurrence(t).describe(),
                required=True,
            ),
            Field("time", "Start time", value=f"{occurrence.start:%H:%M}", required=True),
            self._minutes_field(
                str(int((occurrence.end - occurrence.start).total_seconds() // 60))
            ),
            Field("scope", "From", kind="select", value=Scope.FOLLOWING.value, options=SCOPES[1:]),
        ]
        self.app.push_screen(FormDialog("Change the schedule", fields, save), self._after)

    def action_export(self) -> None:
        """Print or export for the highlighted session."""
        chosen = self.query_one(SessionTable).chosen()
        from facilitator.tui.dialogs.export import ExportDialog

        occurrence = chosen.occurrence if chosen else None
        default = "calendar-group" if occurrence is None else None
        self.app.push_screen(ExportDialog(self.group, occurrence, default))


def recorded_at(store: Store, series_id: str, original_start: datetime) -> list[str]:
    """What a session has recorded against it, as a facilitator would list it."""
    came = sum(
        1
        for row in store.people.attendance(series_id, original_start)
        if row.presence is Presence.PRESENT
    )
    came += sum(store.people.headcounts(series_id, original_start).values())
    slips = store.checkins.summary(series_id, original_start, k=1).count  # any at all
    given = sum(store.resources.handouts(series_id, original_start).values())
    recorded = [f"{came} came"] if came else []
    recorded += ["check-in slips"] if slips else []  # how many would say too much
    recorded += [f"{given} handout(s) given"] if given else []
    return recorded


def _minutes(text: object) -> int:
    try:
        return int(str(text).strip())
    except ValueError:
        raise InputError("must be a whole number of minutes", "duration") from None
