"""The resource library: search, filters, add, edit and delete with validation."""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Checkbox, DataTable, Header, Input, Label, Select, Static

from facilitator.core.clock import short_date
from facilitator.core.dates import parse_date
from facilitator.core.model import Resource, ResourceKind
from facilitator.store import Store
from facilitator.tui.dialogs.confirm import ConfirmDialog
from facilitator.tui.dialogs.form import Field, FormDialog
from facilitator.tui.screens.base import MOST_ROWS, AppScreen
from facilitator.tui.widgets.keybar import KeyBar
from facilitator.tui.widgets.row_table import RowTable
from facilitator.tui.widgets.tickbox import TickBox

LOW_STOCK = 5
ANY = "any"
STOCKED = (ResourceKind.LEAFLET, ResourceKind.BOOK)  # copies on a table; links never run out


def search_text(r: Resource) -> str:
    """What the search looks through, case-folded (made once per read, not per key)."""
    return " ".join((r.title, r.description, r.phone, r.url, *r.categories)).casefold()


def matches(
    r: Resource,
    text: str,
    words: str,
    kind: str,
    language: str,
    category: str,
    overdue: bool,
    low: bool,
    today: date,
) -> bool:
    """Whether a resource, whose search text is given, passes the search and every filter."""
    return (
        words in text
        and kind in (ANY, r.kind.value)
        and language in (ANY, r.language)
        and (category == ANY or category in r.categories)
        and (not overdue or (r.review_due is not None and r.review_due < today))
        and (not low or (r.kind in STOCKED and r.stock < LOW_STOCK))
    )


class ResourcesScreen(AppScreen):
    """Every entry, filtered as you type."""

    ROW_ACTION = "edit_resource"
    AUTO_FOCUS = "#resources"
    BINDINGS = [
        Binding("n", "add_resource", "Add", id="add-resource"),
        Binding("enter,e", "edit_resource", "Edit", id="edit-resource"),
        Binding("delete", "delete_resource", "Delete", id="delete-resource"),
        Binding("slash", "search", "Search", id="search"),
        Binding("x", "export", "Handout sheet", id="export-handouts"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.resources: list[Resource] = []
        self.texts: list[str] = []  # search_text of each resource, in the same order
        self.shown: list[Resource] = []

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(placeholder="Search titles, descriptions, numbers, links (/)", id="search")
        with Horizontal(id="filters"):
            for ident, label in (
                ("kind", "Kind"),
                ("language", "Language"),
                ("category", "Category"),
            ):
                with Vertical(classes="filter"):
                    yield Label(label, classes="filter-label")
                    yield Select([(ANY, ANY)], value=ANY, allow_blank=False, id=ident)
            yield TickBox("Review overdue", id="overdue")
            yield TickBox("Low stock", id="low")
        yield Static("", id="summary", markup=False)
        yield RowTable(id="resources", cursor_type="row", zebra_stripes=True)
        yield KeyBar()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        columns = (
            ("Title", 30),
            ("Kind", 12),
            ("Lang", 5),
            ("Phone", 14),
            ("Review", 11),
            ("Stock", 6),
        )
        for label, width in columns:
            table.add_column(label, width=width, key=label.lower())
        table.flexible = {"title": 30}  # a wide terminal shows more of each title
        self.query_one("#kind", Select).set_options(
            [(ANY, ANY), *((k.value, k.value) for k in ResourceKind)]
        )
        self.refresh_data()

    def refresh_data(self) -> None:
        self.call_store("resources", lambda store: (store.version(), store.resources.list()))

    def loaded_resources(self, value: tuple[object, list[Resource]]) -> None:
        version, resources = value
        self.mark_read(version)
        self.resources = resources
        self.texts = [search_text(r) for r in resources]
        languages = sorted({r.language for r in resources})
        categories = sorted({c for r in resources for c in r.categories}, key=str.casefold)
        for ident, values in (("#language", languages), ("#category", categories)):
            select = self.query_one(ident, Select)
            current = select.value
            select.set_options([(ANY, ANY), *((Text(v), v) for v in values)])
            select.value = current if current in values else ANY
        self.apply_filters()

    def apply_filters(self) -> None:
        """Show the entries that match the search and filters."""
        today = self.app.today()
        words = self.query_one("#search", Input).value.strip().casefold()
        kind, language, category = (
            self.query_one(f"#{n}", Select).value for n in ("kind", "language", "category")
        )
        overdue, low = (
            self.query_one("#overdue", Checkbox).value,
            self.query_one("#low", Checkbox).value,
        )
        self.shown = [
            r
            for r, text in zip(self.resources, self.texts, strict=True)
            if matches(r, text, words, kind, language, category, overdue, low, today)
        ]
        table = self.query_one(DataTable)
        table.clear()
        for r in self.shown[:MOST_ROWS]:
            review = short_date(r.review_due, today.year) if r.review_due else ""
            stock = str(r.stock) if r.kind in STOCKED else ""
            cells = (r.title, r.kind.value, r.language, r.phone, review, stock)
            table.add_row(*(Text(c) for c in cells))
        summary = f"{len(self.shown)} of {len(self.resources)} resources"
        if len(self.shown) > MOST_ROWS:
            summary += f"; the first {MOST_ROWS} are listed, type to narrow them"
        self.query_one("#summary", Static).update(summary)

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "search":
            self.apply_filters()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in the search: on to the entries it found."""
        if event.input.id == "search":
            self.query_one(DataTable).focus()

    def on_select_changed(self, _event: Select.Changed) -> None:
        self.apply_filters()

    def on_checkbox_changed(self, _event: Checkbox.Changed) -> None:
        self.apply_filters()

    def action_search(self) -> None:
        """Jump to the search box."""
        self.query_one("#search", Input).focus()

    def _chosen(self) -> Resource | None:
        if not self.shown:
            return None
        return self.shown[min(self.query_one(DataTable).cursor_row, len(self.shown) - 1)]

    def _after(self, result: object) -> None:
        if result:
            self.refresh_data()

    def _fields(self, r: Resource | None) -> list[Field]:
        r = r or Resource("", "", ResourceKind.LEAFLET)
        kinds = tuple((k.value, k.value) for k in ResourceKind)
        return [
            Field("title", "Title", value=r.title, required=True),
            Field("kind", "Kind", kind="select", value=r.kind.value, options=kinds),
            Field("phone", "Phone", value=r.phone),
            Field("url", "Web address", value=r.url),
            Field("language", "Language code", value=r.language),
            Field("categories", "Categories (comma separated)", value=", ".join(r.categories)),
            Field("description", "Description", kind="multiline", value=r.description),
            Field(
                "review_due",
                "Review due (date, optional)",
                value=r.review_due.isoformat() if r.review_due else "",
                preview=lambda t, v: f"{self._date(t):%A %d %B %Y}",
                errors_for=("date",),
            ),
            Field("stock", "Copies in stock", value=str(r.stock), errors_for=("copies in stock",)),
        ]

    def _date(self, text: str) -> date:
        return parse_date(text, today=self.app.today(), date_order=self.app.date_order)

    def _values(self, values: dict) -> dict:
        fields = dict(values)
        fields["categories"] = values["categories"].split(",")
        text = values["review_due"].strip()
        fields["review_due"] = self._date(text) if text else None
        return fields

    def action_add_resource(self) -> None:
        """Add an entry, checked field by field."""
        save = lambda store, values: store.resources.add(**self._values(values))  # noqa: E731
        self.app.push_screen(FormDialog("Add a resource", self._fields(None), save), self._after)

    def action_edit_resource(self) -> None:
        """Edit the highlighted entry."""
        chosen = self._chosen()
        if chosen:

            def save(store: Store, values: dict):
                return store.resources.update(chosen.id, **self._values(values))

            self.app.push_screen(
                FormDialog(f"Edit {chosen.title}", self._fields(chosen), save), self._after
            )

    def action_delete_resource(self) -> None:
        """Delete the highlighted entry, after asking."""
        chosen = self._chosen()
        if chosen is None:
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self.call_store("deleted", lambda store: store.resources.delete(chosen.id))

        self.app.push_screen(ConfirmDialog(f"Delete {chosen.title}?", yes="Delete"), answered)

    def loaded_deleted(self, _value: object) -> None:
        self.refresh_data()

    def action_export(self) -> None:
        """Print the handout sheet."""
        from facilitator.tui.dialogs.export import ExportDialog

        self.app.push_screen(ExportDialog(None, None, "handouts"))
