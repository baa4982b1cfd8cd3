"""Full garbage collections wait for the keyboard to rest, Python's settings come back, and
what was removed is freed."""

from __future__ import annotations

import asyncio
import gc
from concurrent.futures import ThreadPoolExecutor
from datetime import date

import pytest
from textual._styles_cache import StylesCache
from textual.widget import Widget
from textual.widgets import Header
from textual.worker import active_worker

from facilitator.tui import collector
from facilitator.tui.collector import RARER, STILL_SECONDS, IdleCollector
from facilitator.tui.screens.run import RunSessionScreen
from tests.tui.conftest import SIZE, make_app, settle
from tests.tui.test_run import session_of


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch) -> Clock:
    ticking = Clock()
    monkeypatch.setattr(collector.time, "monotonic", ticking)
    return ticking


@pytest.fixture
def started():
    idle = IdleCollector()
    idle.start()
    yield idle
    idle.stop()


def test_python_starts_full_collections_itself_less_often_while_started():
    before = gc.get_threshold()
    idle = IdleCollector()
    idle.start()
    try:
        assert gc.get_threshold() == (*before[:2], before[2] * RARER)
        assert gc.get_freeze_count() > 0
    finally:
        idle.stop()
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0


def test_nothing_is_collected_before_anyone_used_the_app(started, clock):
    clock.now += 60
    assert not started.collect_if_due()


def test_nothing_is_collected_while_keys_keep_coming(started, clock):
    started.touched()
    clock.now += STILL_SECONDS / 2
    assert not started.collect_if_due()


def test_a_collection_runs_once_the_keyboard_rests_after_use(started, clock):
    started.touched()
    clock.now += STILL_SECONDS
    assert started.collect_if_due()
    clock.now += 60
    assert not started.collect_if_due()  # no use since: nothing new to collect


def test_a_stopped_collector_collects_nothing(clock):
    idle = IdleCollector()
    idle.touched()
    clock.now += 60
    assert not idle.collect_if_due()


async def test_a_key_press_in_the_app_counts_as_use(demo_store):
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.collector.used == 0
        await pilot.press("down")
        assert app.collector.used > 0
    assert gc.get_freeze_count() == 0  # the app gave Python its settings back as it exited


def removed_yet_alive(app, earlier: dict) -> tuple[list, list]:
    """After the app's idle collection: headers of removed screens, and styles caches of
    widgets gone, that are still in memory (not counting other tests' apps, in `earlier`)."""
    app.collector.before_collecting()
    gc.collect()
    alive = [o for o in gc.get_objects() if id(o) not in earlier]
    headers = [h for h in alive if isinstance(h, Header) and not h.is_attached]
    drawn_for = {id(w._styles_cache) for w in gc.get_objects() if isinstance(w, Widget)}
    caches = [c for c in alive if isinstance(c, StylesCache) and id(c) not in drawn_for]
    return headers, caches


async def test_screens_left_for_others_are_freed_whole_by_the_idle_collection(demo_store):
    earlier = {id(o): o for o in gc.get_objects() if isinstance(o, Header | StylesCache)}
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for day in (date(2026, 11, 26), date(2026, 12, 3), date(2026, 12, 10)):
            RunSessionScreen.open(app, *session_of(demo_store, "Caring Together", day))
            await settle(pilot)
            await pilot.press("escape")
            await settle(pilot)
        # On a busy machine a removed screen's last task can hold it a moment longer (the
        # app collects after seconds of rest); what Textual itself keeps never goes.
        for _ in range(40):
            if removed_yet_alive(app, earlier) == ([], []):
                break
            await pilot.pause(0.05)
        assert removed_yet_alive(app, earlier) == ([], [])


async def test_the_thread_that_ran_a_store_call_keeps_nothing_of_it(demo_store):
    loop = asyncio.get_running_loop()
    loop.set_default_executor(ThreadPoolExecutor(max_workers=1))  # so it can be asked after
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        RunSessionScreen.open(app, *session_of(demo_store, "Caring Together", date(2026, 11, 26)))
        await settle(pilot)
        # A worker left there keeps its task, whose context holds the screen that asked.
        assert await loop.run_in_executor(None, active_worker.get, None) is None
