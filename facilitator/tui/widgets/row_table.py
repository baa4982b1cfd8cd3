"""A DataTable that redraws one row when that row's cells change.

DataTable.update_cell keeps one change counter for the whole table and every cached cell
carries it, so marking one person present re-renders every visible cell through Rich:
about 50 ms for a 30-row roster on a small laptop, at the door, for each person.
"""

from __future__ import annotations

from textual.widgets import DataTable
from textual.widgets.data_table import CellType, ColumnKey, RowKey


class RowTable(DataTable):
    """`update_row` changes cells of one row and forgets only that row's drawing."""

    def update_row(self, row_key: RowKey, values: dict[str, CellType]) -> None:
        """Put new values in some cells of one row (column key: value) and redraw it."""
        row = self._data[row_key]
        for column, value in values.items():
            row[ColumnKey(column)] = value
        index = self._row_locations.get(row_key)
        # The caches are keyed (row key, ...) for drawn cells and rows, and (count, row
        # index) for the cells' renderables; the line cache is rebuilt from the others.
        for cache, position, wanted in (
            (self._cell_render_cache, 0, row_key),
            (self._row_render_cache, 0, row_key),
            (self._row_renderable_cache, 1, index),
        ):
            # Textual's LRUCache offers keys() but cannot be iterated itself.
            stale = [key for key in cache.keys() if key[position] == wanted]  # noqa: SIM118
            for key in stale:
                cache.discard(key)
        self._line_cache.clear()
        self.refresh()
