"""Schedule presets, their expansion in wall time across DST, and per-session overrides."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from dateutil.rrule import rrulestr
from hypothesis import given, settings
from hypothesis import strategies as st

from facilitator.core.clock import localize
from facilitator.core.errors import InputError
from facilitator.core.model import Override, Series, SessionStatus
from facilitator.core.schedule import (
    Preset,
    Recurrence,
    describe_series,
    expand,
    first_start,
    parse_recurrence,
    recurrence_of,
    rule_parts,
    split,
)

NEW_YORK = "America/New_York"


def series_for(rec: Recurrence, first: date, at: time = time(18, 30), zone: str = NEW_YORK):
    return Series(
        id="s1",
        group_id="g1",
        dtstart=first_start(rec, first, at),
        timezone=zone,
        rrule=rec.rrule(),
        duration_minutes=90,
        room="Room 4",
    )


def window(zone: str, start: date, end: date) -> tuple[datetime, datetime]:
    tz = ZoneInfo(zone)
    return datetime.combine(start, time(0), tz), datetime.combine(end, time(0), tz)


PRESETS = {
    "weekly on tue": ("FREQ=WEEKLY;BYDAY=TU", "Weekly on Tuesday"),
    "every 2 weeks on thu": ("FREQ=WEEKLY;INTERVAL=2;BYDAY=TH", "Every 2 weeks on Thursday"),
    "fortnightly on sat": ("FREQ=WEEKLY;INTERVAL=2;BYDAY=SA", "Every 2 weeks on Saturday"),
    "monthly on the 2nd tue": ("FREQ=MONTHLY;BYDAY=2TU", "Monthly on the 2nd Tuesday"),
    "monthly on the last thu": ("FREQ=MONTHLY;BYDAY=-1TH", "Monthly on the last Thursday"),
    "monthly on day 15": ("FREQ=MONTHLY;BYMONTHDAY=15", "Monthly on day 15"),
}


@pytest.mark.parametrize(("text", "expected"), PRESETS.items())
def test_presets_read_from_text_give_their_rule_and_description(text, expected):
    rec = parse_recurrence(text)
    assert (rec.rrule(), rec.describe()) == expected
    assert recurrence_of(rec.rrule()) == rec


def test_once_has_no_rule():
    assert parse_recurrence("once").rrule() is None
    assert recurrence_of(None).preset is Preset.ONCE


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("monthly on day 31", "from 1 to 28"),
        ("every 20 weeks on tue", "from 2 to 12"),
        ("whenever", "couldn't read"),
        ("[bold]weekly[/bold]", "couldn't read"),
    ],
)
def test_bad_presets_say_why(text, message):
    with pytest.raises(InputError, match=message):
        parse_recurrence(text)


@pytest.mark.parametrize("text", list(PRESETS))
def test_every_preset_keeps_its_wall_time_across_dst(text):
    # New York changes clocks on 8 March and 1 November 2026.
    one = series_for(parse_recurrence(text), date(2026, 1, 1))
    found = expand(one, *window(NEW_YORK, date(2026, 1, 1), date(2027, 1, 1)))
    assert len(found) >= 12
    assert {occ.start.time() for occ in found} == {time(18, 30)}
    offsets = {occ.start.utcoffset() for occ in found}
    assert offsets == {timedelta(hours=-5), timedelta(hours=-4)}


def test_weekly_sessions_fall_on_the_chosen_day():
    one = series_for(parse_recurrence("weekly on tue"), date(2026, 11, 1))
    found = expand(one, *window(NEW_YORK, date(2026, 11, 1), date(2026, 12, 1)))
    assert [occ.start.day for occ in found] == [3, 10, 17, 24]


def test_second_tuesday_and_last_thursday_are_found_each_month():
    second = series_for(parse_recurrence("monthly on the 2nd tue"), date(2026, 1, 1))
    last = series_for(parse_recurrence("monthly on the last thu"), date(2026, 1, 1))
    span = window(NEW_YORK, date(2026, 1, 1), date(2026, 4, 1))
    assert [o.start.date() for o in expand(second, *span)] == [
        date(2026, 1, 13),
        date(2026, 2, 10),
        date(2026, 3, 10),
    ]
    assert [o.start.date() for o in expand(last, *span)] == [
        date(2026, 1, 29),
        date(2026, 2, 26),
        date(2026, 3, 26),
    ]


def test_a_session_in_a_dst_gap_moves_forward_with_a_warning():
    sunday = series_for(parse_recurrence("weekly on sun"), date(2026, 3, 1), time(2, 30))
    found = expand(sunday, *window(NEW_YORK, date(2026, 3, 1), date(2026, 3, 16)))
    gap = [occ for occ in found if occ.warning]
    assert len(gap) == 1
    assert gap[0].start.date() == date(2026, 3, 8) and gap[0].start.time() == time(3, 30)
    assert "does not exist" in gap[0].warning


def test_a_one_off_session_happens_once():
    one = series_for(Recurrence(Preset.ONCE), date(2026, 12, 2))
    found = expand(one, *window(NEW_YORK, date(2026, 1, 1), date(2027, 1, 1)))
    assert [occ.start.date() for occ in found] == [date(2026, 12, 2)]


def test_a_cancelled_override_keeps_its_place_with_its_reason():
    one = series_for(parse_recurrence("weekly on tue"), date(2026, 11, 1))
    original = datetime(2026, 11, 10, 18, 30)
    cancelled = Override(
        "s1", original, SessionStatus.CANCELLED, reason="Snow", public_notice="See you next week"
    )
    found = expand(one, *window(NEW_YORK, date(2026, 11, 1), date(2026, 12, 1)), [cancelled])
    by_day = {occ.start.day: occ for occ in found}
    assert by_day[10].status is SessionStatus.CANCELLED
    assert (by_day[10].reason, by_day[10].public_notice) == ("Snow", "See you next week")
    assert by_day[17].status is SessionStatus.SCHEDULED


def test_a_moved_session_appears_at_its_new_time_and_room_only():
    one = series_for(parse_recurrence("weekly on tue"), date(2026, 11, 1))
    original = datetime(2026, 11, 10, 18, 30)
    moved = Override(
        "s1",
        original,
        start=datetime(2026, 11, 12, 19, 0),
        end=datetime(2026, 11, 12, 20, 30),
        room="Hall",
    )
    found = expand(one, *window(NEW_YORK, date(2026, 11, 1), date(2026, 12, 1)), [moved])
    assert [occ.start.day for occ in found] == [3, 12, 17, 24]
    thursday = found[1]
    assert thursday.moved and thursday.room == "Hall" and thursday.start.hour == 19


def test_a_session_moved_into_the_window_is_included():
    one = series_for(parse_recurrence("weekly on tue"), date(2026, 11, 1))
    moved = Override("s1", datetime(2026, 11, 24, 18, 30), start=datetime(2026, 12, 1, 9, 0))
    found = expand(one, *window(NEW_YORK, date(2026, 12, 1), date(2026, 12, 2)), [moved])
    assert [(occ.start.hour, occ.original_start.day) for occ in found] == [(9, 24), (18, 1)]


def test_did_not_occur_is_kept_as_its_own_status():
    one = series_for(parse_recurrence("weekly on tue"), date(2026, 11, 1))
    missing = Override("s1", datetime(2026, 11, 3, 18, 30), SessionStatus.DID_NOT_OCCUR)
    found = expand(one, *window(NEW_YORK, date(2026, 11, 1), date(2026, 11, 8)), [missing])
    assert found[0].status is SessionStatus.DID_NOT_OCCUR


def test_a_cancelled_series_cancels_every_session_with_its_notice():
    one = series_for(parse_recurrence("weekly on tue"), date(2026, 11, 1))
    gone = Series(**{**one.__dict__, "cancelled_reason": "Funding ended", "public_notice": "Bye"})
    found = expand(gone, *window(NEW_YORK, date(2026, 11, 1), date(2026, 12, 1)))
    assert {occ.status for occ in found} == {SessionStatus.CANCELLED}
    assert {occ.public_notice for occ in found} == {"Bye"}


def test_splitting_a_series_ends_the_head_before_the_tail_begins():
    one = series_for(parse_recurrence("weekly on tue"), date(2026, 11, 1))
    head, tail = split(one, datetime(2026, 11, 17, 18, 30), "s2")
    span = window(NEW_YORK, date(2026, 11, 1), date(2026, 12, 1))
    assert [o.start.day for o in expand(head, *span)] == [3, 10]
    assert [o.start.day for o in expand(tail, *span)] == [17, 24]
    assert rule_parts(head.rrule)["UNTIL"] == "20261117T182959"


def test_splitting_at_the_first_session_leaves_no_head():
    one = series_for(parse_recurrence("weekly on tue"), date(2026, 11, 1))
    assert split(one, one.dtstart, "s2") == (None, one)


def test_a_series_describes_itself_for_people():
    one = series_for(parse_recurrence("monthly on the 2nd tue"), date(2026, 1, 1))
    assert describe_series(one) == "Monthly on the 2nd Tuesday, 18:30-20:00 (America/New_York)"


def test_expansion_does_not_depend_on_the_window_zone():
    one = series_for(parse_recurrence("weekly on tue"), date(2026, 11, 1))
    in_zone = expand(one, *window(NEW_YORK, date(2026, 11, 1), date(2026, 12, 1)))
    start, end = window(NEW_YORK, date(2026, 11, 1), date(2026, 12, 1))
    in_utc = expand(one, start.astimezone(UTC), end.astimezone(UTC))
    assert in_zone == in_utc


@settings(max_examples=150, deadline=None)
@given(
    text=st.sampled_from(
        [*PRESETS, "every 3 weeks on mon", "monthly on day 28", "monthly on day 1"]
    ),
    first=st.dates(date(2010, 1, 1), date(2030, 12, 31)),
    offset_days=st.integers(-40, 4000),
    length_days=st.integers(1, 120),
    zone=st.sampled_from([NEW_YORK, "Australia/Lord_Howe", "Europe/London"]),
)
def test_sessions_years_after_the_first_are_the_same_as_walking_from_the_first(
    text, first, offset_days, length_days, zone
):
    series = series_for(parse_recurrence(text), first, zone=zone)
    start = datetime.combine(first + timedelta(days=offset_days), time(0), ZoneInfo(zone))
    end = start + timedelta(days=length_days)
    walked = rrulestr(series.rrule, dtstart=series.dtstart)
    expected = [
        when
        for when in walked.between(
            start.replace(tzinfo=None) - timedelta(days=2), end.replace(tzinfo=None), inc=True
        )
    ]
    found = [occ.original_start for occ in expand(series, start, end)]
    assert found == [w for w in expected if start <= localize(w, zone)[0] < end]
