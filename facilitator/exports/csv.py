"""Attendance as CSV: counts per session by default; names only when asked, for roster groups."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from facilitator.core.documents import AttendanceCounts, AttendanceName

COUNT_COLUMNS = ("group", "date", "start", "end", "status", "present", "first_time")
NAMED_COLUMNS = ("group", "date", "start", "alias", "presence", "first_time")


def _safe(text: str) -> str:
    """Text a spreadsheet will not run as a formula."""
    return f"'{text}" if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def _blank(value: int | None) -> str:
    return "" if value is None else str(value)


def counts_csv(rows: Sequence[AttendanceCounts]) -> str:
    """One row a session: date, status, present, first-time, then each headcount category."""
    categories: list[str] = []
    for row in rows:
        for category in row.group.headcount_categories if row.headcounts else ():
            if category not in categories:
                categories.append(category)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([*COUNT_COLUMNS, *(f"headcount: {c}" for c in categories)])
    for row in rows:
        occ = row.occurrence
        writer.writerow(
            [
                _safe(row.group.name),
                occ.start.date().isoformat(),
                occ.start.isoformat(timespec="minutes"),
                occ.end.isoformat(timespec="minutes"),
                occ.status.value,
                _blank(row.present),
                _blank(row.first_time),
                *(_blank(row.headcounts.get(c)) for c in categories),
            ]
        )
    return out.getvalue()


def named_csv(rows: Sequence[AttendanceName]) -> str:
    """One row a person a session: only ever written on explicit request."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(NAMED_COLUMNS)
    for row in rows:
        occ = row.occurrence
        writer.writerow(
            [
                _safe(row.group.name),
                occ.start.date().isoformat(),
                occ.start.isoformat(timespec="minutes"),
                _safe(row.alias),
                row.presence,
                "yes" if row.first_time else "no",
            ]
        )
    return out.getvalue()
