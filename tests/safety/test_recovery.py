"""Backups on opening, damaged and newer files, a full disk, and failing migrations."""

from __future__ import annotations

import os
import stat

import pytest
from click.testing import CliRunner

from facilitator.cli import cli
from facilitator.store import Store, StoreError
from facilitator.store import migrations as migrations_module
from facilitator.store.connection import Error as SQLiteError
from facilitator.store.connection import connect
from tests.tui.conftest import SIZE, make_app, settle


def test_opening_the_app_makes_a_private_backup(store):
    async def run() -> None:
        async with make_app(store).run_test(size=SIZE) as pilot:
            await settle(pilot)

    import asyncio

    asyncio.run(run())
    folder = store.path.parent / "backups"
    [made] = list(folder.glob("facilitator-*.db"))
    assert stat.S_IMODE(os.stat(folder).st_mode) == 0o700
    assert stat.S_IMODE(os.stat(made).st_mode) == 0o600


def test_automatic_backups_keep_the_configured_number(store, clock):
    from datetime import timedelta

    store.settings.set("backups_kept", "3")
    folder = store.path.parent / "backups"
    for _ in range(5):
        clock.now += timedelta(minutes=1)
        store.auto_backup(folder)
    assert len(list(folder.glob("facilitator-*.db"))) == 3
    assert not list(folder.glob("*-wal"))


def damage(path) -> None:
    raw = bytearray(path.read_bytes())
    raw[4096 * 2 : 4096 * 2 + 600] = b"\xa5" * 600
    path.write_bytes(bytes(raw))


def test_a_damaged_database_is_refused_with_the_newest_backup_named(tmp_path):
    path = tmp_path / "f.db"
    store = Store(path)
    for n in range(120):
        store.groups.create(name=f"Group {n}", timezone="UTC", description="x" * 400)
    backup = store.auto_backup(tmp_path / "backups")
    store.close()
    damage(path)
    before = path.read_bytes()
    result = CliRunner().invoke(cli, ["--db", str(path)])
    assert result.exit_code == 1
    assert "damaged" in result.stderr and str(backup) in result.stderr
    assert path.read_bytes() == before  # nothing written


def test_a_full_disk_rolls_the_action_back_and_the_store_stays_usable(store):
    group = store.groups.create(name="Circle", timezone="UTC")
    pages = store.conn.db.execute("PRAGMA page_count").fetchone()[0]
    store.conn.db.conn.execute(f"PRAGMA max_page_count = {pages}")
    with pytest.raises(SQLiteError, match="full"):
        store.resources.add(title="Big", kind="book", description="x" * 3900)
        for n in range(200):
            store.people.add_member(group.id, f"Member {n}")
    assert not store.conn.db.conn.in_transaction
    store.conn.db.conn.execute("PRAGMA max_page_count = 1073741823")
    store.people.add_member(group.id, "After")
    assert "After" in [m.alias for m in store.people.members(group.id)]
    assert store.check() == []


@pytest.mark.parametrize("failing", [0, 1, 2])
def test_a_migration_that_fails_at_any_step_changes_nothing(tmp_path, monkeypatch, failing):
    path = tmp_path / "m.db"
    Store(path).close()
    steps = [
        "CREATE TABLE extra_a (id TEXT)",
        "ALTER TABLE groups ADD COLUMN extra TEXT",
        "CREATE INDEX extra_b ON groups(extra)",
    ]
    steps[failing] = "CREATE TABLE broken ("  # a syntax error, standing in for any failure
    monkeypatch.setattr(migrations_module, "MIGRATIONS", (migrations_module.V1, ";\n".join(steps)))
    monkeypatch.setattr(migrations_module, "LATEST", 2)
    raw = connect(path)
    schema_before = raw.execute("SELECT sql FROM sqlite_schema ORDER BY name").fetchall()
    raw.close()
    with pytest.raises(SQLiteError):
        Store(path)
    raw = connect(path)
    assert raw.execute("PRAGMA user_version").fetchone()[0] == 1
    assert raw.execute("SELECT sql FROM sqlite_schema ORDER BY name").fetchall() == schema_before
    raw.close()


def test_a_database_from_a_newer_version_is_refused_by_the_cli(tmp_path):
    path = tmp_path / "new.db"
    Store(path).close()
    raw = connect(path)
    raw.execute(f"PRAGMA user_version = {migrations_module.LATEST + 1}")
    raw.close()
    result = CliRunner().invoke(cli, ["groups", "list", "--db", str(path)])
    assert result.exit_code == 1 and "newer version of facilitator" in result.stderr


def test_store_errors_are_store_errors(tmp_path):
    with pytest.raises(StoreError):
        Store(tmp_path)
