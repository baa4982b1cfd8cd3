"""Walk-ins typed one after another at the door while another process keeps writing to the
same file (a second laptop, the CLI in a loop): every one is saved, and the filter keeps
the focus for the next name."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from datetime import date

import pytest
from textual.widgets import Input, TabbedContent

from facilitator.tui.screens.run import RunSessionScreen
from tests.tui.conftest import SIZE, make_app, settle

# Another process that takes the file's write lock again and again, holding it a while each
# time, as a busy CLI loop does: each walk-in's save waits while the next name is typed.
BUSY_WRITER = """
import sqlite3, sys, time
conn = sqlite3.connect(sys.argv[1], timeout=30, isolation_level=None)
deadline = time.monotonic() + float(sys.argv[2])
while time.monotonic() < deadline:
    conn.execute("BEGIN IMMEDIATE")
    conn.execute("UPDATE settings SET value = value")
    time.sleep(1.0)
    conn.execute("COMMIT")
    time.sleep(0.05)
"""
NAMES = [f"Newcomer {n}" for n in range(1, 7)]


@pytest.fixture
def busy_writer(demo_store):
    writer = subprocess.Popen(
        [sys.executable, "-c", BUSY_WRITER, str(demo_store.path), "60"],
        env=os.environ,
    )
    time.sleep(0.3)
    yield writer
    writer.kill()
    writer.wait()


async def test_walk_ins_typed_quickly_while_another_process_writes_are_all_saved(
    demo_store, busy_writer
):
    group = demo_store.groups.by_name("Caring Together")
    occurrence = demo_store.documents.session_on(group, date(2026, 11, 26))
    async with make_app(demo_store).run_test(size=SIZE) as pilot:
        await settle(pilot)
        pilot.app.push_screen(RunSessionScreen(group, occurrence))
        await settle(pilot)
        screen = pilot.app.screen
        screen.query_one(TabbedContent).active = "tab-attendance"
        await settle(pilot)
        screen.query_one("#filter", Input).focus()
        for name in NAMES:
            await pilot.press(*name, "enter")
        busy_writer.kill()
        await settle(pilot)
        await pilot.pause(0.5)
        await settle(pilot)
        assert screen.focused is screen.query_one("#filter", Input)
        assert screen.query_one("#filter", Input).value == ""
    aliases = {m.alias for m in demo_store.people.members(group.id)}
    assert set(NAMES) <= aliases, sorted(set(NAMES) - aliases)
    present = demo_store.people.attendance(occurrence.series_id, occurrence.original_start)
    newcomers = {m.id for m in demo_store.people.members(group.id) if m.alias in NAMES}
    assert {a.member_id for a in present if a.first_time} == newcomers


async def test_a_refused_walk_in_is_named_and_given_back_to_correct(demo_store):
    group = demo_store.groups.by_name("Caring Together")
    occurrence = demo_store.documents.session_on(group, date(2026, 11, 26))
    async with make_app(demo_store).run_test(size=SIZE) as pilot:
        await settle(pilot)
        pilot.app.push_screen(RunSessionScreen(group, occurrence))
        await settle(pilot)
        screen = pilot.app.screen
        screen.query_one(TabbedContent).active = "tab-attendance"
        await settle(pilot)
        demo_store.people.add_member(group.id, "Rosa")  # added at the other laptop meanwhile
        screen.query_one("#filter", Input).focus()
        await pilot.press(*"Rosa", "enter")
        await settle(pilot)
        assert screen.query_one("#filter", Input).value == "Rosa"
        [shown] = [n.message for n in pilot.app._notifications]
        assert shown.startswith("'Rosa' was not added") and "already in this group" in shown
