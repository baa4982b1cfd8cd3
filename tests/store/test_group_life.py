"""A group's end of life: deleted when it has no past, archived when it has one, and a roster
group turned counts-only keeps its numbers but not one name."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest

from facilitator.core.errors import InputError
from facilitator.core.model import Privacy
from facilitator.core.schedule import parse_recurrence

TUESDAY = datetime(2026, 11, 17, 18, 30)
LATER_TUESDAY = datetime(2026, 11, 24, 18, 30)


@pytest.fixture
def group(store):
    made = store.groups.create(name="Circle", timezone="Europe/London")
    series = store.schedule.add_series(
        made.id, parse_recurrence("weekly on tue"), date(2026, 11, 1), time(18, 30), 90
    )
    return made, series


def _attended(store, series, start, *aliases, first_time=()):
    for alias in aliases:
        member = store.people.add_member(series.group_id, alias)
        store.people.record(series.id, start, member.id, first_time=alias in first_time)


def test_a_group_with_no_history_can_be_deleted(store, group):
    made, _ = group
    assert not store.groups.has_history(made.id)
    store.groups.delete(made.id)
    assert store.groups.list(archived=True) == []
    assert store.schedule.series(made.id) == []


def test_a_deleted_groups_name_is_free_again(store, group):
    store.groups.delete(group[0].id)
    assert store.groups.create(name="Circle", timezone="Europe/London").name == "Circle"


def test_a_group_with_history_cannot_be_deleted(store, group):
    made, series = group
    _attended(store, series, TUESDAY, "Ana")
    with pytest.raises(InputError, match="archive it instead"):
        store.groups.delete(made.id)
    assert [g.name for g in store.groups.list()] == ["Circle"]


def test_an_archived_group_leaves_the_lists_and_its_sessions_leave_home(store, group):
    made, _ = group
    store.groups.archive(made.id)
    assert store.groups.list() == []
    week = store.schedule.listings(
        datetime(2026, 11, 16).astimezone(), datetime(2026, 11, 30).astimezone()
    )
    assert week == []


def test_an_archived_group_is_still_there_for_reports_and_can_come_back(store, group):
    made, _ = group
    store.groups.archive(made.id)
    assert [g.archived for g in store.groups.list(archived=True)] == [True]
    store.groups.archive(made.id, archived=False)
    assert [g.name for g in store.groups.list()] == ["Circle"]


def test_the_privacy_field_alone_cannot_turn_a_group_with_names_counts_only(store, group):
    made, series = group
    _attended(store, series, TUESDAY, "Ana")
    with pytest.raises(InputError, match="deletes them") as refused:
        store.groups.update(made.id, privacy="counts")
    assert refused.value.field == "privacy"
    assert store.groups.get(made.id).privacy is Privacy.ROSTER


def test_switching_to_counts_only_says_what_goes(store, group):
    made, series = group
    _attended(store, series, TUESDAY, "Ana", "Ben")
    store.people.record(series.id, LATER_TUESDAY, store.people.members(made.id)[0].id)
    assert store.roster.counts_only_impact(made.id) == (2, 3)


def test_switching_to_counts_only_keeps_each_sessions_count_as_headcounts(store, group):
    made, series = group
    _attended(store, series, TUESDAY, "Ana", "Ben", "Cai", first_time=("Cai",))
    store.roster.switch_to_counts(made.id)
    assert store.groups.get(made.id).privacy is Privacy.COUNTS
    assert store.people.headcounts(series.id, TUESDAY) == {"first time": 1, "returning": 2}


def test_switching_to_counts_only_deletes_every_name_from_the_file_and_its_log(store, group):
    made, series = group
    _attended(store, series, TUESDAY, "Zebulon-Quill")
    store.roster.switch_to_counts(made.id)
    assert store.people.members(made.id) == []
    with store.conn.read() as db:
        assert db.execute("SELECT count(*) FROM attendance").fetchone()[0] == 0
    store.close()
    for part in (store.path, store.path.with_name(store.path.name + "-wal")):
        if part.exists():
            assert b"Zebulon-Quill" not in part.read_bytes()
