"""The agenda's words follow the session: the part of the day it is in, when the next one is
by its real date, and help lines "below" only when they are printed below."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from facilitator import outputs
from facilitator.core.agenda import (
    PLACEHOLDERS,
    help_lines_note,
    make_segment,
    next_when,
    part_of_day,
)
from facilitator.core.dates import parse_time
from facilitator.core.model import AgendaTemplate
from facilitator.core.schedule import parse_recurrence
from facilitator.exports.catalogues import wording

SATURDAY = datetime(2026, 12, 5)


@pytest.mark.parametrize(
    ("start", "end", "said"),
    [
        ((10, 30), (11, 30), "this morning"),
        ((14, 0), (15, 30), "this afternoon"),
        ((18, 30), (20, 0), "this evening"),
        ((11, 0), (13, 0), "today"),  # from the morning into the afternoon
        ((16, 0), (17, 0), "this afternoon"),  # ends as the evening begins
    ],
)
def test_the_part_of_day_is_said_from_the_sessions_hours(start, end, said):
    begins = SATURDAY.replace(hour=start[0], minute=start[1])
    ends = SATURDAY.replace(hour=end[0], minute=end[1])
    assert part_of_day(begins, ends) == said


@pytest.mark.parametrize(
    ("following", "said"),
    [
        (datetime(2026, 12, 6, 14), "tomorrow"),
        (datetime(2026, 12, 12, 14), "next week"),
        (datetime(2026, 12, 19, 14), "in two weeks"),
        (datetime(2027, 1, 9, 14), "on Saturday 9 January 2027"),
        (None, "when it is announced"),
    ],
)
def test_the_next_session_is_said_by_how_far_away_it_really_is(following, said):
    assert next_when(SATURDAY.replace(hour=14), following) == said


def test_help_lines_are_said_to_be_below_only_when_they_are_printed():
    assert help_lines_note(True) == "the help lines are below"
    assert help_lines_note(False) == "ask a facilitator for the help lines"


def test_the_placeholder_words_are_said_in_the_groups_main_language():
    chinese = wording(("zh-Hans", "en"))
    afternoon = part_of_day(SATURDAY.replace(hour=14), SATURDAY.replace(hour=15), chinese)
    assert afternoon == "今天下午"
    assert next_when(SATURDAY, datetime(2026, 12, 12), chinese) == "下周"


def test_templates_can_use_the_placeholders_that_follow_the_session():
    assert {"part_of_day", "next_when", "help_lines"} <= set(PLACEHOLDERS)


def agenda_text(store, name: str, day: date) -> str:
    group = store.groups.by_name(name)
    occurrence = store.documents.session_on(group, day)
    return outputs.agenda(store, group, occurrence, outputs.Layout("md")).data.decode()


def test_an_afternoon_groups_agenda_from_the_evening_template_does_not_say_tonight(demo_store):
    text = agenda_text(demo_store, "Rare Roots Family Group 罕见病家庭互助会", date(2026, 12, 5))
    assert "We meet this afternoon until 15:30" in text
    assert "Tonight" not in text and "evening" not in text.split("## Agenda")[1]


def test_an_evening_groups_agenda_says_this_evening(demo_store):
    text = agenda_text(demo_store, "Thyroid Cancer Peer Circle", date(2026, 12, 8))
    assert "We meet this evening until 20:00" in text


def test_a_fortnightly_groups_agenda_says_its_next_session_is_in_two_weeks(demo_store):
    text = agenda_text(demo_store, "Rare Roots Family Group 罕见病家庭互助会", date(2026, 12, 5))
    assert "We meet again in two weeks: Saturday 19 December 2026" in text
    assert "next week" not in text.casefold()


def test_a_monthly_groups_agenda_gives_the_next_sessions_date(demo_store):
    text = agenda_text(demo_store, "Thyroid Cancer Peer Circle", date(2026, 12, 8))
    assert "We meet again on Tuesday 12 January 2027" in text


def test_an_agenda_with_help_lines_printed_says_they_are_below(demo_store):
    text = agenda_text(demo_store, "Thyroid Cancer Peer Circle", date(2026, 12, 8))
    assert "the help lines are below" in text and "## Help lines" in text


def test_an_agenda_without_help_lines_does_not_point_below(store):
    template = store.templates.save(
        AgendaTemplate(
            "", "Short", (make_segment("Resources", 10, "Take what helps; {help_lines}."),)
        )
    )
    group = store.groups.create(name="Circle", timezone="UTC", template_id=template.id)
    store.schedule.add_series(
        group.id, parse_recurrence("weekly on sat"), date(2026, 11, 28), parse_time("14:00"), 10
    )
    text = agenda_text(store, "Circle", date(2026, 11, 28))
    assert "Take what helps; ask a facilitator for the help lines." in text
    assert "Help lines" not in text
