"""The app's first screen is laid out and drawn once: the start is what a facilitator waits
through with a room filling up (bench/: start to first screen, against a minimal Textual app)."""

from __future__ import annotations

import inspect

from textual.widget import Widget
from textual.widgets import DataTable

from facilitator.tui.screens.home import HomeScreen
from facilitator.tui.widgets.row_table import RowTable
from tests.tui.conftest import make_app, settle


def count_cells_drawn(monkeypatch) -> list[str]:
    """Every cell the sessions table draws anew (not from its cache)."""
    drawn: list[str] = []
    original = RowTable._cell_segments

    def counted(table, cell, width):
        drawn.append(cell.plain)
        return original(table, cell, width)

    monkeypatch.setattr(RowTable, "_cell_segments", counted)
    return drawn


async def test_each_cell_of_the_home_table_is_drawn_once_when_the_app_opens(
    demo_store, monkeypatch
):
    drawn = count_cells_drawn(monkeypatch)
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        table = app.screen.query_one("#sessions", RowTable)
        shown_rows = min(table.row_count, table.size.height - 1)  # under the header
        assert shown_rows > 5
        assert len(drawn) == shown_rows * len(table.columns)  # each once, none again


async def test_home_is_laid_out_for_a_narrow_terminal_from_its_first_frame(demo_store, monkeypatch):
    widths: list[int] = []
    original = RowTable.render_lines

    def measured(table, crop):
        widths.append(table.size.width)
        return original(table, crop)

    monkeypatch.setattr(RowTable, "render_lines", measured)
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.screen.has_class("-narrow")
        assert widths and set(widths) == {80}  # never first beside the attention panel


async def test_the_files_check_begins_once_the_first_screen_shows(demo_store, monkeypatch):
    screens_at_check: list[object] = []
    app = make_app(demo_store)
    original = app.call_store

    def watched(key, action):
        if key == "verify":
            screens_at_check.append(type(app.screen).__name__)
        original(key, action)

    monkeypatch.setattr(app, "call_store", watched)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert screens_at_check == ["HomeScreen"]


def test_textual_still_has_the_layout_hook_and_idle_measuring_the_row_table_uses():
    """RowTable fits its columns in Widget._size_updated and measures its rows as
    DataTable._on_idle does (row_table.py says why). A Textual upgrade that changes either
    fails here first."""
    hook = inspect.signature(Widget._size_updated)
    assert list(hook.parameters) == ["self", "size", "virtual_size", "container_size", "layout"]
    idle = inspect.getsource(DataTable._on_idle)
    assert "self._require_update_dimensions = False" in idle
    assert "self._update_dimensions(new_rows)" in idle
    assert "self._new_rows.clear()" in idle
