"""A table of sessions: date and time, status, group, room. User text shown literally."""

from __future__ import annotations

from rich.text import Text

from facilitator.core.clock import MONTHS, WEEKDAYS
from facilitator.core.model import Listing, SessionStatus
from facilitator.tui.widgets.row_table import RowTable

STATUS_LABELS = {
    SessionStatus.SCHEDULED: "scheduled",
    SessionStatus.HELD: "held",
    SessionStatus.CANCELLED: "CANCELLED",
    SessionStatus.DID_NOT_OCCUR: "did not occur",
}
# Explicit widths: auto-sized columns flake in snapshots (textual #4470), and 80 columns fit.
COLUMNS = (("When", 23), ("Status", 13), ("Group", 18), ("Room", 16))


def when_text(listing: Listing) -> str:
    """'Tue  8 Dec  18:30-20:00', whatever the laptop's locale."""
    start, end = listing.occurrence.start, listing.occurrence.end
    day = f"{WEEKDAYS[start.weekday()][:3]} {start.day:2d} {MONTHS[start.month - 1][:3]}"
    return f"{day}  {start:%H:%M}-{end:%H:%M}"


def status_text(listing: Listing) -> Text:
    """The status, cancelled in bold red, with a mark when something moved."""
    occ = listing.occurrence
    text = Text(STATUS_LABELS[occ.status])
    if occ.status is SessionStatus.CANCELLED:
        text.stylize("bold red")
    if occ.moved or occ.warning:
        text.append(" *")
    return text


class SessionTable(RowTable):
    """Sessions, one a row; `chosen()` is the highlighted one."""

    def __init__(self, *, id: str | None = None, present_column: bool = False) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self.listings: list[Listing] = []
        self.present_column = present_column

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
        for item in self.listings:
            cells = [
                Text(when_text(item)),
                status_text(item),
                Text(item.group.name),
                Text(item.occurrence.room),
            ]
            if self.present_column:
                cells.append(Text("" if item.present is None else str(item.present)))
            self.add_row(*cells)
        if self.listings:
            self.move_cursor(row=min(max(row, 0), len(self.listings) - 1))

    def chosen(self) -> Listing | None:
        """The highlighted session, if any."""
        if not self.listings or self.cursor_row < 0:
            return None
        return self.listings[min(self.cursor_row, len(self.listings) - 1)]
