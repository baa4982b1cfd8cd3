"""Groups and agenda templates round-trip through a real database file."""

from __future__ import annotations

import pytest

from facilitator.core.agenda import make_segment
from facilitator.core.errors import InputError, NotFoundError
from facilitator.core.model import AgendaTemplate, Privacy


def test_a_group_round_trips_every_field(store):
    template = store.templates.save(AgendaTemplate("", "Evening", (make_segment("Welcome", 10),)))
    made = store.groups.create(
        name="Rare Roots 罕见病",
        timezone="Europe/London",
        privacy="counts",
        description="Bilingual",
        language="zh",
        room="Room 3",
        online_link="https://x.example.org",
        facilitators="Mei",
        confidentiality="Stays here",
        ground_rules="Be kind",
        template_id=template.id,
        headcount_categories=["first time", "children"],
    )
    assert store.groups.get(made.id) == made
    assert made.privacy is Privacy.COUNTS
    assert store.groups.by_name("rare roots 罕见病") == made


def test_group_names_are_unique_ignoring_case(store):
    store.groups.create(name="Circle", timezone="UTC")
    with pytest.raises(InputError, match="already exists"):
        store.groups.create(name="CIRCLE", timezone="UTC")


def test_an_update_checks_fields_and_keeps_the_rest(store):
    made = store.groups.create(name="Circle", timezone="UTC", room="Room 1")
    changed = store.groups.update(made.id, room="Room 2")
    assert (changed.name, changed.room) == ("Circle", "Room 2")
    with pytest.raises(InputError, match="time zone"):
        store.groups.update(made.id, timezone="Nowhere/Else")
    assert store.groups.get(made.id).timezone == "UTC"


def test_a_group_cannot_point_at_a_missing_template(store):
    with pytest.raises(InputError, match="template"):
        store.groups.create(name="Circle", timezone="UTC", template_id="missing")


def test_an_unknown_group_name_says_how_to_find_the_names(store):
    with pytest.raises(NotFoundError, match="groups list"):
        store.groups.by_name("Nobody")


def test_a_template_keeps_its_segments_in_order(store):
    segments = (make_segment("Welcome", 10, "Hi {group}"), make_segment("Closing", 5))
    saved = store.templates.save(AgendaTemplate("", "Evening", segments))
    assert store.templates.get(saved.id).segments == segments
    assert [t.name for t in store.templates.list()] == ["Evening"]


def test_settings_have_defaults_and_refuse_unknown_keys(store):
    assert store.settings.get("k") == "5"
    store.settings.set("date_order", "dmy")
    assert store.settings.date_order.value == "dmy"
    with pytest.raises(InputError):
        store.settings.set("colour", "blue")
