"""A DataTable that draws its one-line text cells itself and redraws one row at a time.

DataTable sends every cell through Rich (Styled, Padding, Text: wrap, split, crop, pad),
and update_cell keeps one change counter for the whole table, so marking one person present
re-rendered every visible cell: about 50 ms for a 30-row roster on a small laptop, at the
door, for each person. Both use DataTable's private caches; Textual is pinned exactly and
tests/tui/test_row_table.py checks the drawing is the same as DataTable's.
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.css.styles import RenderStyles
from textual.geometry import Region, Size
from textual.strip import Strip
from textual.widgets import DataTable
from textual.widgets.data_table import CellType, ColumnKey, RowKey


class RowTable(DataTable):
    """`update_row` changes cells of one row and forgets only that row's drawing; plain
    one-line Text cells are drawn directly, everything else as DataTable draws it."""

    _pass: dict | None = None  # the styles of one drawing pass, while it lasts
    # Text columns (key: least width) that share out the width the others leave, so a wide
    # terminal shows more of a name instead of an empty margin. Worked out on resize only.
    flexible: dict[str, int] = {}

    def on_resize(self, event: events.Resize) -> None:
        self.fit_columns()

    def _size_updated(
        self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True
    ) -> bool:
        # Textual's own hook, called in the layout pass just before the frame is drawn. On
        # Resize alone (sent after that frame) every new screen drew its visible rows at the
        # old widths, then again at the fitted ones: a tenth of the app's start.
        resized = super()._size_updated(size, virtual_size, container_size, layout)
        if resized:
            self.fit_columns()
        return resized

    def fit_columns(self) -> None:
        """Widen the flexible columns to fill the table, each from its least width in
        proportion to it (terminal cells, scroll bar kept clear)."""
        flexible = {k: w for k, w in self.flexible.items() if ColumnKey(k) in self.columns}
        if not flexible or not self.size.width:
            return
        padding = 2 * self.cell_padding
        fixed = sum(
            column.get_render_width(self)
            for key, column in self.columns.items()
            if key.value not in flexible
        )
        room = self.size.width - self.styles.scrollbar_size_vertical - fixed
        spare = max(room - sum(w + padding for w in flexible.values()), 0)
        least = sum(flexible.values())
        widths = {key: width + spare * width // least for key, width in flexible.items()}
        changed = False
        for key, width in widths.items():
            column = self.columns[ColumnKey(key)]
            if column.width != width or column.auto_width:
                column.width, column.auto_width, changed = width, False, True
        if changed:
            self._clear_caches()
            self._require_update_dimensions = True
            self.measure_now()
            self.refresh()

    def render_lines(self, crop: Region) -> list[Strip]:
        """Draw the lines, each style looked up once for all of them: DataTable asks for
        the widget's, the header's and the row's style on every line, each walking the
        widget's ancestors (~0.2 ms a line, a quarter of drawing the library's rows)."""
        self._pass = {}
        try:
            return super().render_lines(crop)
        finally:
            self._pass = None

    @property
    def rich_style(self) -> Style:
        """The widget's Rich style (worked out once per drawing pass)."""
        if self._pass is None:
            return super().rich_style
        if "widget" not in self._pass:
            self._pass["widget"] = super().rich_style
        return self._pass["widget"]

    def get_component_styles(self, *names: str) -> RenderStyles:
        """A component's styles (with its Rich style worked out once per drawing pass)."""
        if self._pass is None:
            return super().get_component_styles(*names)
        if names not in self._pass:
            self._pass[names] = _PassStyles(super().get_component_styles(*names))
        return self._pass[names]

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

    def measure_now(self) -> None:
        """Work out the scrollable size of the rows just added now, as DataTable does when
        idle: a table filled before its screen's first layout is then laid out and drawn
        once (measured when idle, its first frame was laid out and drawn again)."""
        if self._require_update_dimensions:
            self._require_update_dimensions = False
            new_rows = self._new_rows.copy()
            self._new_rows.clear()
            self._update_dimensions(new_rows)

    def _update_dimensions(self, new_rows: Iterable[RowKey]) -> None:
        """The scrollable size after rows were added. DataTable measures every new cell
        for columns sized by their content; ours all have widths, so that is needed only
        when one has none, or for row labels or rows of automatic height (a fifth of each
        keystroke of the library's filter, which lists 100 rows anew)."""
        new_rows = list(new_rows)
        measuring = any(column.auto_width for column in self.columns.values()) or any(
            row_key in self.rows and (self.rows[row_key].auto_height or self.rows[row_key].label)
            for row_key in new_rows
        )
        if measuring:
            super()._update_dimensions(new_rows)
            return
        width = sum(column.get_render_width(self) for column in self.columns.values())
        header_height = self.header_height if self.show_header else 0
        self.virtual_size = Size(
            width + self._row_label_column_width, self._total_row_height + header_height
        )

    def _render_cell(
        self,
        row_index: int,
        column_index: int,
        base_style: Style,
        width: int,
        cursor: bool = False,
        hover: bool = False,
    ) -> list[list[Segment]]:
        """A one-line text cell drawn directly: what DataTable gets from Rich's
        Styled(Padding(Text)) pipeline, about five times faster. Anything else goes the
        usual way."""
        if row_index < 0 or column_index < 0 or self.fixed_rows or self.fixed_columns:
            return super()._render_cell(row_index, column_index, base_style, width, cursor, hover)
        row_key = self._row_locations.get_key(row_index)
        column_key = self._column_locations.get_key(column_index)
        cache_key = (
            row_key,
            column_key,
            base_style,
            cursor,
            hover,
            self._show_hover_cursor,
            self._update_count,
            self._pseudo_class_state,
        )
        lines = self._cell_render_cache.get(cache_key)
        if lines is not None:
            return lines
        cell = self._get_row_renderables(row_index).cells[column_index]
        if self.rows[row_key].height != 1 or not _plain_line(cell):
            return super()._render_cell(row_index, column_index, base_style, width, cursor, hover)
        component, post = self._get_styles_to_render_cell(
            False,
            False,
            False,
            hover,
            cursor,
            self.show_cursor,
            self._show_hover_cursor,
            self.cursor_foreground_priority == "css",
            self.cursor_background_priority == "css",
        )
        pre = base_style + Style.from_meta({"row": row_index, "column": column_index})
        lines = [_styled(self._cell_segments(cell, width), pre + component, post)]
        self._cell_render_cache[cache_key] = lines
        return lines

    def _cell_segments(self, cell: Text, width: int) -> list[Segment]:
        padding = " " * self.cell_padding
        inner = max(width - 2 * self.cell_padding, 0)
        text = cell.copy()
        text.truncate(inner)
        segments = [Segment(padding, Style.null())] if padding else []
        segments += text.render(self.app.console, end="")
        if text.cell_len < inner:
            segments.append(Segment(" " * (inner - text.cell_len), Style.null()))
        if padding:
            segments.append(Segment(padding, Style.null()))
        return segments


class _PassStyles:
    """A component's styles for one drawing pass: the Rich style looked up once, the
    rest asked of the styles themselves."""

    def __init__(self, styles: RenderStyles) -> None:
        self._styles = styles
        self.rich_style = styles.rich_style

    def __getattr__(self, name: str) -> object:
        return getattr(self._styles, name)


def _plain_line(cell: object) -> bool:
    """A Text of one line, drawn left to right as it comes."""
    return (
        isinstance(cell, Text)
        and "\n" not in cell.plain
        and cell.justify in (None, "default", "left")
        and cell.overflow in (None, "fold", "crop")
        and "\t" not in cell.plain
    )


def _styled(segments: list[Segment], pre: Style, post: Style) -> list[Segment]:
    """As Rich's Segment.apply_style: the cell's style under each piece, the cursor's over."""
    styled = []
    for text, style, _control in segments:
        under = pre + style
        styled.append(Segment(text, under + post if post else under))
    return styled
