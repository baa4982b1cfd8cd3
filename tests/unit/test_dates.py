"""The date grammar: what people type, and what they are told when it can't be read."""

from __future__ import annotations

import contextlib
from datetime import date, time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from facilitator.core.clock import short_date
from facilitator.core.dates import DateOrder, parse_date, parse_time, parse_when
from facilitator.core.errors import InputError

SATURDAY = date(2026, 11, 21)
LONDON = "Europe/London"


def when(text: str, **options):
    return parse_when(text, today=SATURDAY, timezone=LONDON, **options)


@pytest.mark.parametrize(
    ("text", "day", "clock"),
    [
        ("2026-12-08 18:30", date(2026, 12, 8), time(18, 30)),
        ("2026-12-08T18:30", date(2026, 12, 8), time(18, 30)),
        ("tue 18:30", date(2026, 11, 24), time(18, 30)),
        ("next tuesday 6pm", date(2026, 11, 24), time(18, 0)),
        ("next saturday", date(2026, 11, 28), None),
        ("sat", date(2026, 11, 21), None),
        ("in 2 weeks", date(2026, 12, 5), None),
        ("in a month", date(2026, 12, 21), None),
        ("2nd tue", date(2026, 12, 8), None),
        ("last thu of march", date(2027, 3, 25), None),
        ("8 dec at 7:15pm", date(2026, 12, 8), time(19, 15)),
        ("December 8th 2026 noon", date(2026, 12, 8), time(12, 0)),
        ("tue 8 dec 2026", date(2026, 12, 8), None),
        ("today 10:30", SATURDAY, time(10, 30)),
        ("tomorrow", date(2026, 11, 22), None),
    ],
)
def test_accepted_forms_read_as_expected(text, day, clock):
    parsed = when(text)
    assert (parsed.day, parsed.clock) == (day, clock)


def test_preview_names_the_day_the_time_and_the_zone():
    assert when("2026-12-08 18:30").preview == "Tuesday 8 December 2026, 18:30 Europe/London"


def test_numeric_dates_are_refused_without_a_date_order():
    with pytest.raises(InputError, match="day/month or month/day"):
        when("08/12/2026")


def test_a_configured_date_order_settles_numeric_dates():
    assert when("08/12/2026", date_order=DateOrder.DAY_FIRST).day == date(2026, 12, 8)
    assert when("08/12/2026", date_order=DateOrder.MONTH_FIRST).day == date(2026, 8, 12)


def test_two_digit_years_are_refused():
    with pytest.raises(InputError, match="year in full"):
        when("8/12/26", date_order=DateOrder.DAY_FIRST)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2026-02-30", "February 2026 has no day 30"),
        ("2026-13-01", "no month 13"),
        ("wed 8 dec 2026", "is not a Wednesday"),
        ("5th tue of february 2027", "no 5th Tuesday in February 2027"),
        ("18:30", "has a time but no date"),
        ("tue 25:00", "not a time of day"),
        ("tue 13pm", "not a time"),
        ("room 101", "couldn't read"),
        ("1" * 20, "couldn't read"),
        ("", "is empty"),
        ("x" * 1_000_000, "too long"),
        ("3000-01-01", "between 1900 and 2200"),
        ("in 9999 months", "between 1900 and 2200"),
    ],
)
def test_bad_dates_say_what_was_wrong(text, message):
    with pytest.raises(InputError, match=message):
        when(text)


def test_a_time_can_be_required():
    with pytest.raises(InputError, match="add a time"):
        when("tue", require_time=True)


def test_a_time_in_the_spring_gap_moves_forward_with_a_warning():
    parsed = when("2026-03-29 01:30")
    assert parsed.clock == time(2, 30)
    assert "does not exist" in parsed.warning and "using 02:30" in parsed.warning


def test_a_time_in_the_autumn_fold_takes_the_first_with_a_warning():
    parsed = when("2026-10-25 01:30")
    assert parsed.clock == time(1, 30)
    assert "happens twice" in parsed.warning and "UTC+01:00" in parsed.warning


def test_a_date_alone_refuses_a_time():
    with pytest.raises(InputError, match="without a time"):
        parse_date("tue 18:30", today=SATURDAY)


def test_times_of_day_read_in_both_clocks():
    assert parse_time("6:30pm") == time(18, 30)
    assert parse_time("18:30") == time(18, 30)
    with pytest.raises(InputError):
        parse_time("tue 18:30")


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=60))
def test_any_text_gives_a_value_or_an_input_error(text):
    with contextlib.suppress(InputError):
        when(text)


@settings(max_examples=300, deadline=None)
@given(st.from_regex(r"[0-9 /:.\-apm]{1,30}", fullmatch=True))
def test_digit_heavy_text_gives_a_value_or_an_input_error(text):
    with contextlib.suppress(InputError):
        when(text, date_order=DateOrder.DAY_FIRST)


@settings(max_examples=200, deadline=None)
@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31)))
def test_iso_dates_round_trip(day):
    assert parse_date(day.isoformat(), today=SATURDAY) == day


# -- near: a date typed for a session being moved is the one nearest that session ------------

SESSION_DAY = date(2026, 12, 24)  # a Thursday


def _near(text: str) -> date:
    return parse_when(text, today=SESSION_DAY, timezone="UTC", near=True).day


def test_a_day_and_month_near_a_session_is_the_nearest_not_next_years():
    assert _near("23 dec 10:30") == date(2026, 12, 23)
    assert _near("2 jan 10:30") == date(2027, 1, 2)


def test_a_weekday_near_a_session_is_the_nearest_either_side():
    assert _near("wed 10:30") == date(2026, 12, 23)
    assert _near("fri 10:30") == date(2026, 12, 25)


def test_next_and_in_a_week_still_count_forward_near_a_session():
    assert _near("next wed 10:30") == date(2026, 12, 30)
    assert _near("in 1 week 10:30") == date(2026, 12, 31)


def test_a_short_date_carries_its_year_only_when_it_is_not_this_year():
    assert short_date(date(2026, 12, 8), 2026) == "8 Dec"
    assert short_date(date(2027, 1, 5), 2026) == "5 Jan 2027"
    assert short_date(date(2025, 12, 31), 2026) == "31 Dec 2025"
