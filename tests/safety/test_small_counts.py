"""No output shows a count of 1..k-1, or lets one be worked out from a shown total."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from facilitator import outputs
from facilitator.core.documents import AttendanceCounts, attendance_report, suppress_small_counts
from facilitator.core.model import Group, Occurrence, Privacy, SessionStatus
from facilitator.core.privacy import suppress_cells
from facilitator.exports.csv import counts_csv
from facilitator.store.checkins import _summarise
from tests.conftest import FROZEN_NOW

ks = st.integers(2, 10)
cells = st.lists(st.integers(0, 40), min_size=1, max_size=11)


def small(count: int | None, k: int) -> bool:
    return count is not None and 0 < count < k


@settings(max_examples=300)
@given(counts=cells, k=ks)
def test_cells_shown_are_never_small_and_what_is_hidden_cannot_be_worked_out(counts, k):
    shown = suppress_cells(counts, k)
    assert not any(small(cell, k) for cell in shown)
    hidden = sum(count for count, cell in zip(counts, shown, strict=True) if cell is None)
    if sum(counts) >= k:
        assert not small(hidden, k)  # the total minus the shown cells


@settings(max_examples=300)
@given(moods=st.lists(st.one_of(st.none(), st.integers(0, 10)), max_size=40), k=ks)
def test_a_mood_histogram_never_shows_or_gives_away_a_small_bar(moods, k):
    summary = _summarise([(mood, "") for mood in moods], k)
    if not summary.shown:
        assert summary.count is None and summary.histogram == ()
        return
    given_moods = sum(1 for mood in moods if mood is not None)
    if given_moods < k:
        assert summary.median is None and summary.histogram == ()
        return
    assert not any(small(bar, k) for bar in summary.histogram)
    assert not small(given_moods - sum(bar or 0 for bar in summary.histogram), k)


def session(status=SessionStatus.HELD) -> Occurrence:
    start = datetime(2026, 11, 17, 18, 30, tzinfo=UTC)
    return Occurrence("s1", start.replace(tzinfo=None), start, start, status, "Room 4")


GROUP = Group(id="g1", name="Circle", timezone="UTC", privacy=Privacy.COUNTS)


@settings(max_examples=300)
@given(heads=st.lists(st.integers(0, 30), min_size=1, max_size=4), first=st.integers(0, 30), k=ks)
def test_an_attendance_row_never_shows_or_gives_away_a_small_count(heads, first, k):
    categories = ["first time", "returning", "online", "children"][: len(heads)]
    headcounts = dict(zip(categories, heads, strict=True))
    present = sum(heads)
    first = min(first, present)
    row = suppress_small_counts(AttendanceCounts(GROUP, session(), present, first, headcounts), k)
    shown = {name: value for name, value in headcounts.items() if name not in row.hidden}
    assert not any(small(value, k) for value in shown.values())
    if "present" not in row.hidden:
        assert not small(present, k)
        assert not small(present - sum(shown.values()), k)
        if "first_time" not in row.hidden:
            assert not small(first, k) and not small(present - first, k)


def test_the_demo_attendance_export_holds_no_small_count(demo_store):
    k = int(demo_store.settings.get("k"))
    text = outputs.attendance(demo_store, None, FROZEN_NOW).data.decode("utf-8")
    rows = list(csv.reader(io.StringIO(text)))
    counts = [cell for row in rows[1:] for cell in row[5:]]
    assert "suppressed" in counts
    assert not any(cell.isdigit() and 0 < int(cell) < k for cell in counts)


ROSTER = Group(id="g2", name="Circle", timezone="UTC", privacy=Privacy.ROSTER)


def held_sessions(history: list[tuple[int, int]]) -> list[AttendanceCounts]:
    """A roster group's held sessions, one a week: (present, of whom first-time) each."""
    first = datetime(2026, 1, 5, 18, 0, tzinfo=UTC)
    rows = []
    for week, (present, first_time) in enumerate(history):
        start = first + timedelta(weeks=week)
        occurrence = Occurrence(
            "s1", start.replace(tzinfo=None), start, start, SessionStatus.HELD, ""
        )
        rows.append(AttendanceCounts(ROSTER, occurrence, present, first_time, {}))
    return rows


def published(history: list[tuple[int, int]], k: int):
    """Everything that leaves the room about a history: the CSV and the reports screen."""
    rows = held_sessions(history)
    csv_text = counts_csv([suppress_small_counts(row, k) for row in rows])
    return csv_text, attendance_report(rows, k)


def other_histories(history: list[tuple[int, int]], index: int, k: int):
    """The history with one session's counts changed, nearest changes first."""
    present, first_time = history[index]
    changes = [
        (other, other_first)
        for other in range(max(0, present - 2 * k), present + 2 * k)
        for other_first in range(other + 1)
        if (other, other_first) != (present, first_time)
    ]
    changes.sort(key=lambda c: abs(c[0] - present) + abs(c[1] - first_time))
    for change in changes:
        yield change, [*history[:index], change, *history[index + 1 :]]


histories = st.lists(
    st.integers(0, 30).flatmap(lambda n: st.tuples(st.just(n), st.integers(0, n))),
    min_size=1,
    max_size=6,
)


@settings(max_examples=150, deadline=None)
@given(history=histories, k=st.integers(3, 10))
def test_the_reports_figures_and_the_csv_together_give_no_hidden_count_away(history, k):
    # A hidden count is given away when every history that shows the same CSV and the same
    # reports screen has the same value there. So for each hidden one, find a history that
    # shows the same everything but differs in it.
    seen = published(history, k)
    for index, row in enumerate(held_sessions(history)):
        hidden = suppress_small_counts(row, k).hidden
        for name, value in (("present", row.present), ("first_time", row.first_time)):
            if name not in hidden:
                continue
            assert any(
                published(other, k) == seen and change[name == "first_time"] != value
                for change, other in other_histories(history, index, k)
            ), f"session {index}'s {name} ({value}) can be worked out"
