"""An agenda fits its session: segments scaled to the session's length, and said so."""

from __future__ import annotations

from datetime import UTC, datetime
from itertools import pairwise

from hypothesis import given
from hypothesis import strategies as st

from facilitator.core.agenda import (
    DEFAULT_SEGMENTS,
    fit_minutes,
    fit_note,
    length_mismatch,
    timed_segments,
)
from facilitator.core.model import AgendaTemplate

lengths = st.lists(st.integers(1, 240), min_size=1, max_size=12)


@given(minutes=lengths, total=st.integers(1, 600))
def test_scaled_segments_are_whole_minutes_none_below_one_summing_to_the_session(minutes, total):
    fitted = fit_minutes(minutes, total)
    assert len(fitted) == len(minutes)
    assert all(isinstance(length, int) and length >= 1 for length in fitted)
    if total >= len(minutes):
        assert sum(fitted) == total


@given(minutes=lengths, total=st.integers(1, 600))
def test_scaling_keeps_a_longer_segment_at_least_as_long_as_a_shorter_one(minutes, total):
    fitted = fit_minutes(minutes, total)
    for a, b in zip(minutes, fitted, strict=True):
        for c, d in zip(minutes, fitted, strict=True):
            if a > c:
                assert b >= d


@given(minutes=lengths)
def test_a_template_as_long_as_the_session_is_left_as_it_is(minutes):
    assert fit_minutes(minutes, sum(minutes)) == minutes


def test_the_default_90_minute_agenda_shrinks_to_a_60_minute_session_in_proportion():
    default = [segment.minutes for segment in DEFAULT_SEGMENTS]
    assert sum(default) == 90
    assert fit_minutes(default, 60) == [7, 3, 13, 23, 7, 7]


def test_the_closing_round_of_a_scaled_agenda_ends_when_the_session_does():
    start = datetime(2026, 11, 21, 18, 30, tzinfo=UTC)
    template = AgendaTemplate("", "Default", DEFAULT_SEGMENTS)
    timed = timed_segments(template, start, {}, session_minutes=60)
    assert timed[-1].end == datetime(2026, 11, 21, 19, 30, tzinfo=UTC)
    assert all(a.end == b.start for a, b in pairwise(timed))


def test_a_scaled_agenda_says_so_and_a_fitting_one_says_nothing():
    assert fit_note(90, 60) == "The agenda's 90 minutes are scaled to this 60-minute session."
    assert fit_note(60, 60) == ""


def test_a_form_warns_when_the_agenda_is_longer_or_shorter_than_the_session():
    assert "longer than the session (60 min)" in length_mismatch(90, [60])
    assert "shorter than the session (120 min)" in length_mismatch(90, [120, 90])
    assert length_mismatch(90, [90]) == "" and length_mismatch(90, []) == ""
