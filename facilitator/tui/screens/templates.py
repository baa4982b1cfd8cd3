"""Agenda templates: edit segments (title, minutes, read-aloud text) and see the total time."""

from __future__ import annotations

from dataclasses import replace

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import DataTable, Header, Static

from facilitator.core.agenda import PLACEHOLDERS, length_mismatch, make_segment
from facilitator.core.model import AgendaTemplate, Segment
from facilitator.core.validate import check_count
from facilitator.store import Store
from facilitator.tui.dialogs.form import Field, FormDialog
from facilitator.tui.screens.base import AppScreen
from facilitator.tui.widgets.keybar import KeyBar


class TemplatesScreen(AppScreen):
    """Templates on the left, the chosen template's segments on the right."""

    ROW_ACTION = "edit_segment"
    BINDINGS = [
        Binding("n", "new_template", "New template", id="new-template"),
        Binding("a", "add_segment", "Add segment", id="add-segment"),
        Binding("enter,e", "edit_segment", "Edit segment", priority=True, id="edit-segment"),
        Binding("delete", "remove_segment", "Remove segment", id="remove-segment"),
        Binding("ctrl+up", "move_segment(-1)", "Up", id="segment-up"),
        Binding("ctrl+down", "move_segment(1)", "Down", id="segment-down"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.templates: list[AgendaTemplate] = []
        self.session_minutes: dict[str, set[int]] = {}  # template id -> lengths of its sessions
        self.current = 0

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="summary", markup=False)
        with Horizontal():
            yield DataTable(id="templates", cursor_type="row")
            yield DataTable(id="segments", cursor_type="row")
        yield Static("", id="script", markup=False)
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#templates", DataTable).add_column("Template", width=30, key="name")
        segments = self.query_one("#segments", DataTable)
        segments.add_column("Segment", width=34, key="title")
        segments.add_column("Min", width=5, key="minutes")
        self.refresh_data()

    def refresh_data(self) -> None:
        def read(store: Store):
            return store.templates.list(), store.groups.list(), store.schedule.series()

        self.call_store("templates", read)

    def loaded_templates(self, value) -> None:
        templates, groups, series = value
        self.templates = templates
        template_of = {group.id: group.template_id or "" for group in groups}
        self.session_minutes = {}
        for one in series:
            if one.group_id in template_of:
                lengths = self.session_minutes.setdefault(template_of[one.group_id], set())
                lengths.add(one.duration_minutes)
        table = self.query_one("#templates", DataTable)
        table.clear()
        for t in templates:
            table.add_row(Text(t.name))
        if templates:
            self.current = min(self.current, len(templates) - 1)
            table.move_cursor(row=self.current)
        self._show_segments()

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.data_table.id == "templates" and self.templates:
            self.current = min(event.cursor_row, len(self.templates) - 1)
            self._show_segments()
        elif event.data_table.id == "segments":
            segment = self._segment()
            self.query_one("#script", Static).update(segment.script if segment else "")

    def _template(self) -> AgendaTemplate | None:
        return self.templates[self.current] if self.templates else None

    def _segment(self) -> Segment | None:
        template = self._template()
        if not template or not template.segments:
            return None
        row = self.query_one("#segments", DataTable).cursor_row
        return template.segments[min(max(row, 0), len(template.segments) - 1)]

    def _show_segments(self, row: int | None = None) -> None:
        template = self._template()
        table = self.query_one("#segments", DataTable)
        keep = table.cursor_row if row is None else row
        table.clear()
        summary = self.query_one("#summary", Static)
        if template is None:
            summary.update("No templates yet: press n to make one.")
            return
        for segment in template.segments:
            table.add_row(Text(segment.title), Text(str(segment.minutes)))
        if template.segments:
            table.move_cursor(row=min(max(keep, 0), len(template.segments) - 1))
        lengths = self.session_minutes.get(template.id, set())
        warning = length_mismatch(template.total_minutes, lengths)
        summary.update(
            f"{template.name}: {len(template.segments)} segments, "
            f"{template.total_minutes} minutes in all" + (f". {warning}" if warning else "")
        )

    def _save(self, template: AgendaTemplate, row: int | None = None) -> None:
        self._row_after = row
        self.call_store("saved", lambda store: store.templates.save(template))

    def loaded_saved(self, template: AgendaTemplate) -> None:
        self.templates = [template if t.id == template.id else t for t in self.templates]
        self._show_segments(self._row_after)

    def _after(self, result: object) -> None:
        if result:
            self.refresh_data()

    def action_new_template(self) -> None:
        """Make an empty template."""
        fields = [Field("name", "Template name", errors_for=("template name",), required=True)]
        save = lambda store, values: store.templates.save(AgendaTemplate("", values["name"]))  # noqa: E731
        self.app.push_screen(FormDialog("New agenda template", fields, save), self._after)

    def _segment_fields(self, segment: Segment | None) -> list[Field]:
        s = segment or Segment("", 10)
        hint = ", ".join("{" + p + "}" for p in PLACEHOLDERS)
        template = self._template()
        others = (template.total_minutes if template else 0) - (segment.minutes if segment else 0)
        lengths = self.session_minutes.get(template.id if template else "", set())

        def fits(text: str, _values: dict) -> str:
            minutes = check_count(text, "minutes", maximum=240)
            return length_mismatch(others + minutes, lengths)

        return [
            Field("title", "Title", value=s.title, errors_for=("segment title",), required=True),
            Field("minutes", "Minutes", value=str(s.minutes), preview=fits),
            Field(
                "script",
                f"Read-aloud text (placeholders: {hint})",
                kind="multiline",
                value=s.script,
                errors_for=("read-aloud text",),
            ),
        ]

    def action_add_segment(self) -> None:
        """Add a segment at the end of the template."""
        template = self._template()
        if template is None:
            return

        def save(store: Store, values: dict):
            segment = make_segment(values["title"], values["minutes"], values["script"])
            return store.templates.save(replace(template, segments=(*template.segments, segment)))

        self.app.push_screen(
            FormDialog("Add a segment", self._segment_fields(None), save), self._after
        )

    def action_edit_segment(self) -> None:
        """Edit the highlighted segment."""
        template, segment = self._template(), self._segment()
        if template is None or segment is None:
            return
        index = template.segments.index(segment)

        def save(store: Store, values: dict):
            changed = make_segment(values["title"], values["minutes"], values["script"])
            segments = list(template.segments)
            segments[index] = changed
            return store.templates.save(replace(template, segments=tuple(segments)))

        self.app.push_screen(
            FormDialog("Edit segment", self._segment_fields(segment), save), self._after
        )

    def action_remove_segment(self) -> None:
        """Remove the highlighted segment."""
        template, segment = self._template(), self._segment()
        if template and segment:
            segments = list(template.segments)
            segments.remove(segment)
            self._save(replace(template, segments=tuple(segments)))

    def action_move_segment(self, step: int) -> None:
        """Move the highlighted segment up or down."""
        template, segment = self._template(), self._segment()
        if not template or not segment:
            return
        index = template.segments.index(segment)
        target = index + step
        if 0 <= target < len(template.segments):
            segments = list(template.segments)
            segments[index], segments[target] = segments[target], segments[index]
            self._save(replace(template, segments=tuple(segments)), target)
