"""A printed agenda fits its session: a longer template is scaled, and the page says so."""

from __future__ import annotations

from datetime import date, time

from facilitator import outputs
from facilitator.core.schedule import parse_recurrence


def hour_long_session(store):
    """A group on the default 90-minute agenda, meeting for an hour at 18:30."""
    group = store.groups.create(name="Circle", timezone="UTC")
    store.schedule.add_series(
        group.id, parse_recurrence("weekly on sat"), date(2026, 11, 21), time(18, 30), 60
    )
    return group, store.documents.session_on(group, date(2026, 11, 28))


def markdown_agenda(store, group, occurrence) -> str:
    return outputs.agenda(store, group, occurrence, outputs.Layout("md")).data.decode()


def test_a_90_minute_agenda_printed_for_an_hour_closes_when_the_session_ends(store):
    group, occurrence = hour_long_session(store)
    text = markdown_agenda(store, group, occurrence)
    assert "| 19:23-19:30 | Closing round |" in text
    assert "19:30-19:40" not in text  # no round after the end


def test_a_printed_agenda_says_its_segments_were_scaled(store):
    group, occurrence = hour_long_session(store)
    text = markdown_agenda(store, group, occurrence)
    assert "The agenda's 90 minutes are scaled to this 60-minute session." in text
