"""Groups: list, create and edit every field; open a group's schedule, members and reports."""

from __future__ import annotations

from collections.abc import Iterable

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Header, Static

from facilitator.core.agenda import agenda_minutes, length_mismatch
from facilitator.core.model import AgendaTemplate, Group, Privacy
from facilitator.store import Store
from facilitator.tui.dialogs.confirm import ConfirmDialog
from facilitator.tui.dialogs.form import Field, FormDialog
from facilitator.tui.screens.base import AppScreen
from facilitator.tui.widgets.keybar import KeyBar
from facilitator.tui.widgets.row_table import RowTable

PRIVACY_OPTIONS = (
    ("Roster: first names or aliases", "roster"),
    ("Counts only: no names at all", "counts"),
)


DEFAULT_AGENDA = "default"  # the select's value for no template (a blank shows no preview)


def group_fields(
    group: Group | None, templates: list[AgendaTemplate], session_minutes: Iterable[int] = ()
) -> list[Field]:
    """The group form, filled from an existing group or empty; choosing a template warns
    when it does not fit the group's session lengths."""
    g = group or Group("", "", "Europe/London")
    template_options = (("Default agenda", DEFAULT_AGENDA), *((t.name, t.id) for t in templates))
    by_id = {t.id: t for t in templates}
    lengths = tuple(session_minutes)

    def fits(choice: str, _values: dict) -> str:
        return length_mismatch(agenda_minutes(by_id.get(choice)), lengths)

    long = "multiline"
    return [
        Field("name", "Name", value=g.name, required=True),
        Field(
            "template_id",
            "Agenda template",
            kind="select",
            value=g.template_id or DEFAULT_AGENDA,
            options=template_options,
            errors_for=("template",),
            preview=fits,
        ),
        Field("description", "Description", kind=long, value=g.description),
        Field("privacy", "Privacy", kind="select", value=g.privacy.value, options=PRIVACY_OPTIONS),
        Field("timezone", "Time zone (IANA, e.g. Europe/London)", value=g.timezone, required=True),
        Field(
            "languages",
            "Printed in (main language first, comma separated: en, zh-Hans)",
            value=", ".join(g.languages),
        ),
        Field("room", "Usual room", value=g.room),
        Field("online_link", "Online link", value=g.online_link, errors_for=("online link",)),
        Field("facilitators", "Facilitators (first names)", value=g.facilitators),
        Field(
            "confidentiality",
            "Confidentiality statement",
            kind=long,
            value=g.confidentiality,
            errors_for=("confidentiality statement",),
        ),
        Field(
            "ground_rules",
            "Ground rules",
            kind=long,
            value=g.ground_rules,
            errors_for=("ground rules",),
        ),
        Field(
            "headcount_categories",
            "Headcount categories (comma separated)",
            value=", ".join(g.headcount_categories),
            errors_for=("headcount categories",),
        ),
    ]


def group_changes(values: dict) -> dict:
    """Form values as group fields."""
    changes = dict(values)
    chosen = values["template_id"]
    changes["template_id"] = None if chosen in ("", DEFAULT_AGENDA) else chosen
    changes["headcount_categories"] = [c for c in values["headcount_categories"].split(",")]
    return changes


class GroupsScreen(AppScreen):
    """Every group; Enter edits, s opens the schedule."""

    ROW_ACTION = "edit_group"
    BINDINGS = [
        Binding("n", "new_group", "New", id="new-group"),
        Binding("enter,e", "edit_group", "Edit", priority=True, id="edit-group"),
        Binding("s", "schedule", "Schedule", id="group-schedule"),
        Binding("m", "members", "Members", id="members"),
        Binding("c", "checkins", "Check-ins", id="checkins"),
        Binding("p", "reports", "Reports", id="reports"),
        Binding("z", "archive", "Archive/bring back", id="archive-group"),
        Binding("h", "show_archived", "Show archived", id="show-archived"),
        Binding("delete", "delete_group", "Delete", id="delete-group"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.groups: list[Group] = []
        self.templates: list[AgendaTemplate] = []
        self.showing_archived = False
        self.session_minutes: dict[str, set[int]] = {}  # group id -> its series' lengths

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Groups", id="summary")
        table = RowTable(id="groups", cursor_type="row", zebra_stripes=True)
        table.flexible = {"name": 30, "room": 24}  # a wide terminal shows more of each
        yield table
        yield KeyBar()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for label, width in (("Name", 30), ("Privacy", 8), ("Room", 24), ("Time zone", 16)):
            table.add_column(label, width=width, key=label.lower())
        self.refresh_data()

    def refresh_data(self) -> None:
        archived = self.showing_archived

        def read(store: Store):
            return store.groups.list(archived), store.templates.list(), store.schedule.series()

        self.call_store("groups", read)

    def loaded_groups(self, value) -> None:
        self.groups, self.templates, series = value
        self.session_minutes = {}
        for one in series:
            self.session_minutes.setdefault(one.group_id, set()).add(one.duration_minutes)
        table = self.query_one(DataTable)
        row = table.cursor_row
        table.clear()
        for g in self.groups:
            name = f"{g.name} (archived)" if g.archived else g.name
            table.add_row(*(Text(c) for c in (name, g.privacy.value, g.room, g.timezone)))
        if self.groups:
            table.move_cursor(row=min(max(row, 0), len(self.groups) - 1))
        count = len(self.groups)
        shown = f"{count} group" if count == 1 else f"{count} groups"
        if self.showing_archived:
            shown += ", archived ones too (h hides them)"
        self.query_one("#summary", Static).update(shown)

    def _chosen(self) -> Group | None:
        table = self.query_one(DataTable)
        if not self.groups:
            self.notify("No groups yet: press n to add one.", severity="warning")
            return None
        return self.groups[min(table.cursor_row, len(self.groups) - 1)]

    def _after(self, result: object) -> None:
        if result:
            self.refresh_data()

    def action_new_group(self) -> None:
        """Create a group."""
        fields = group_fields(None, self.templates)
        save = lambda store, values: store.groups.create(**group_changes(values))  # noqa: E731
        self.app.push_screen(FormDialog("New group", fields, save), self._after)

    def action_edit_group(self) -> None:
        """Edit every field of the highlighted group."""
        group = self._chosen()
        if group:
            lengths = self.session_minutes.get(group.id, set())
            fields = group_fields(group, self.templates, lengths)

            def save(store: Store, values: dict):
                changes = group_changes(values)
                # Names go only after a yes to the question that names them (_ask_counts_only).
                if group.privacy is Privacy.ROSTER and changes["privacy"] == Privacy.COUNTS:
                    changes["privacy"] = Privacy.ROSTER
                    return store.groups.update(group.id, **changes), True
                return store.groups.update(group.id, **changes), False

            def saved(result: object) -> None:
                self._after(result)
                if isinstance(result, tuple) and result[1]:
                    self._ask_counts_only(result[0])

            self.app.push_screen(FormDialog(f"Edit {group.name}", fields, save), saved)

    def _ask_counts_only(self, group: Group) -> None:
        group_id = group.id
        self.call_store(
            "counts_only_impact", lambda s: (group, s.roster.counts_only_impact(group_id))
        )

    def loaded_counts_only_impact(self, value: tuple[Group, tuple[int, int]]) -> None:
        group, (aliases, rows) = value
        if aliases == rows == 0:  # nothing to delete: nothing to ask
            self.call_store("counts_only", lambda s: s.roster.switch_to_counts(group.id))
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self.call_store("counts_only", lambda s: s.roster.switch_to_counts(group.id))
            else:
                self.notify(f"{group.name} still keeps names (roster).")

        question = f"Make {group.name} counts only?"
        detail = (
            f"{aliases} aliases and {rows} attendance records are deleted from the file for good."
            " Each session's numbers are kept as headcounts. This cannot be undone."
        )
        self.app.push_screen(ConfirmDialog(question, detail, yes="Delete the names"), answered)

    def loaded_counts_only(self, log_cleaned: bool) -> None:
        if log_cleaned:
            self.notify("Counts only now: every name is deleted.")
        else:  # as forgetting: another window's read keeps the log holding the names
            self.notify(
                "Counts only now: every name is deleted. The log is cleaned when other windows"
                " close.",
                timeout=30,
            )
        self.refresh_data()

    def action_archive(self) -> None:
        """Archive an ended group (off Home and the lists, kept in reports), or bring it back."""
        group = self._chosen()
        if group is None:
            return
        archived = not group.archived
        self.call_store("archived", lambda store: store.groups.archive(group.id, archived))

    def loaded_archived(self, group: Group) -> None:
        if group.archived:
            self.notify(f"{group.name} archived: h shows archived groups, z brings it back.")
        else:
            self.notify(f"{group.name} is back on Home and in the lists.")
        self.refresh_data()

    def action_show_archived(self) -> None:
        """Show or hide archived groups."""
        self.showing_archived = not self.showing_archived
        self.refresh_data()

    def action_delete_group(self) -> None:
        """Delete a group that has no history, after asking."""
        group = self._chosen()
        if group is not None:
            self.call_store("history", lambda store: (group, store.groups.has_history(group.id)))

    def loaded_history(self, value: tuple[Group, bool]) -> None:
        group, has_history = value
        if has_history:
            self.notify(
                f"{group.name} has sessions or members on record: z archives it instead.",
                severity="warning",
            )
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self.call_store("deleted", lambda store: store.groups.delete(group.id))

        detail = "It has no sessions on record and no members. Its schedule goes with it."
        self.app.push_screen(ConfirmDialog(f"Delete {group.name}?", detail, yes="Delete"), answered)

    def loaded_deleted(self, _value: object) -> None:
        self.notify("Deleted.")
        self.refresh_data()

    def _open(self, kind: str) -> None:
        group = self._chosen()
        if group is None:
            return
        from facilitator.tui.screens import catalogue

        if kind == "members" and group.privacy is Privacy.COUNTS:
            self.notify("This group keeps counts only: there are no members.", severity="warning")
            return
        if kind == "schedule":
            from facilitator.tui.screens.schedule import ScheduleScreen

            ScheduleScreen.open(self.app, group)
        else:
            self.app.push_screen(catalogue.make(self.app, kind, group))

    def action_schedule(self) -> None:
        """The highlighted group's schedule."""
        self._open("schedule")

    def action_members(self) -> None:
        """The highlighted group's members."""
        self._open("members")

    def action_checkins(self) -> None:
        """The highlighted group's check-ins over time."""
        self._open("checkins")

    def action_reports(self) -> None:
        """The highlighted group's reports."""
        self._open("reports")
