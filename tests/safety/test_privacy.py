"""Privacy by construction: deletion is real, files are private, order and crashes say nothing."""

from __future__ import annotations

import contextlib
import os
import stat
import subprocess
import sys
import time as clock_time
from datetime import date, datetime, time, timedelta

import pytest

from facilitator import outputs
from facilitator.core.records import make_checkin
from facilitator.core.schedule import parse_recurrence
from facilitator.store import Store
from facilitator.tui.screens import catalogue
from tests.tui.conftest import SIZE, make_app, settle

MARKER = "Zorbalinda"


def files_bytes(folder) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_a_forgotten_member_is_gone_from_the_file_and_its_log(tmp_path):
    store = Store(tmp_path / "f.db")
    group = store.groups.create(name="Circle", timezone="UTC")
    member = store.people.add_member(group.id, MARKER)
    store.roster.forget(member.id)
    for name, data in files_bytes(tmp_path).items():
        assert MARKER.encode() not in data, name
    later = store.backup(tmp_path / "after.db")
    assert MARKER.encode() not in later.read_bytes()
    store.close()


READER = """
import sys
from sqlite_utils.utils import sqlite3
conn = sqlite3.connect(sys.argv[1])
conn.execute("BEGIN")
conn.execute("SELECT count(*) FROM members").fetchone()  # a read snapshot, held
print("reading", flush=True)
sys.stdin.readline()
conn.execute("COMMIT")
conn.close()
"""


@contextlib.contextmanager
def another_window_reading(path):
    """A second process holding a read transaction on the file until the block ends."""
    reader = subprocess.Popen(
        [sys.executable, "-c", READER, str(path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert reader.stdout.readline().strip() == "reading"
        yield
    finally:
        reader.communicate("\n", timeout=30)


def marker_left_in(folder) -> list[str]:
    return [name for name, data in files_bytes(folder).items() if MARKER.encode() in data]


def test_forgetting_while_another_window_reads_cleans_the_log_when_it_stops(tmp_path):
    store = Store(tmp_path / "f.db")
    group = store.groups.create(name="Circle", timezone="UTC")
    member = store.people.add_member(group.id, MARKER)
    with another_window_reading(store.path):
        cleaned = store.roster.forget(member.id)
        assert "Circle" in [g.name for g in store.groups.list()]  # the store carries on
    for _ in range(100):  # the log is emptied in the background once the read ends
        if not marker_left_in(tmp_path):
            break
        clock_time.sleep(0.1)
    assert marker_left_in(tmp_path) == []
    assert cleaned is False  # and the caller was told it would be later
    store.close()


async def test_forgetting_while_another_window_reads_says_when_the_log_is_cleaned(demo_store):
    with another_window_reading(demo_store.path):
        async with make_app(demo_store).run_test(size=SIZE) as pilot:
            await settle(pilot)
            chosen = demo_store.groups.by_name("Caring Together")
            pilot.app.push_screen(catalogue.make(pilot.app, "members", chosen))
            await settle(pilot)
            await pilot.press("f")
            await settle(pilot)
            await pilot.press("y")
            await settle(pilot)
            said = " ".join(str(n.message) for n in pilot.app._notifications)
            assert "The log is cleaned when other windows close" in said


def test_a_deleted_resource_leaves_no_trace_in_the_file(tmp_path):
    store = Store(tmp_path / "f.db")
    resource = store.resources.add(title=MARKER, kind="hotline", description=f"{MARKER} line")
    store.resources.delete(resource.id)
    for name, data in files_bytes(tmp_path).items():
        assert MARKER.encode() not in data, name
    store.close()


def test_every_file_is_private_under_a_loose_umask(demo_store, tmp_path):
    old = os.umask(0o022)
    try:
        out = tmp_path / "out"
        out.mkdir()
        written = [
            demo_store.backup(out / "b.db"),
            demo_store.auto_backup(out / "auto"),
            outputs.save(outputs.calendar(demo_store, None, datetime.now()), None, out),
            outputs.save(outputs.handouts(demo_store, outputs.Layout("md")), None, out),
        ]
    finally:
        os.umask(old)
    for path in written:
        assert stat.S_IMODE(os.stat(path).st_mode) == 0o600, path
    assert stat.S_IMODE(os.stat(out / "auto").st_mode) == 0o700


def spearman(xs: list[int], ys: list[int]) -> float:
    n = len(xs)
    rank = {v: i for i, v in enumerate(sorted(ys))}
    d2 = sum((x - rank[y]) ** 2 for x, y in zip(xs, ys, strict=True))
    return 1 - 6 * d2 / (n * (n * n - 1))


def test_stored_checkin_order_does_not_follow_entry_order(store):
    group = store.groups.create(name="Circle", timezone="UTC")
    series = store.schedule.add_series(
        group.id, parse_recurrence("weekly on mon"), date(2020, 1, 6), time(18, 0), 60
    )
    correlations = []
    for week in range(120):
        when = series.dtstart + timedelta(weeks=week)
        slips = [make_checkin(words=f"{week}:{n:02d}") for n in range(8)]
        store.checkins.save_batch(series.id, when, slips)
        rows = store.conn.db.execute(
            "SELECT c.words FROM checkins c JOIN sessions s ON s.id = c.session_id "
            "WHERE s.original_start = ?",
            [when.isoformat(timespec="minutes")],
        ).fetchall()
        stored = [int(words.split(":")[1]) for (words,) in rows]
        correlations.append(spearman(list(range(8)), stored))
    mean = sum(correlations) / len(correlations)
    assert abs(mean) < 0.12  # chance level: for entry order it would be 1.0


def test_crash_output_names_the_code_never_the_data(demo_store, tmp_path, capfd):
    group = demo_store.groups.by_name("Caring Together")
    demo_store.people.add_member(group.id, MARKER)
    app = make_app(demo_store)

    async def crash() -> None:
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await pilot.press("g")
            await settle(pilot)

            def explode(secret: str = MARKER) -> None:
                raise RuntimeError(f"boom {secret}")

            pilot.app.call_later(explode)
            await pilot.pause()

    import asyncio

    with pytest.raises(RuntimeError):
        asyncio.run(crash())
    printed = capfd.readouterr()
    shown = printed.out + printed.err
    assert "internal error (RuntimeError)" in shown and MARKER not in shown
    log_like = [p for p in tmp_path.rglob("*") if p.suffix in (".log", ".txt", ".crash")]
    assert log_like == []


def test_members_not_seen_for_the_retention_period_are_offered_and_forgotten(demo_store):
    group = demo_store.groups.by_name("Caring Together")
    demo_store.people.add_member(group.id, "Long Gone", date(2023, 1, 5))
    demo_store.settings.set("retention_months", "12")
    stale = demo_store.roster.stale(group.id, 12, date(2026, 11, 21))
    assert [s.member.alias for s in stale] == ["Long Gone"]

    async def offer() -> None:
        async with make_app(demo_store).run_test(size=SIZE) as pilot:
            await settle(pilot)
            from facilitator.tui.screens import catalogue

            pilot.app.push_screen(catalogue.make(pilot.app, "members", group))
            await settle(pilot)
            await pilot.press("o")
            await settle(pilot)
            assert "Long Gone" in str(pilot.app.screen.query_one("#confirm-detail").render())
            await pilot.press("y")
            await settle(pilot)

    import asyncio

    asyncio.run(offer())
    assert "Long Gone" not in [m.alias for m in demo_store.people.members(group.id)]


def test_the_privacy_notice_follows_the_settings(demo_store):
    demo_store.settings.set("k", "7")
    demo_store.settings.set("retention_months", "18")
    text = outputs.privacy_notice(demo_store, outputs.Layout("md")).data.decode()
    assert "Fewer than 7 slips are never shown" in text
    assert "not seen for 18 months" in text
    assert "only how many came, no names" in text  # the counts-only group


def test_the_privacy_notice_says_backups_keep_a_forgotten_name_until_they_rotate_out(demo_store):
    demo_store.settings.set("backups_kept", "6")
    text = " ".join(outputs.privacy_notice(demo_store, outputs.Layout("md")).data.decode().split())
    assert "deleted from the file at once" in text
    assert "Backups taken before still hold them" in text
    assert "after 6 more openings no backup holds them" in text
