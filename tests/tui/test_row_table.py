"""A row table draws text cells as DataTable does, and redraws one changed row alone."""

from __future__ import annotations

from rich.text import Text
from textual.app import App, ComposeResult
from textual.widgets import DataTable
from textual.widgets.data_table import RowKey

from facilitator.tui.widgets.row_table import RowTable


class Roster(App[None]):
    def compose(self) -> ComposeResult:
        yield RowTable()

    def on_mount(self) -> None:
        table = self.query_one(RowTable)
        table.add_column("Alias", key="alias")
        table.add_column("Here", key="here", width=5)
        for alias in ("Ade", "Bea", "Cy"):
            table.add_row(alias, "", key=alias)


def drawn(app: App) -> list[str]:
    """The table's lines as the screen shows them."""
    table = app.query_one(RowTable)
    return [strip.text for strip in table.render_lines(table.region.reset_offset)]


async def test_an_updated_cell_shows_its_new_value_on_screen():
    app = Roster()
    async with app.run_test(size=(40, 8)) as pilot:
        await pilot.pause()
        assert "yes" not in drawn(app)[2]
        app.query_one(RowTable).update_row(RowKey("Bea"), {"here": "yes"})
        await pilot.pause()
        lines = drawn(app)
        assert "Bea" in lines[2] and "yes" in lines[2]
        assert "yes" not in lines[1] and "yes" not in lines[3]
        assert app.query_one(RowTable).get_cell("Bea", "here") == "yes"


def others(table: RowTable) -> set:
    """The cached drawings of the cells outside Bea's row."""
    return {key for key in set(table._cell_render_cache.keys()) if key[0] != "Bea"}


async def test_other_rows_are_not_drawn_again():
    app = Roster()
    async with app.run_test(size=(40, 8)) as pilot:
        await pilot.pause()
        table = app.query_one(RowTable)
        table.refresh()  # the first frame is drawn before the table learns its size
        await pilot.pause()
        before = others(table)
        assert before
        table.update_row(RowKey("Bea"), {"here": "yes"})
        await pilot.pause()
        assert any(key[0] == "Bea" for key in set(table._cell_render_cache.keys()))  # redrawn
        assert others(table) == before


class Both(App[None]):
    """The same rows in a DataTable and a RowTable, side by side."""

    ROWS = (
        (Text("Thyroid Cancer Peer Circle, a name longer than its column"), Text("en")),
        (Text("罕见病家庭互助会 Rare Roots"), Text("zh")),
        (Text.assemble(("CANCELLED", "bold red"), " moved"), Text("")),
        (Text("[bold]not markup[/]"), Text("x" * 30)),
        (Text("Quiet room"), Text("fr")),
    )

    def compose(self) -> ComposeResult:
        yield DataTable(id="plain", cursor_type="row", zebra_stripes=True)
        yield RowTable(id="quick", cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        for table in self.query(DataTable):
            table.styles.height = 8
            table.add_column("Title", width=20, key="title")
            table.add_column("Lang", width=6, key="lang")
            for cells in self.ROWS:
                table.add_row(*cells)


def segments(table: DataTable) -> list[list[tuple[str, object]]]:
    """Each drawn line as (text, style) pairs, neighbours of one style joined."""
    lines = []
    for strip in table.render_lines(table.region.reset_offset):
        joined: list[tuple[str, object]] = []
        for text, style, _ in strip.simplify():
            if joined and joined[-1][1] == style:
                joined[-1] = (joined[-1][0] + text, style)
            else:
                joined.append((text, style))
        lines.append(joined)
    return lines


async def test_text_cells_are_drawn_exactly_as_datatable_draws_them():
    app = Both()
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        plain, quick = app.query_one("#plain", DataTable), app.query_one("#quick", RowTable)
        drawn = {}
        for table in (plain, quick):
            table.move_cursor(row=1)
            table.focus()  # the cursor row looks different with the focus
            await pilot.pause()
            drawn[table.id] = segments(table)
        assert drawn["quick"] == drawn["plain"]
        assert "罕见病" in "".join(text for line in drawn["quick"] for text, _ in line)


class Sized(App[None]):
    """DataTable and RowTable given the same rows: columns with widths, then one without."""

    def compose(self) -> ComposeResult:
        yield DataTable(id="plain")
        yield RowTable(id="quick")

    def on_mount(self) -> None:
        for table in self.query(DataTable):
            table.add_column("Title", width=20, key="title")
            table.add_column("Lang", width=6, key="lang")
            for n in range(30):
                table.add_row(Text(f"Leaflet {n} " * n), Text("en"))


async def test_the_scrollable_size_is_datatables_when_every_column_has_a_width():
    app = Sized()
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        plain, quick = app.query_one("#plain", DataTable), app.query_one("#quick", RowTable)
        assert quick.virtual_size == plain.virtual_size == (26 + 4, 31)


async def test_a_column_without_a_width_still_grows_with_its_widest_cell():
    app = Sized()
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        for table in app.query(DataTable):
            table.add_column("Notes", key="notes")
            table.add_row(Text("Late"), Text("fr"), Text("a note of twenty-two c"))
        await pilot.pause()
        plain, quick = app.query_one("#plain", DataTable), app.query_one("#quick", RowTable)
        assert quick.virtual_size == plain.virtual_size
        assert quick.columns["notes"].content_width == 22
