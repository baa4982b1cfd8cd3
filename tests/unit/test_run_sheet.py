"""The run-sheet's rules: when a session starts, in words; the agenda begun late or stretched."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from itertools import pairwise
from zoneinfo import ZoneInfo

from hypothesis import given
from hypothesis import strategies as st

from facilitator.core.agenda import TimedSegment, replan
from facilitator.core.clock import starts_in

NOW = datetime(2026, 11, 21, 20, 0, tzinfo=UTC)  # a Saturday


def test_a_session_within_the_hour_starts_in_minutes():
    assert starts_in(NOW + timedelta(minutes=25), NOW) == "in 25 minutes"
    assert starts_in(NOW + timedelta(seconds=20), NOW) == "in 1 minute"


def test_a_session_later_today_or_tomorrow_says_so_with_its_time():
    assert starts_in(NOW + timedelta(hours=2), NOW) == "today at 22:00"
    assert starts_in(datetime(2026, 11, 22, 18, 30, tzinfo=UTC), NOW) == "tomorrow at 18:30"


def test_a_session_this_week_names_the_day_and_a_later_one_counts_the_days():
    assert starts_in(datetime(2026, 11, 24, 18, 30, tzinfo=UTC), NOW) == "on Tuesday at 18:30"
    assert starts_in(datetime(2026, 12, 21, 18, 30, tzinfo=UTC), NOW) == (
        "in 30 days, on Monday 21 December 2026 at 18:30"
    )


def test_tomorrow_is_the_groups_tomorrow_not_the_laptops():
    late = datetime(2026, 11, 21, 23, 30, tzinfo=UTC)  # 00:30 on Sunday in Berlin
    start = datetime(2026, 11, 22, 18, 30, tzinfo=ZoneInfo("Europe/Berlin"))
    assert starts_in(start, late) == "today at 18:30"


def agenda(*minutes: int) -> list[TimedSegment]:
    segments, clock = [], NOW
    for n, length in enumerate(minutes):
        end = clock + timedelta(minutes=length)
        segments.append(TimedSegment(f"part {n}", clock, end, ""))
        clock = end
    return segments


def test_starting_late_shifts_every_segment_and_keeps_their_lengths():
    late = NOW + timedelta(minutes=10)
    planned = replan(agenda(10, 5, 20), start=late)
    assert [(s.start - NOW, s.end - s.start) for s in planned] == [
        (timedelta(minutes=10), timedelta(minutes=10)),
        (timedelta(minutes=20), timedelta(minutes=5)),
        (timedelta(minutes=25), timedelta(minutes=20)),
    ]


def test_a_longer_segment_shifts_the_ones_after_it_only():
    planned = replan(agenda(10, 5, 20), extra_minutes={1: 3})
    assert [s.end - NOW for s in planned] == [timedelta(minutes=m) for m in (10, 18, 38)]


@given(
    minutes=st.lists(st.integers(1, 60), min_size=1, max_size=8),
    extra=st.dictionaries(st.integers(0, 7), st.integers(-90, 90)),
)
def test_a_stretched_agenda_has_no_gaps_and_no_segment_below_a_minute(minutes, extra):
    planned = replan(agenda(*minutes), extra_minutes=extra)
    assert planned[0].start == NOW
    assert all(a.end == b.start for a, b in pairwise(planned))
    assert all(s.end - s.start >= timedelta(minutes=1) for s in planned)
