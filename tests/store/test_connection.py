"""Every connection gets the design's pragmas, files stay private, one action = one transaction."""

from __future__ import annotations

import os
import stat
from datetime import date, datetime, time

import pytest
import sqlite_utils

from facilitator.core.schedule import parse_recurrence
from facilitator.store import Store, StoreError
from facilitator.store.connection import connect
from facilitator.store.migrations import LATEST


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def test_every_connection_has_the_required_pragmas(tmp_path):
    db = connect(tmp_path / "x.db")
    read = {
        name: db.execute(f"PRAGMA {name}").fetchone()[0]
        for name in ("journal_mode", "synchronous", "foreign_keys", "busy_timeout", "secure_delete")
    }
    assert read == {
        "journal_mode": "wal",
        "synchronous": 2,
        "foreign_keys": 1,
        "busy_timeout": 5000,
        "secure_delete": 1,
    }
    db.close()


def test_the_store_uses_the_sqlite_library_sqlite_utils_uses(store):
    assert type(store.conn.db.conn).__module__.split(".")[0] == sqlite_utils.utils.sqlite3.__name__


def test_sqlite_is_new_enough_to_have_the_wal_reset_fix():
    version = sqlite_utils.utils.sqlite3.sqlite_version_info
    assert version >= (3, 51, 3) or version[:3] in ((3, 50, 7), (3, 44, 6))


def test_database_and_side_files_are_private_under_a_loose_umask(tmp_path):
    old = os.umask(0o022)
    try:
        opened = Store(tmp_path / "private" / "f.db")
        opened.groups.create(name="Circle", timezone="UTC")
        assert mode(tmp_path / "private") == 0o700
        for name in ("f.db", "f.db-wal", "f.db-shm"):
            assert mode(tmp_path / "private" / name) == 0o600, name
        opened.close()
    finally:
        os.umask(old)


def test_a_fresh_database_is_at_the_latest_schema_version(store):
    assert store.conn.db.execute("PRAGMA user_version").fetchone()[0] == LATEST


def test_a_database_from_a_newer_version_is_refused_and_left_alone(tmp_path):
    path = tmp_path / "new.db"
    Store(path).close()
    db = connect(path)
    db.execute(f"PRAGMA user_version = {LATEST + 1}")
    db.close()
    before = path.read_bytes()
    with pytest.raises(StoreError, match="newer version of facilitator"):
        Store(path)
    assert path.read_bytes() == before


def test_a_file_that_is_not_a_database_is_refused(tmp_path):
    path = tmp_path / "notes.db"
    path.write_bytes(b"these are not the pages you are looking for" * 100)
    with pytest.raises(StoreError, match="not a facilitator database or is damaged"):
        Store(path)
    assert path.read_bytes().startswith(b"these are not")


def test_a_folder_is_not_a_database(tmp_path):
    with pytest.raises(StoreError, match="is a folder"):
        Store(tmp_path)


def traced(store: Store, action) -> list[str]:
    statements: list[str] = []
    store.conn.db.conn.set_trace_callback(statements.append)
    try:
        action()
    finally:
        store.conn.db.conn.set_trace_callback(None)
    return statements


def is_write(statement: str) -> bool:
    return statement.lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE", "REPLACE"))


def write_transactions(statements: list[str]) -> list[tuple[str, int]]:
    """(how each transaction began, how many writes it held); writes outside one fail."""
    found, opened, writes = [], None, 0
    for statement in statements:
        head = statement.strip().upper()
        if head.startswith("BEGIN"):
            opened, writes = head, 0
        elif head.startswith(("COMMIT", "END")):
            if writes:
                found.append((opened, writes))
            opened = None
        elif is_write(statement):
            assert opened is not None, f"write outside a transaction: {statement}"
            writes += 1
    return found


def test_each_user_action_is_exactly_one_immediate_transaction(store):
    group = store.groups.create(name="Circle", timezone="Europe/London")
    series = store.schedule.add_series(
        group.id, parse_recurrence("weekly on tue"), date(2026, 11, 1), time(18, 30), 90
    )
    member = store.people.add_member(group.id, "Ade")
    when = datetime(2026, 11, 3, 18, 30)
    actions = {
        "record attendance": lambda: store.people.record(series.id, when, member.id),
        "add walk-in": lambda: store.people.add_walk_in(series.id, when, "Bea", date(2026, 11, 3)),
        "cancel": lambda: store.schedule.cancel(series.id, datetime(2026, 11, 10, 18, 30), "Snow"),
        "move": lambda: store.schedule.move(series.id, datetime(2026, 11, 17, 18, 30), room="Hall"),
        "close": lambda: store.people.close_session(series.id, when),
        "update group": lambda: store.groups.update(group.id, room="Room 2"),
    }
    for name, action in actions.items():
        found = write_transactions(traced(store, action))
        assert len(found) == 1, name
        assert found[0][0] == "BEGIN IMMEDIATE", name


def test_a_failed_action_writes_nothing(store):
    store.groups.create(name="Circle", timezone="UTC")
    with pytest.raises(Exception, match="already exists"):
        store.groups.create(name="circle", timezone="UTC")
    assert [g.name for g in store.groups.list()] == ["Circle"]
    assert not store.conn.db.conn.in_transaction


def test_the_version_stays_the_same_while_only_reads_happen(store):
    store.groups.create(name="Circle", timezone="UTC")
    before = store.version()
    store.groups.list()
    store.resources.list()
    assert store.version() == before


def test_the_version_changes_with_each_action_of_this_store(store):
    before = store.version()
    store.groups.create(name="Circle", timezone="UTC")
    after_one = store.version()
    store.resources.add(title="Helpline", kind="hotline", phone="0800 000 000")
    assert len({before, after_one, store.version()}) == 3


def test_the_version_stays_the_same_after_a_refused_action(store):
    store.groups.create(name="Circle", timezone="UTC")
    before = store.version()
    with pytest.raises(Exception, match="already exists"):
        store.groups.create(name="circle", timezone="UTC")
    assert store.version() == before


def test_the_version_changes_when_another_connection_writes_the_file(store, tmp_path):
    before = store.version()
    other = Store(store.path)
    other.groups.create(name="Circle", timezone="UTC")
    other.close()
    assert store.version() != before


def test_the_same_file_opened_again_has_another_version(tmp_path):
    first = Store(tmp_path / "x.db")
    seen = first.version()
    first.close()
    again = Store(tmp_path / "x.db")
    assert again.version() != seen
    again.close()


def test_reading_for_the_first_screen_leaves_sqlite_utils_unimported(demo_file):
    """Its imports (click, pluggy, dateutil.parser) cost ~0.1 s; writes load it when needed."""
    import subprocess
    import sys

    script = (
        "import sys; from datetime import datetime, UTC; from facilitator.store import Store; "
        "from facilitator.tui.screens.home import overview; "
        f"s = Store({str(demo_file)!r}, check_later=True); overview(s, datetime.now(UTC)); "
        "s.verify(); s.settings.all(); print('sqlite_utils' in sys.modules)"
    )
    shown = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert shown.stdout.strip() == "False", shown.stderr
