"""The reports chart: session dates along the bottom, people present up the side, and a
session whose count is hidden shown as a gap that says so."""

from __future__ import annotations

from facilitator.tui.screens import catalogue
from facilitator.tui.widgets.attendance_chart import AttendanceChart
from tests.small_history import group_with_small_counts
from tests.tui.conftest import SIZE, make_app, settle


async def _chart_text(store) -> str:
    group = group_with_small_counts(store)
    async with make_app(store).run_test(size=SIZE) as pilot:
        await settle(pilot)
        pilot.app.push_screen(catalogue.make(pilot.app, "reports", group))
        await settle(pilot)
        chart = pilot.app.screen.query_one(AttendanceChart)
        return str(chart.render())


async def test_the_chart_labels_both_axes_and_dates_every_session(store):
    text = await _chart_text(store)
    assert "Session date" in text and "People present" in text
    for day in ("05 Oct", "12 Oct", "19 Oct"):
        assert day in text


async def test_a_session_whose_count_is_hidden_is_a_gap_that_says_so(store):
    text = await _chart_text(store)
    assert "1 to 4" in text  # the first session: 3 came
    assert "10┤" in text  # the largest shown count on its axis
