"""Screens as people see them: seeded demo data, frozen clock, fixed terminal size."""

from __future__ import annotations

from facilitator.tui.app import FacilitatorApp
from tests.conftest import FROZEN_NOW
from tests.tui.conftest import settle


def test_home_screen_on_the_demo(snap_compare, demo_store):
    app = FacilitatorApp(demo_store, now=lambda: FROZEN_NOW)
    assert snap_compare(app, terminal_size=(100, 30), run_before=settle)


def test_home_screen_in_80_by_24(snap_compare, demo_store):
    app = FacilitatorApp(demo_store, now=lambda: FROZEN_NOW)
    assert snap_compare(app, terminal_size=(80, 24), run_before=settle)
