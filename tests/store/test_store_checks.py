"""Every store action checks its own input as the forms do: a script, the CLI or a sync that
calls the store directly gets the same clear refusal, never a raw database error, and
nothing is written."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest

from facilitator.core.errors import InputError
from facilitator.core.model import AgendaTemplate, CheckIn, Segment
from facilitator.core.schedule import parse_recurrence

TUESDAY = datetime(2026, 11, 17, 18, 30)


@pytest.fixture
def roster(store):
    group = store.groups.create(name="Circle", timezone="Europe/London")
    series = store.schedule.add_series(
        group.id, parse_recurrence("weekly on tue"), date(2026, 11, 1), time(18, 30), 90
    )
    return group, series


def rows(store, table: str) -> int:
    return store.conn.raw.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


@pytest.mark.parametrize(
    ("slip", "field"),
    [
        (CheckIn(mood=11), "mood"),
        (CheckIn(mood=-1), "mood"),
        (CheckIn(words="x" * 10_000), "words"),
        (CheckIn(words="\x1b[31mred"), "words"),
        (CheckIn(topic_request="x" * 10_000), "topic request"),
    ],
    ids=["mood 11", "mood -1", "long words", "escape code", "long topic"],
)
def test_a_bad_check_in_slip_is_refused_and_none_of_the_batch_is_saved(store, roster, slip, field):
    _, series = roster
    with pytest.raises(InputError) as refused:
        store.checkins.save_batch(series.id, TUESDAY, [*[CheckIn(mood=5)] * 4, slip])  # k = 5
    assert refused.value.field == field
    assert (rows(store, "checkins"), rows(store, "sessions")) == (0, 0)


def test_closing_a_session_with_a_bad_slip_leaves_it_open(store, roster):
    _, series = roster
    with pytest.raises(InputError, match="at most 10"):
        store.people.close_session(series.id, TUESDAY, [CheckIn(mood=12)])
    assert store.schedule.occurrence(series.id, TUESDAY).status.value == "scheduled"


def test_an_unknown_presence_is_refused_clearly(store, roster):
    group, series = roster
    member = store.people.add_member(group.id, "Ade")
    with pytest.raises(InputError, match="present, absent, excused") as refused:
        store.people.record(series.id, TUESDAY, member.id, "maybe")
    assert refused.value.field == "presence"


def test_a_template_segment_is_checked_as_the_form_checks_it(store):
    bad = AgendaTemplate("", "Evening", (Segment("Welcome", 0),))
    with pytest.raises(InputError, match="at least 1"):
        store.templates.save(bad)
    assert store.templates.list() == []


def test_a_theme_with_an_escape_code_is_refused(store):
    with pytest.raises(InputError, match="control characters"):
        store.settings.set("theme", "\x1b[31mred")


def test_a_review_date_that_is_not_a_date_is_refused(store):
    with pytest.raises(InputError, match="must be a date"):
        store.resources.add(title="Leaflet", kind="leaflet", review_due="next week")


# -- aliases ------------------------------------------------------------------------------

RIGHT_TO_LEFT_OVERRIDE = "\u202e"
ZERO_WIDTH_SPACE = "\u200b"


def test_an_alias_is_kept_in_composed_form(store, roster):
    group, _ = roster
    member = store.people.add_member(group.id, "Zoe\u0301")  # e + combining accent
    assert member.alias == "Zo\u00e9"
    assert [m.alias for m in store.people.members(group.id)] == ["Zo\u00e9"]


def test_an_alias_typed_composed_and_one_typed_decomposed_are_the_same(store, roster):
    group, _ = roster
    store.people.add_member(group.id, "Zo\u00e9")
    with pytest.raises(InputError, match="already in this group"):
        store.people.add_member(group.id, "Zoe\u0301")


@pytest.mark.parametrize(
    "alias",
    [f"Ade{RIGHT_TO_LEFT_OVERRIDE}lanaM", "\u2067Ade\u2069", f"A{ZERO_WIDTH_SPACE}de"],
    ids=["right-to-left override", "right-to-left isolate", "zero-width space"],
)
def test_an_alias_with_a_bidi_control_or_zero_width_character_is_refused(store, roster, alias):
    group, series = roster
    with pytest.raises(InputError) as refused:
        store.people.add_member(group.id, alias)
    assert refused.value.field == "alias"
    with pytest.raises(InputError):
        store.people.add_walk_in(series.id, TUESDAY, alias, date(2026, 11, 17))
    assert store.people.members(group.id) == []


@pytest.mark.parametrize(
    ("first", "second"), [("ÉVA", "éva"), ("Straße", "STRASSE"), ("Ωmega", "ωMEGA")]
)
def test_two_aliases_equal_once_case_is_folded_are_refused(store, roster, first, second):
    group, series = roster
    store.people.add_member(group.id, first)
    with pytest.raises(InputError, match="already in this group"):
        store.people.add_member(group.id, second)
    with pytest.raises(InputError, match="already in this group"):
        store.people.add_walk_in(series.id, TUESDAY, second, date(2026, 11, 17))
    assert [m.alias for m in store.people.members(group.id)] == [first]


def test_a_rename_to_an_alias_equal_once_case_is_folded_is_refused(store, roster):
    group, _ = roster
    store.people.add_member(group.id, "ÉVA")
    other = store.people.add_member(group.id, "Ade")
    with pytest.raises(InputError, match="already in this group"):
        store.roster.rename(other.id, "éva")
    assert store.roster.rename(other.id, "ADE").alias == "ADE"  # its own alias, recased
