"""A table of sessions: date and time, status, group, room. User text shown literally."""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual.widgets.data_table import ColumnKey

from facilitator.core.clock import MONTHS, WEEKDAYS, short_date
from facilitator.core.model import Listing, SessionStatus
from facilitator.tui.widgets.row_table import RowTable

STATUS_LABELS = {
    SessionStatus.SCHEDULED: "scheduled",
    SessionStatus.HELD: "held",
    SessionStatus.CANCELLED: "CANCELLED",
    SessionStatus.DID_NOT_OCCUR: "did not occur",
}
# Explicit widths: auto-sized columns flake in snapshots (textual #4470), and 80 columns fit.
# Group and Room are the least widths: they share whatever a wider terminal adds.
COLUMNS = (("When", 23), ("Status", 13), ("Group", 18), ("Room", 10))
FLEXIBLE = {"group": 18, "room": 10}


def when_text(listing: Listing, this_year: int | None = None) -> str:
    """'Tue  8 Dec  18:30-20:00', whatever the laptop's locale; with the year,
    'Tue 8 Dec 2027 18:30-20:00', when it is not this year."""
    start, end = listing.occurrence.start, listing.occurrence.end
    weekday, hours = WEEKDAYS[start.weekday()][:3], f"{start:%H:%M}-{end:%H:%M}"
    if this_year is not None and start.year != this_year:
        return f"{weekday} {short_date(start.date(), this_year)} {hours}"
    return f"{weekday} {start.day:2d} {MONTHS[start.month - 1][:3]}  {hours}"


def status_text(listing: Listing) -> Text:
    """The status in a word or two, cancelled in bold red; a session whose time moved
    (by hand, or out of a clock change's gap) says "moved"; one only in another room says
    "new room"."""
    occ = listing.occurrence
    label = STATUS_LABELS[occ.status]
    if (occ.moved or occ.warning) and occ.status is not SessionStatus.CANCELLED:
        label = "moved" if occ.status is SessionStatus.SCHEDULED else f"{label}, moved"
    elif occ.room_moved and occ.status is SessionStatus.SCHEDULED:
        label = "new room"
    text = Text(label)
    if occ.status is SessionStatus.CANCELLED:
        text.stylize("bold red")
    return text


class SessionTable(RowTable):
    """Sessions, one a row; `chosen()` is the highlighted one."""

    def __init__(self, *, id: str | None = None, present_column: bool = False) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self.listings: list[Listing] = []
        self.present_column = present_column
        self.flexible = FLEXIBLE

    def on_mount(self) -> None:
        for label, width in COLUMNS:
            self.add_column(label, width=width, key=label.lower())
        if self.present_column:
            self.add_column("Came", width=6, key="came")

    def show(self, listings: list[Listing], keep: int | None = None) -> None:
        """Replace the rows, keeping the cursor near where it was."""
        row = self.cursor_row if keep is None else keep
        self.listings = list(listings)
        self.clear()
        this_year = self.app.now().year
        whens = [Text(when_text(item, this_year)) for item in self.listings]
        self._fit_when(whens)
        for item, when in zip(self.listings, whens, strict=True):
            cells = [
                when,
                status_text(item),
                Text(item.group.name),
                Text(item.occurrence.room),
            ]
            if self.present_column:
                cells.append(Text("" if item.present is None else str(item.present)))
            self.add_row(*cells)
        if self.listings:
            self.move_cursor(row=min(max(row, 0), len(self.listings) - 1))
        self.measure_now()

    def _fit_when(self, whens: list[Text]) -> None:
        """The When column as wide as its widest date (a year makes it wider)."""
        width = max([COLUMNS[0][1], *(cell_len(when.plain) for when in whens)])
        column = self.columns[ColumnKey("when")]
        if column.width != width:
            column.width = width
            self.fit_columns()

    def chosen(self) -> Listing | None:
        """The highlighted session, if any."""
        if not self.listings or self.cursor_row < 0:
            return None
        return self.listings[min(self.cursor_row, len(self.listings) - 1)]
