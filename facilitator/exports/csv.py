"""Attendance as CSV: counts per session by default; names only when asked, for roster groups."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

from facilitator.core.documents import AttendanceCounts, AttendanceName

COUNT_COLUMNS = ("group", "date", "start", "end", "status", "present", "first_time")
NAMED_COLUMNS = ("group", "date", "start", "alias", "presence", "first_time")


def _safe(text: str) -> str:
    """Text a spreadsheet will not run as a formula."""
    return f"'{text}" if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


HIDDEN = "suppressed"  # a small count, or one that would give a small count away
# UTF-8 with a byte-order mark: without one, Excel reads the file in the laptop's code page
# and a group's name in Chinese (or an accented alias) comes out garbled.
ENCODING = "utf-8-sig"


def _blank(value: int | None) -> str:
    return "" if value is None else str(value)


def _cell(row: AttendanceCounts, name: str, value: int | None) -> str:
    return HIDDEN if name in row.hidden else _blank(value)


def counts_csv(rows: Sequence[AttendanceCounts], note: str = "") -> str:
    """One row a session: date, status, present, first-time, then each headcount category;
    then the note (what is hidden and why) in a last row of its own."""
    categories: list[str] = []
    for row in rows:
        for category in row.group.headcount_categories if row.headcounts else ():
            if category not in categories:
                categories.append(category)
    header = [*COUNT_COLUMNS, *(f"headcount: {c}" for c in categories)]
    return _table(
        header,
        (
            [
                *_session_cells(row.group.name, row.occurrence),
                row.occurrence.end.isoformat(timespec="minutes"),
                row.occurrence.status.value,
                _cell(row, "present", row.present),
                _cell(row, "first_time", row.first_time),
                *(_cell(row, c, row.headcounts.get(c)) for c in categories),
            ]
            for row in rows
        ),
        note,
    )


def named_csv(rows: Sequence[AttendanceName]) -> str:
    """One row a person a session: only ever written on explicit request."""
    return _table(
        NAMED_COLUMNS,
        (
            [
                *_session_cells(row.group.name, row.occurrence),
                _safe(row.alias),
                row.presence,
                "yes" if row.first_time else "no",
            ]
            for row in rows
        ),
    )


def _session_cells(group: str, occurrence) -> list[str]:
    """The cells every row starts with: group, date, start."""
    start = occurrence.start
    return [_safe(group), start.date().isoformat(), start.isoformat(timespec="minutes")]


def _table(header: Sequence[str], rows: Iterable[list[str]], note: str = "") -> str:
    """CSV text with CRLF line ends, as spreadsheets expect."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    if note:
        writer.writerow([_safe(note)])
    return out.getvalue()
