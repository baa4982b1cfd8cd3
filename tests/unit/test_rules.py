"""Checked records, agenda templating and the privacy rules."""

from __future__ import annotations

from datetime import datetime

import pytest

from facilitator.core.agenda import fill, make_segment, timed_segments, unknown_placeholders
from facilitator.core.errors import InputError
from facilitator.core.model import AgendaTemplate, Privacy, ResourceKind
from facilitator.core.privacy import aliases_mentioned, show_count, suppress
from facilitator.core.records import make_alias, make_checkin, make_group, make_resource


def test_a_group_needs_a_name_and_a_real_time_zone():
    with pytest.raises(InputError, match="name: must not be empty"):
        make_group(id="g", name="  ", timezone="Europe/London")
    with pytest.raises(InputError, match="not a time zone"):
        make_group(id="g", name="Circle", timezone="Mars/Olympus")


def test_a_group_keeps_markup_as_typed_but_refuses_escape_codes():
    group = make_group(id="g", name="[bold]Circle[/bold]", timezone="UTC", privacy="counts")
    assert group.name == "[bold]Circle[/bold]" and group.privacy is Privacy.COUNTS
    with pytest.raises(InputError, match="control characters"):
        make_group(id="g", name="Circle\x1b[31m", timezone="UTC")


def test_a_group_refuses_an_unknown_privacy_mode():
    with pytest.raises(InputError, match="roster, counts"):
        make_group(id="g", name="Circle", timezone="UTC", privacy="open")


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("url", "not a link", "not a web address"),
        ("url", "javascript:alert(1)", "not a web address"),
        ("phone", "call me maybe", "not a phone number"),
        ("phone", "1" * 20, "not a phone number"),
        ("stock", -1, "must not be negative"),
        ("stock", 10**20, "at most"),
        ("kind", "pamphlet", "hotline"),
        ("title", "x" * 1_000_000, "too long"),
    ],
)
def test_a_resource_refuses_bad_fields(field, value, message):
    fields = {"id": "r", "title": "Line", "kind": "hotline"} | {field: value}
    with pytest.raises(InputError, match=message):
        make_resource(**fields)


def test_a_resource_keeps_phone_url_and_categories():
    made = make_resource(
        id="r",
        title="Line",
        kind="Hotline",
        phone="+44 1632 960001",
        url="https://example.org/x",
        categories=["cancer", "cancer", " "],
    )
    assert made.kind is ResourceKind.HOTLINE and made.categories == ("cancer",)


def test_a_checkin_mood_runs_from_0_to_10():
    assert make_checkin(mood="7").mood == 7
    assert make_checkin().mood is None
    for bad in (11, -1, "seven"):
        with pytest.raises(InputError):
            make_checkin(mood=bad)


def test_an_alias_is_short_and_not_empty():
    assert make_alias(" Ade ") == "Ade"
    with pytest.raises(InputError):
        make_alias("")
    with pytest.raises(InputError, match="too long"):
        make_alias("A" * 41)


def test_segments_are_laid_on_the_clock_with_placeholders_filled():
    template = AgendaTemplate(
        "t",
        "Evening",
        (
            make_segment("Welcome", 10, "Welcome to {group} until {end}."),
            make_segment("Check-in", 20),
        ),
    )
    timed = timed_segments(
        template, datetime(2026, 12, 8, 18, 30), {"group": "Circle", "end": "20:00"}
    )
    assert [(s.start.strftime("%H:%M"), s.end.strftime("%H:%M")) for s in timed] == [
        ("18:30", "18:40"),
        ("18:40", "19:00"),
    ]
    assert timed[0].script == "Welcome to Circle until 20:00."
    assert template.total_minutes == 30


def test_unknown_placeholders_are_refused_in_segments_and_left_alone_when_filling():
    assert unknown_placeholders("Hi {nmae}") == ["nmae"]
    with pytest.raises(InputError, match="unknown placeholder"):
        make_segment("Welcome", 5, "Hi {nmae}")
    assert fill("{group} {other}", {"group": "Circle"}) == "Circle {other}"


def test_segment_minutes_must_be_positive():
    with pytest.raises(InputError):
        make_segment("Welcome", 0)


def test_counts_below_k_are_hidden():
    assert [suppress(n) for n in (0, 1, 4, 5, 9)] == [0, None, None, 5, 9]
    assert show_count(3) == "fewer than 5"


def test_aliases_in_checkin_words_are_found_as_whole_words():
    assert aliases_mentioned("Jo said hello to Bea", ["Jo", "Bea", "Ade"]) == ["Jo", "Bea"]
    assert aliases_mentioned("Joanna was there", ["Jo"]) == []
