"""Members of a roster group: aliases, first and last attended, rate; rename and forget."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Header, Static

from facilitator.core.model import Group
from facilitator.store import Store
from facilitator.store.attendance import MemberStats
from facilitator.tui.dialogs.confirm import ConfirmDialog
from facilitator.tui.dialogs.form import Field, FormDialog
from facilitator.tui.screens.base import AppScreen
from facilitator.tui.widgets.keybar import KeyBar


class MembersScreen(AppScreen):
    """A group's members and their attendance history."""

    ROW_ACTION = "rename"
    BINDINGS = [
        Binding("n", "add_member", "Add", id="add-member"),
        Binding("r", "rename", "Rename", id="rename"),
        Binding("delete,f", "forget", "Forget", id="forget"),
        Binding("o", "offer_stale", "Not seen lately", id="offer-stale"),
    ]

    def __init__(self, group: Group) -> None:
        super().__init__()
        self.group = group
        self.stats: list[MemberStats] = []

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(Text(f"Members: {self.group.name}"), id="summary")
        yield DataTable(id="members", cursor_type="row", zebra_stripes=True)
        yield KeyBar()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for label, width in (("Alias", 24), ("First came", 12), ("Last came", 12), ("Rate", 6)):
            table.add_column(label, width=width, key=label.lower())
        self.refresh_data()

    def refresh_data(self) -> None:
        group_id = self.group.id
        self.call_store("stats", lambda store: store.roster.stats(group_id))

    def loaded_stats(self, stats: list[MemberStats]) -> None:
        self.stats = stats
        table = self.query_one(DataTable)
        row = table.cursor_row
        table.clear()
        for s in stats:
            rate = f"{s.rate:.0%}" if s.rate is not None else ""
            first = f"{s.first_attended:%d %b %Y}" if s.first_attended else ""
            last = f"{s.last_attended:%d %b %Y}" if s.last_attended else ""
            table.add_row(Text(s.member.alias), Text(first), Text(last), Text(rate))
        if stats:
            table.move_cursor(row=min(max(row, 0), len(stats) - 1))

    def _chosen(self) -> MemberStats | None:
        if not self.stats:
            return None
        return self.stats[min(self.query_one(DataTable).cursor_row, len(self.stats) - 1)]

    def _after(self, result: object) -> None:
        if result:
            self.refresh_data()

    def action_add_member(self) -> None:
        """Add an alias to the group."""
        group_id = self.group.id
        fields = [Field("alias", "First name or alias", required=True)]
        save = lambda store, values: store.people.add_member(group_id, values["alias"])  # noqa: E731
        self.app.push_screen(FormDialog("Add a member", fields, save), self._after)

    def action_rename(self) -> None:
        """Give the highlighted member another alias."""
        chosen = self._chosen()
        if chosen:
            member_id = chosen.member.id
            fields = [Field("alias", "New alias", value=chosen.member.alias, required=True)]

            def save(store: Store, values: dict):
                return store.roster.rename(member_id, values["alias"])

            self.app.push_screen(FormDialog("Rename", fields, save), self._after)

    def action_forget(self) -> None:
        """Really delete the highlighted member and their attendance, after asking."""
        chosen = self._chosen()
        if chosen is None:
            return
        member_id = chosen.member.id

        def answered(yes: bool | None) -> None:
            if yes:
                self.call_store("forgotten", lambda store: store.roster.forget(member_id))

        question = f"Forget {chosen.member.alias}?"
        detail = "Their alias and every attendance record are deleted. This cannot be undone."
        self.app.push_screen(ConfirmDialog(question, detail, yes="Forget"), answered)

    def action_offer_stale(self) -> None:
        """Offer for deletion the members not seen for the retention period."""
        months = self.app.retention_months
        if months == 0:
            self.notify("Retention is off (0 months) in settings.")
            return
        group_id, today = self.group.id, self.app.today()
        self.call_store("stale", lambda store: store.roster.stale(group_id, months, today))

    def loaded_stale(self, stale: list[MemberStats]) -> None:
        months = self.app.retention_months
        if not stale:
            self.notify(f"Everyone has come in the last {months} months.")
            return
        ids = [s.member.id for s in stale]

        def answered(yes: bool | None) -> None:
            if yes:
                self.call_store("forgotten", lambda store: store.roster.forget(*ids))

        names = ", ".join(s.member.alias for s in stale)
        question = f"Forget {len(stale)} member(s) not seen for {months} months?"
        detail = f"{names}\nTheir aliases and attendance are deleted. This cannot be undone."
        self.app.push_screen(ConfirmDialog(question, detail, yes="Forget"), answered)

    def loaded_forgotten(self, log_cleaned: bool) -> None:
        if log_cleaned:
            self.notify("Forgotten.")
        else:  # another window or a backup is reading: the log keeps the alias until then
            self.notify(
                "Forgotten: removed from the records. The log is cleaned when other windows close.",
                timeout=30,
            )
        self.refresh_data()
