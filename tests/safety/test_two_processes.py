"""Two processes on one file: no 'database is locked' reaches anyone, nothing is lost."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest

from facilitator.store import Store
from facilitator.store.demo import build_demo
from tests.conftest import FROZEN_NOW
from tests.safety import writer_worker
from tests.safety.keyed import encrypt, key_for

ACTIONS = 300


def run(*args: str, **options) -> subprocess.CompletedProcess:
    env = os.environ | {"PYTHONPATH": os.pathsep.join(sys.path)}
    return subprocess.run(
        [sys.executable, *args], capture_output=True, text=True, env=env, **options
    )


@pytest.mark.parametrize("encrypted", [False, True], ids=["plain", "encrypted"])
def test_two_writers_doing_hundreds_of_actions_each_lose_nothing(tmp_path, encrypted):
    db = tmp_path / "shared.db"
    Store(db).close()
    env = os.environ | {"PYTHONPATH": os.pathsep.join(sys.path)}
    if encrypted:
        env |= encrypt(db)
    writers = [
        subprocess.Popen(
            [sys.executable, writer_worker.__file__, str(db), name, str(ACTIONS)],
            env=env,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name in ("First", "Second")
    ]
    errors = [w.communicate()[1] for w in writers]
    assert [w.returncode for w in writers] == [0, 0], errors
    assert not any("locked" in e for e in errors)
    store = Store(db, key=key_for(db))
    count = store.conn.db.execute("SELECT count(*) FROM attendance").fetchone()[0]
    assert count == 2 * ACTIONS
    assert store.check() == []


def test_the_cli_lists_exports_and_backs_up_while_the_app_holds_the_file(tmp_path):
    db = tmp_path / "live.db"
    app_store = Store(db)
    build_demo(app_store)
    with app_store.conn.write():  # the app is in the middle of saving something
        app_store.conn.db.execute("UPDATE settings SET value = value")
        listed = run("-m", "facilitator", "groups", "list", "--db", str(db), "--json")
    assert listed.returncode == 0, listed.stderr
    assert len(json.loads(listed.stdout)) == 3
    backup = run("-m", "facilitator", "backup", "--db", str(db), "-o", str(tmp_path / "b.db"))
    exported = run(
        "-m", "facilitator", "export", "calendar", "--db", str(db), "-o", str(tmp_path / "c.ics")
    )
    app_store.people.add_member(app_store.groups.by_name("Caring Together").id, "Late")
    assert backup.returncode == 0 and exported.returncode == 0, backup.stderr + exported.stderr
    assert Store(Path(tmp_path / "b.db")).check() == []
    app_store.close()


def test_backups_taken_while_a_writer_runs_are_consistent_and_restore_cleanly(tmp_path):
    from facilitator.store.backup import restore

    db = tmp_path / "busy.db"
    Store(db).close()
    env = os.environ | {"PYTHONPATH": os.pathsep.join(sys.path)}
    writer = subprocess.Popen(
        [sys.executable, writer_worker.__file__, str(db), "Busy", "2000"],
        env=env,
        stderr=subprocess.PIPE,
        text=True,
    )
    reader = Store(db)
    copies = []
    while writer.poll() is None and len(copies) < 10:
        copies.append(reader.backup(tmp_path / f"copy-{len(copies)}.db"))
    writer.communicate()
    reader.close()
    assert copies
    for copy in copies:
        opened = Store(copy)
        assert opened.check() == []
        opened.close()
    assert not list(tmp_path.glob("copy-*.db-wal"))
    restore(copies[-1], db)  # over a live file with its own -wal beside it
    restored = Store(db)
    assert restored.check() == []
    restored.close()


def test_a_second_copy_writing_to_the_file_never_shows_locked_in_the_app(demo_store):
    """Two windows on one file are allowed: each action waits its turn (busy_timeout)."""
    import asyncio

    from facilitator.tui.screens.run import RunSessionScreen
    from tests.tui.conftest import SIZE, make_app, settle

    store, demo_file = demo_store, demo_store.path
    group = store.groups.by_name("Caring Together")
    [listing] = [
        item
        for item in store.schedule.listings(FROZEN_NOW, FROZEN_NOW + timedelta(days=7), group.id)
    ]
    env = os.environ | {"PYTHONPATH": os.pathsep.join(sys.path)}
    other = subprocess.Popen(
        [sys.executable, writer_worker.__file__, str(demo_file), "Other window", str(ACTIONS)],
        env=env,
        stderr=subprocess.PIPE,
        text=True,
    )

    async def run_app() -> None:
        app = make_app(store)
        async with app.run_test(size=SIZE, notifications=True) as pilot:
            await settle(pilot)
            app.push_screen(RunSessionScreen(group, listing.occurrence))
            await settle(pilot)
            app.screen.query_one("#tabs").active = "tab-attendance"
            await settle(pilot)
            app.screen.query_one("#members").focus()
            for _ in range(21):
                await pilot.press("space")
                await settle(pilot)
            assert not [n.message for n in app._notifications if n.severity == "error"]

    asyncio.run(run_app())
    assert other.wait(timeout=120) == 0, other.stderr.read()
    rows = store.people.attendance(listing.occurrence.series_id, listing.occurrence.original_start)
    assert any(row.presence.value == "present" for row in rows)  # 21 toggles: left present
    other_rows = store.conn.db.execute(
        "SELECT count(*) FROM attendance a JOIN members m ON m.id = a.member_id "
        "JOIN groups g ON g.id = m.group_id WHERE g.name = 'Other window'"
    ).fetchone()[0]
    assert other_rows == ACTIONS
