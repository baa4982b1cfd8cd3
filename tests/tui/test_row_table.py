"""A row table changes one row's cells and redraws that row alone."""

from __future__ import annotations

from textual.app import App, ComposeResult
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
