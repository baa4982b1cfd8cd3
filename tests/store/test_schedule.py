"""Series and sessions: cancel, move, did-not-occur and schedule changes, by scope."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest

from facilitator.core.errors import InputError, NotFoundError
from facilitator.core.model import Presence, Scope, SessionStatus
from facilitator.core.schedule import parse_recurrence


@pytest.fixture
def weekly(store):
    """A Tuesday group in London that began on 3 November 2026 (the clock says 21 Nov)."""
    group = store.groups.create(name="Circle", timezone="Europe/London", room="Room 1")
    series = store.schedule.add_series(
        group.id, parse_recurrence("weekly on tue"), date(2026, 11, 1), time(18, 30), 90
    )
    return group, series


def sessions(store, group, start=date(2026, 11, 1), end=date(2027, 1, 1)):
    listed = store.schedule.listings(
        datetime.combine(start, time(0), UTC), datetime.combine(end, time(0), UTC), group.id
    )
    return [item.occurrence for item in listed]


def at(day: int, month: int = 11) -> datetime:
    return datetime(2026, month, day, 18, 30)


def at_utc(day: int) -> datetime:
    """Midnight UTC on a November day: a bound for listings."""
    return datetime(2026, 11, day, tzinfo=UTC)


def test_a_series_starts_on_the_first_matching_day(store, weekly):
    group, series = weekly
    assert series.dtstart == at(3)
    assert store.schedule.get_series(series.id) == series
    assert [o.start.day for o in sessions(store, group, end=date(2026, 12, 1))] == [3, 10, 17, 24]


def test_sessions_take_the_group_room_unless_the_series_has_one(store, weekly):
    group, _ = weekly
    assert {o.room for o in sessions(store, group)} == {"Room 1"}


def test_cancelling_one_session_keeps_the_others(store, weekly):
    group, series = weekly
    store.schedule.cancel(series.id, at(24), "Snow", "See you next week")
    found = {o.start.day: o for o in sessions(store, group, end=date(2026, 12, 1))}
    assert found[24].status is SessionStatus.CANCELLED
    assert (found[24].reason, found[24].public_notice) == ("Snow", "See you next week")
    assert found[17].status is SessionStatus.SCHEDULED


def test_cancelling_this_and_following_leaves_earlier_sessions(store, weekly):
    group, series = weekly
    store.schedule.cancel(series.id, at(24), "Group closing", scope=Scope.FOLLOWING)
    statuses = [(o.start.date(), o.status) for o in sessions(store, group, end=date(2026, 12, 16))]
    assert [s for d, s in statuses if d < date(2026, 11, 24)] == [SessionStatus.SCHEDULED] * 3
    assert {s for d, s in statuses if d >= date(2026, 11, 24)} == {SessionStatus.CANCELLED}


def test_cancelling_all_never_rewrites_sessions_already_held(store, weekly):
    group, series = weekly
    store.people.close_session(series.id, at(17))
    store.schedule.cancel(series.id, at(3), "Funding ended", scope=Scope.ALL)
    found = {o.start.day: o.status for o in sessions(store, group, end=date(2026, 12, 1))}
    assert found[17] is SessionStatus.HELD
    assert found[3] is SessionStatus.SCHEDULED  # in the past, not rewritten
    assert found[24] is SessionStatus.CANCELLED


def test_moving_one_session_changes_its_time_and_room_only(store, weekly):
    group, series = weekly
    store.schedule.move(series.id, at(24), datetime(2026, 11, 26, 19, 0), room="Hall")
    found = sessions(store, group, start=date(2026, 11, 20), end=date(2026, 12, 5))
    assert [(o.start.day, o.start.hour, o.room, o.moved) for o in found] == [
        (26, 19, "Hall", True),
        (1, 18, "Room 1", False),
    ]


def test_moving_this_and_following_to_a_new_time_keeps_the_day(store, weekly):
    group, series = weekly
    store.schedule.cancel(series.id, at(1, 12), "Holiday")
    store.schedule.move(series.id, at(24), datetime(2026, 11, 24, 19, 0), scope=Scope.FOLLOWING)
    found = sessions(store, group, start=date(2026, 11, 15), end=date(2026, 12, 9))
    assert [(o.start.day, o.start.hour, o.status.value) for o in found] == [
        (17, 18, "scheduled"),
        (24, 19, "scheduled"),
        (1, 19, "cancelled"),  # the cancellation moved with its series
        (8, 19, "scheduled"),
    ]


def test_moving_a_whole_series_to_another_day_is_refused(store, weekly):
    _, series = weekly
    with pytest.raises(InputError, match="change its schedule"):
        store.schedule.move(series.id, at(24), datetime(2026, 11, 25, 18, 30), scope=Scope.ALL)


def test_a_room_change_for_all_applies_from_the_next_session(store, weekly):
    group, series = weekly
    store.schedule.move(series.id, at(3), room="Hall", scope=Scope.ALL)
    rooms = {o.start.day: o.room for o in sessions(store, group, end=date(2026, 12, 1))}
    assert rooms == {3: "Room 1", 10: "Room 1", 17: "Room 1", 24: "Hall"}


def test_changing_the_schedule_from_a_session_on(store, weekly):
    group, series = weekly
    tail = store.schedule.change_schedule(
        series.id, at(24), parse_recurrence("monthly on the 2nd thu"), time(10, 0), 60
    )
    assert tail.id != series.id
    found = [(o.start.date(), o.start.hour) for o in sessions(store, group)]
    assert found == [
        (date(2026, 11, 3), 18),
        (date(2026, 11, 10), 18),
        (date(2026, 11, 17), 18),
        (date(2026, 12, 10), 10),
    ]


def test_did_not_occur_is_only_for_sessions_that_have_started(store, weekly, clock):
    group, series = weekly
    store.schedule.mark_did_not_occur(series.id, at(17), "Room locked")
    assert sessions(store, group)[2].status is SessionStatus.DID_NOT_OCCUR
    with pytest.raises(InputError, match="cancel it instead"):
        store.schedule.mark_did_not_occur(series.id, at(24))


def test_restoring_undoes_a_cancellation(store, weekly):
    group, series = weekly
    store.schedule.cancel(series.id, at(24), "Snow")
    store.schedule.restore(series.id, at(24))
    assert {o.status for o in sessions(store, group)} == {SessionStatus.SCHEDULED}


def test_restoring_a_cancelled_held_session_gives_it_back_held_with_its_counts(store, weekly):
    group, series = weekly
    member = store.people.add_member(group.id, "Ana")
    store.people.record(series.id, at(17), member.id, Presence.PRESENT, False)
    store.people.close_session(series.id, at(17))
    store.schedule.cancel(series.id, at(17), "Entered on the wrong week")
    store.schedule.restore(series.id, at(17))
    restored = store.schedule.occurrence(series.id, at(17))
    assert (restored.status, restored.reason) == (SessionStatus.HELD, "")
    [listed] = store.schedule.listings(at_utc(17), at_utc(18), group.id)
    assert (listed.occurrence.status, listed.present) == (SessionStatus.HELD, 1)


def test_restoring_after_a_second_cancellation_still_gives_back_the_first_state(store, weekly):
    _, series = weekly
    store.people.close_session(series.id, at(17))
    store.schedule.cancel(series.id, at(17), "Snow")
    store.schedule.cancel(series.id, at(17), "Snow and ice")
    store.schedule.restore(series.id, at(17))
    assert store.schedule.occurrence(series.id, at(17)).status is SessionStatus.HELD


def test_a_session_that_is_not_cancelled_has_nothing_to_restore(store, weekly):
    _, series = weekly
    store.people.close_session(series.id, at(17))
    with pytest.raises(InputError, match="nothing to restore"):
        store.schedule.restore(series.id, at(17))
    assert store.schedule.occurrence(series.id, at(17)).status is SessionStatus.HELD


def test_a_time_that_is_not_a_session_is_refused(store, weekly):
    _, series = weekly
    with pytest.raises(NotFoundError, match="no session of this series"):
        store.schedule.cancel(series.id, datetime(2026, 11, 25, 18, 30), "Snow")


def test_a_cancellation_needs_a_reason_and_writes_nothing_without_one(store, weekly):
    group, series = weekly
    with pytest.raises(InputError, match="reason"):
        store.schedule.cancel(series.id, at(24), "  ")
    assert {o.status for o in sessions(store, group)} == {SessionStatus.SCHEDULED}
    assert store.conn.db.execute("SELECT count(*) FROM sessions").fetchone()[0] == 0


@pytest.mark.parametrize("minutes", [0, -5, 13 * 60, "90"])
def test_a_series_needs_a_sensible_length(store, weekly, minutes):
    group, _ = weekly
    with pytest.raises(InputError, match="duration"):
        store.schedule.add_series(
            group.id, parse_recurrence("weekly on wed"), date(2026, 11, 1), time(9, 0), minutes
        )


def test_sessions_in_london_keep_their_wall_time_across_the_clock_change(store):
    group = store.groups.create(name="Spring", timezone="Europe/London")
    store.schedule.add_series(
        group.id, parse_recurrence("weekly on sat"), date(2027, 3, 20), time(14, 0), 60
    )
    found = sessions(store, group, start=date(2027, 3, 20), end=date(2027, 4, 4))
    assert [o.start.hour for o in found] == [14, 14, 14]
    assert [o.start.utcoffset() for o in found] == [timedelta(0), timedelta(0), timedelta(hours=1)]
