"""The Check-ins screen: topic requests from the slips, per session and over time."""

from __future__ import annotations

from datetime import date, time

from facilitator.core.records import make_checkin
from facilitator.core.schedule import parse_recurrence
from tests.tui.conftest import SIZE, make_app
from tests.tui.test_screens import open_screen, text

K = 5  # the default small-count threshold


def two_sessions_with_slips(store):
    """A weekly group: five slips on the first Saturday, three on the next."""
    group = store.groups.create(name="Circle", timezone="UTC")
    store.schedule.add_series(
        group.id, parse_recurrence("weekly on sat"), date(2026, 11, 7), time(19, 30), 60
    )
    first = store.documents.session_on(group, date(2026, 11, 7))
    second = store.documents.session_on(group, date(2026, 11, 14))
    topics = ["sleep", "", "telling the children", "work", ""]
    slips = [make_checkin(6, f"words {n}", topic) for n, topic in enumerate(topics)]
    store.checkins.save_batch(first.series_id, first.original_start, slips)
    few = [make_checkin(4, "", "money worries") for _ in range(K - 2)]
    # Fewer than k are saved only with the session's close.
    store.people.close_session(second.series_id, second.original_start, few)
    return group


async def test_a_sessions_topic_requests_show_with_its_words(store):
    two_sessions_with_slips(store)
    async with make_app(store).run_test(size=SIZE) as pilot:
        screen = await open_screen(pilot, "checkins", store, "Circle")
        screen.query_one("#sessions").move_cursor(row=1)  # newest first: the first Saturday
        await pilot.pause()
        shown = text(screen.query_one("#said"))
        requests = shown.split("Topic requests, in random order\n")[1].splitlines()
        assert sorted(requests) == ["· sleep", "· telling the children", "· work"]


async def test_topic_requests_of_a_session_below_k_slips_are_not_shown(store):
    two_sessions_with_slips(store)
    async with make_app(store).run_test(size=SIZE) as pilot:
        screen = await open_screen(pilot, "checkins", store, "Circle")
        screen.query_one("#sessions").move_cursor(row=0)  # the one with three slips
        await pilot.pause()
        assert "money worries" not in text(screen.query_one("#said"))


async def test_topic_requests_over_time_gather_every_session_shown(store):
    two_sessions_with_slips(store)
    async with make_app(store).run_test(size=SIZE) as pilot:
        screen = await open_screen(pilot, "checkins", store, "Circle")
        over_time = text(screen.query_one("#topics"))
        assert over_time.startswith("Topic requests over time, in random order: ")
        listed = over_time.split(": ", 1)[1].split(" · ")
        assert sorted(listed) == ["sleep", "telling the children", "work"]  # once each
