"""A cancelled session's printouts say what the public may know: the notice, never the reason."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from facilitator import outputs
from facilitator.core.model import SessionStatus
from tests.conftest import FROZEN_NOW

REASON = "Outpatients closed for the bank holiday"  # the demo's reason, for facilitators


@pytest.fixture
def cancelled(demo_store):
    """Caring Together's upcoming cancelled session in the demo, and its group."""
    group = demo_store.groups.by_name("Caring Together")
    listed = demo_store.schedule.listings(FROZEN_NOW, FROZEN_NOW + timedelta(days=60), group.id)
    occurrence = next(
        i.occurrence for i in listed if i.occurrence.status is SessionStatus.CANCELLED
    )
    assert occurrence.reason == REASON and occurrence.public_notice
    return group, occurrence


def printed(rendered: outputs.Rendered) -> str:
    return rendered.data.decode("utf-8")


@pytest.mark.parametrize("document", ["door_sign", "agenda"])
def test_a_cancelled_sessions_printout_shows_the_notice_and_never_the_reason(
    demo_store, cancelled, document
):
    group, occurrence = cancelled
    make = getattr(outputs, document)
    text = printed(make(demo_store, group, occurrence, outputs.Layout("md")))
    assert occurrence.public_notice in text
    assert REASON not in text


def test_a_cancellation_without_a_notice_prints_no_reason_either(demo_store, cancelled):
    group, occurrence = cancelled
    demo_store.schedule.cancel(occurrence.series_id, occurrence.original_start, REASON, "")
    again = demo_store.schedule.occurrence(occurrence.series_id, occurrence.original_start)
    sign = printed(outputs.door_sign(demo_store, group, again, outputs.Layout("md")))
    assert "This session is cancelled" in sign
    assert REASON not in sign


def test_the_calendar_shows_a_cancellations_notice_and_never_its_reason(demo_store, cancelled):
    group, occurrence = cancelled
    demo_store.schedule.cancel(occurrence.series_id, occurrence.original_start, REASON, "")
    ics = outputs.calendar(demo_store, group, datetime(2026, 11, 21, tzinfo=UTC)).data.decode()
    assert "STATUS:CANCELLED" in ics
    assert REASON not in ics.replace("\r\n ", "")  # unfolded: a long line may be split
