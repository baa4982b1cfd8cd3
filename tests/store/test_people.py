"""Members, attendance with explicit absences, headcounts, check-ins and handouts."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, time

import pytest

from facilitator.core.errors import InputError, NotFoundError
from facilitator.core.model import Presence, SessionStatus
from facilitator.core.records import make_checkin
from facilitator.core.schedule import parse_recurrence

TUESDAY = datetime(2026, 11, 17, 18, 30)


@pytest.fixture
def roster(store):
    group = store.groups.create(name="Circle", timezone="Europe/London")
    series = store.schedule.add_series(
        group.id, parse_recurrence("weekly on tue"), date(2026, 11, 1), time(18, 30), 90
    )
    return group, series


@pytest.fixture
def counts(store):
    group = store.groups.create(
        name="Families",
        timezone="Europe/London",
        privacy="counts",
        headcount_categories=["first time", "returning"],
    )
    series = store.schedule.add_series(
        group.id, parse_recurrence("weekly on tue"), date(2026, 11, 1), time(18, 30), 90
    )
    return group, series


def test_members_are_aliases_unique_within_their_group(store, roster):
    group, _ = roster
    store.people.add_member(group.id, "Ade", date(2026, 11, 3))
    with pytest.raises(InputError, match="already in this group"):
        store.people.add_member(group.id, "ade")
    assert [(m.alias, m.first_seen) for m in store.people.members(group.id)] == [
        ("Ade", date(2026, 11, 3))
    ]


def test_counts_only_groups_keep_no_names(store, counts):
    group, series = counts
    with pytest.raises(InputError, match="counts only"):
        store.people.add_member(group.id, "Ade")
    with pytest.raises(InputError, match="counts only"):
        store.people.add_walk_in(series.id, TUESDAY, "Ade", date(2026, 11, 17))
    assert store.conn.db.execute("SELECT count(*) FROM members").fetchone()[0] == 0


def test_attendance_stores_absences_and_changes_of_mind(store, roster):
    group, series = roster
    ade = store.people.add_member(group.id, "Ade")
    bea = store.people.add_member(group.id, "Bea")
    store.people.record(series.id, TUESDAY, ade.id, Presence.PRESENT)
    store.people.record(series.id, TUESDAY, bea.id, Presence.ABSENT)
    store.people.record(series.id, TUESDAY, bea.id, Presence.EXCUSED)
    rows = {a.member_id: a.presence for a in store.people.attendance(series.id, TUESDAY)}
    assert rows == {ade.id: Presence.PRESENT, bea.id: Presence.EXCUSED}


def test_a_walk_in_is_a_new_first_time_member_marked_present(store, roster):
    _group, series = roster
    member = store.people.add_walk_in(series.id, TUESDAY, "Cai", date(2026, 11, 17))
    [row] = store.people.attendance(series.id, TUESDAY)
    assert (row.member_id, row.presence, row.first_time) == (member.id, Presence.PRESENT, True)


def test_attendance_refuses_a_member_of_another_group(store, roster, counts):
    group, _ = roster
    _, other_series = counts
    ade = store.people.add_member(group.id, "Ade")
    with pytest.raises(NotFoundError):
        store.people.record(other_series.id, TUESDAY, ade.id)


def test_a_held_session_counts_only_those_present(store, roster):
    group, series = roster
    for alias, presence in (("Ade", "present"), ("Bea", "present"), ("Cai", "absent")):
        member = store.people.add_member(group.id, alias)
        store.people.record(series.id, TUESDAY, member.id, Presence(presence))
    store.people.close_session(series.id, TUESDAY)
    [listing] = store.schedule.listings(
        datetime(2026, 11, 17, tzinfo=UTC), datetime(2026, 11, 18, tzinfo=UTC), group.id
    )
    assert (listing.occurrence.status, listing.present) == (SessionStatus.HELD, 2)


def test_headcounts_are_set_per_category_and_summed(store, counts):
    _group, series = counts
    store.people.set_headcount(series.id, TUESDAY, "first time", 2)
    store.people.set_headcount(series.id, TUESDAY, "returning", "7")
    store.people.set_headcount(series.id, TUESDAY, "returning", 8)
    assert store.people.headcounts(series.id, TUESDAY) == {"first time": 2, "returning": 8}


@pytest.mark.parametrize(
    ("category", "count", "message"),
    [
        ("returning", -1, "negative"),
        ("returning", 10**20, "at most"),
        ("returning", "lots", "whole number"),
        ("pets", 1, "not one of this group's categories"),
    ],
)
def test_bad_headcounts_are_refused_and_nothing_is_written(store, counts, category, count, message):
    _, series = counts
    with pytest.raises(InputError, match=message):
        store.people.set_headcount(series.id, TUESDAY, category, count)
    assert store.conn.db.execute("SELECT count(*) FROM sessions").fetchone()[0] == 0


def test_a_cancelled_session_cannot_be_closed(store, roster):
    _, series = roster
    store.schedule.cancel(series.id, TUESDAY, "Snow")
    with pytest.raises(InputError, match="cancelled"):
        store.people.close_session(series.id, TUESDAY)


def test_checkins_below_k_are_not_shown_at_all(store, roster):
    _, series = roster
    store.people.close_session(series.id, TUESDAY, [make_checkin(5)] * 4)
    summary = store.checkins.summary(series.id, TUESDAY)
    assert (summary.shown, summary.count, summary.words) == (False, None, ())


def test_slips_are_saved_only_in_batches_of_at_least_k_or_with_the_close(store, roster):
    _, series = roster
    store.settings.set("k", "4")
    with pytest.raises(InputError, match="at least 4 slips at once"):
        store.checkins.save_batch(series.id, TUESDAY, [make_checkin(5)] * 3)
    assert store.conn.db.execute("SELECT count(*) FROM checkins").fetchone()[0] == 0
    store.checkins.save_batch(series.id, TUESDAY, [make_checkin(5)] * 4)
    store.people.close_session(series.id, TUESDAY, [make_checkin(6)] * 2)  # the last few
    assert store.conn.db.execute("SELECT count(*) FROM checkins").fetchone()[0] == 6


def test_checkins_at_k_show_only_aggregates(store, roster):
    _, series = roster
    slips = [
        make_checkin(mood, words)
        for mood, words in [(2, "tired"), (5, ""), (6, "ok"), (8, "good"), (9, "")]
    ]
    store.checkins.save_batch(series.id, TUESDAY, slips)
    summary = store.checkins.summary(series.id, TUESDAY)
    assert (summary.count, summary.median) == (5, 6)
    assert sorted(summary.words) == ["good", "ok", "tired"]
    # Each mood was given once: every bar is a small cell, so no bar and no range is shown.
    assert [summary.histogram[m] for m in (2, 5, 6, 8, 9)] == [None] * 5
    assert (summary.low, summary.high) == (None, None)


def test_a_mood_histogram_hides_small_bars_and_one_more_so_none_can_be_worked_out(store, roster):
    _, series = roster
    store.checkins.save_batch(series.id, TUESDAY, [make_checkin(7)] * 9 + [make_checkin(3)] * 2)
    summary = store.checkins.summary(series.id, TUESDAY)
    assert summary.count == 11
    assert (summary.histogram[3], summary.histogram[7]) == (None, None)  # 11 - 9 would say 2
    assert summary.histogram[5] == 0


def test_checkins_are_not_stored_in_the_order_they_were_typed(store, roster):
    _, series = roster
    slips = [make_checkin(words=f"slip {n:02d}") for n in range(40)]
    store.checkins.save_batch(series.id, TUESDAY, slips)
    stored = [row[0] for row in store.conn.db.execute("SELECT words FROM checkins")]
    assert sorted(stored) == [s.words for s in slips]
    assert stored != [s.words for s in slips]  # 1 in 40! chance of a false failure


def test_checkin_rows_hold_no_link_to_a_person_or_a_moment(store):
    columns = {row[1] for row in store.conn.db.execute("PRAGMA table_info(checkins)")}
    assert columns == {"id", "session_id", "mood", "words", "topic_request", "deleted"}


def test_handouts_take_copies_from_stock(store, roster):
    _, series = roster
    leaflet = store.resources.add(title="After Treatment", kind="leaflet", stock=10)
    store.resources.hand_out(series.id, TUESDAY, leaflet.id, 3)
    store.resources.hand_out(series.id, TUESDAY, leaflet.id, 4)  # corrected to 4 in all
    assert store.resources.handouts(series.id, TUESDAY) == {leaflet.id: 4}
    assert store.resources.list()[0].stock == 6


def test_handing_out_more_than_the_recorded_stock_corrects_it_to_none_left(store, roster):
    _, series = roster
    leaflet = store.resources.add(title="After Treatment", kind="leaflet", stock=0)
    assert store.resources.hand_out(series.id, TUESDAY, leaflet.id, 2) == 0
    assert store.resources.handouts(series.id, TUESDAY) == {leaflet.id: 2}
    assert store.resources.list()[0].stock == 0


def test_a_resource_round_trips_and_is_retired_as_an_empty_tombstone(store):
    added = store.resources.add(
        title="Line 热线",
        kind="hotline",
        phone="01632 960001",
        url="https://x.example.org",
        language="zh",
        categories=["help line"],
        description="Any time",
        review_due=date(2027, 1, 1),
        stock=0,
    )
    assert store.resources.list() == [added]
    changed = store.resources.update(added.id, stock=5)
    assert changed.stock == 5 and changed.title == "Line 热线"
    store.resources.delete(added.id)
    assert store.resources.list() == []
    row = store.conn.db.execute("SELECT title, phone, deleted FROM resources").fetchone()
    assert row == ("", "", 1)


def test_only_entries_past_review_or_running_low_need_attention(store):
    add = store.resources.add
    overdue = add(title="Old leaflet", kind="leaflet", stock=50, review_due=date(2026, 1, 1))
    low = add(title="Last copies", kind="book", stock=2)
    add(title="Fresh leaflet", kind="leaflet", stock=50, review_due=date(2027, 1, 1))
    add(title="Gone", kind="leaflet", stock=0)  # out of stock is shown in the library, not here
    add(title="Help line", kind="hotline", stock=1)  # phone lines never run low
    retired = add(title="Retired", kind="leaflet", stock=1)
    store.resources.delete(retired.id)
    flagged = store.resources.needing_attention(date(2026, 11, 21), 5, ("leaflet", "book"))
    assert flagged == [low, overdue]


def test_many_random_attendance_actions_agree_with_the_count(store, roster):
    group, series = roster
    members = [store.people.add_member(group.id, f"M{n}") for n in range(8)]
    rng, expected = random.Random(7), {}
    for _ in range(60):
        member = rng.choice(members)
        presence = rng.choice(list(Presence))
        store.people.record(series.id, TUESDAY, member.id, presence)
        expected[member.id] = presence
    rows = {a.member_id: a.presence for a in store.people.attendance(series.id, TUESDAY)}
    assert rows == expected


def test_member_history_gives_first_last_and_rate(store, roster):
    group, series = roster
    ade = store.people.add_member(group.id, "Ade")
    store.people.record(series.id, datetime(2026, 11, 3, 18, 30), ade.id, Presence.PRESENT)
    store.people.record(series.id, datetime(2026, 11, 10, 18, 30), ade.id, Presence.ABSENT)
    store.people.record(series.id, datetime(2026, 11, 17, 18, 30), ade.id, Presence.PRESENT)
    [stats] = store.roster.stats(group.id)
    assert (stats.first_attended, stats.last_attended) == (date(2026, 11, 3), date(2026, 11, 17))
    assert stats.rate == pytest.approx(2 / 3)


def test_a_member_can_be_renamed_but_not_onto_another_alias(store, roster):
    group, _ = roster
    ade = store.people.add_member(group.id, "Ade")
    store.people.add_member(group.id, "Bea")
    store.roster.rename(ade.id, "Adaeze")
    assert [m.alias for m in store.people.members(group.id)] == ["Adaeze", "Bea"]
    with pytest.raises(InputError, match="already in this group"):
        store.roster.rename(ade.id, "bea")


def test_forgetting_a_member_deletes_them_and_their_attendance(store, roster):
    group, series = roster
    ade = store.people.add_member(group.id, "Ade")
    store.people.record(series.id, TUESDAY, ade.id, Presence.PRESENT)
    store.roster.forget(ade.id)
    assert store.people.members(group.id) == []
    assert store.people.attendance(series.id, TUESDAY) == []
    aliases = [row[0] for row in store.conn.db.execute("SELECT alias FROM members")]
    assert aliases == [""]


def test_checkins_over_time_are_summarised_per_session_and_overall(store, roster):
    group, series = roster
    store.checkins.save_batch(series.id, datetime(2026, 11, 3, 18, 30), [make_checkin(4)] * 6)
    store.people.close_session(series.id, TUESDAY, [make_checkin(8)] * 2)
    per_session = store.checkins.by_session(group.id)
    assert [(when.day, summary.shown) for when, summary in per_session] == [(3, True), (17, False)]
    overall = store.checkins.overall(group.id)
    # The hidden session is left out: 8 overall beside a shown 6 would say 2.
    assert (overall.count, overall.low, overall.high) == (6, 4, 4)
