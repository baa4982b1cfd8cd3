"""The demo: three groups, about 25 aliases, six months of history, sessions soon."""

from __future__ import annotations

from datetime import timedelta

from facilitator.core.model import Privacy, ResourceKind, SessionStatus
from tests.conftest import FROZEN_NOW


def test_the_demo_has_the_three_kinds_of_group(demo_store):
    groups = {g.name: g for g in demo_store.groups.list()}
    schedules = {name: demo_store.schedule.series(g.id)[0].rrule for name, g in groups.items()}
    assert schedules["Thyroid Cancer Peer Circle"] == "FREQ=MONTHLY;BYDAY=2TU"
    assert schedules["Caring Together"] == "FREQ=WEEKLY;BYDAY=TH"
    rare = next(g for name, g in groups.items() if name.startswith("Rare Roots"))
    assert rare.privacy is Privacy.COUNTS and "罕见病" in rare.name
    assert schedules[rare.name] == "FREQ=WEEKLY;INTERVAL=2;BYDAY=SA"


def test_the_demo_has_about_25_aliases_and_30_resources(demo_store):
    aliases = sum(len(demo_store.people.members(g.id)) for g in demo_store.groups.list())
    resources = demo_store.resources.list()
    assert 20 <= aliases <= 30
    assert 25 <= len(resources) <= 40
    assert {r.kind for r in resources} == set(ResourceKind)
    assert {"en", "zh", "es"} <= {r.language for r in resources}


def test_the_demo_has_six_months_of_held_and_cancelled_sessions(demo_store):
    past = demo_store.schedule.listings(FROZEN_NOW - timedelta(days=190), FROZEN_NOW)
    statuses = [item.occurrence.status for item in past]
    assert statuses.count(SessionStatus.HELD) >= 35
    assert SessionStatus.CANCELLED in statuses and SessionStatus.DID_NOT_OCCUR in statuses
    assert all(item.present for item in past if item.occurrence.status is SessionStatus.HELD)
    first = min(item.occurrence.start for item in past)
    assert first < FROZEN_NOW - timedelta(days=170)


def test_the_demo_always_has_a_session_in_the_next_seven_days(demo_store):
    soon = demo_store.schedule.listings(FROZEN_NOW, FROZEN_NOW + timedelta(days=7))
    assert any(item.occurrence.status is SessionStatus.SCHEDULED for item in soon)


def test_the_demo_shows_an_upcoming_cancellation_and_a_room_change(demo_store):
    ahead = demo_store.schedule.listings(FROZEN_NOW, FROZEN_NOW + timedelta(days=60))
    assert any(item.occurrence.public_notice for item in ahead)
    assert any("Lecture Theatre" in item.occurrence.room for item in ahead)


def test_the_demo_database_passes_its_checks(demo_store):
    assert demo_store.check() == []


def test_the_generator_makes_years_of_history_through_the_store(tmp_path):
    from facilitator.store import Store
    from facilitator.store.generate import SIZES, generate

    store = Store(tmp_path / "tiny.db", now=lambda: FROZEN_NOW)
    generate(store, "tiny")
    spec = SIZES["tiny"]
    count = lambda table: store.conn.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # noqa: E731
    assert count("groups") == spec.groups and count("resources") == spec.resources
    held = store.conn.db.execute("SELECT count(*) FROM sessions WHERE status = 'held'").fetchone()[
        0
    ]
    assert held >= spec.groups * 10
    assert count("checkins") == held * spec.checkins_per_session
    assert count("attendance") > 0 and store.check() == []
