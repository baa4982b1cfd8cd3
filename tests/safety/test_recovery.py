"""Backups on opening, damaged and newer files, a full disk, and failing migrations."""

from __future__ import annotations

import asyncio
import os
import stat

import pytest
from click.testing import CliRunner
from textual.widgets import DataTable, Input, TextArea

from facilitator.cli import cli
from facilitator.store import DamagedError, Store, StoreError
from facilitator.store import migrations as migrations_module
from facilitator.store.connection import Error as SQLiteError
from facilitator.store.connection import connect
from facilitator.tui.app import RecoveryApp
from facilitator.tui.screens import catalogue
from facilitator.tui.screens.home import HomeScreen
from facilitator.tui.screens.recovery import RecoveryScreen
from tests.tui.conftest import SIZE, make_app, settle


def test_opening_the_app_makes_a_private_backup(store):
    async def run() -> None:
        async with make_app(store).run_test(size=SIZE) as pilot:
            await settle(pilot)

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


def damaged_with_backup(tmp_path):
    """A database with 120 groups, a backup of it, then a page of it overwritten."""
    path = tmp_path / "f.db"
    store = Store(path)
    for n in range(120):
        store.groups.create(name=f"Group {n}", timezone="UTC", description="x" * 400)
    backup = store.auto_backup(tmp_path / "backups")
    store.close()
    damage(path)
    return path, backup


def test_a_damaged_database_opens_the_recovery_screen_and_writes_nothing(tmp_path):
    path, backup = damaged_with_backup(tmp_path)
    before = path.read_bytes()

    async def run() -> None:
        store = Store(path, check_later=True)
        async with make_app(store).run_test(size=SIZE) as pilot:
            await settle(pilot)
            assert isinstance(pilot.app.screen, RecoveryScreen)
            assert backup.name in pilot.app.screen.query_one(DataTable).get_row_at(0)[0].plain
            with pytest.raises(DamagedError):
                store.groups.create(name="Written anyway", timezone="UTC")
        store.close()

    asyncio.run(run())
    assert path.read_bytes() == before
    assert len(list((tmp_path / "backups").glob("*.db"))) == 1  # no backup of the damage


def test_restoring_from_the_recovery_screen_reopens_the_app_on_the_backup(tmp_path):
    path, _ = damaged_with_backup(tmp_path)

    async def run() -> None:
        store = Store(path, check_later=True)
        app = make_app(store)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await pilot.press("enter")
            await pilot.press("y")
            await settle(pilot)
            assert isinstance(pilot.app.screen, HomeScreen)
            assert len(app.store.groups.list()) == 120
            app.store.groups.create(name="After the restore", timezone="UTC")
        app.store.close()

    asyncio.run(run())
    [kept] = list((tmp_path / "backups").glob("damaged-*.db"))
    assert kept.stat().st_size > 0 and Store(path).check() == []


def test_a_database_that_cannot_be_read_opens_recovery_on_its_own(tmp_path):
    path, backup = damaged_with_backup(tmp_path)
    path.write_bytes(b"not a database at all" * 100)

    async def run() -> None:
        app = RecoveryApp(path, "cannot be read")
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await pilot.press("enter", "y")
            await settle(pilot)
        assert app.return_value == backup

    asyncio.run(run())
    assert len(Store(path).groups.list()) == 120


def test_the_command_line_refuses_an_unreadable_database_without_backups(tmp_path):
    path, backup = damaged_with_backup(tmp_path)
    backup.unlink()
    path.write_bytes(b"not a database at all" * 100)
    before = path.read_bytes()
    result = CliRunner().invoke(cli, ["--db", str(path)])
    assert result.exit_code == 1
    assert "damaged" in result.stderr and "no backup" in result.stderr
    assert path.read_bytes() == before


def test_restore_over_a_damaged_database_sets_the_damaged_file_aside(tmp_path):
    path, backup = damaged_with_backup(tmp_path)
    before = path.read_bytes()
    result = CliRunner().invoke(cli, ["restore", "--yes", "--db", str(path), str(backup)])
    assert result.exit_code == 0, result.output
    [kept] = list((tmp_path / "backups").glob("damaged-*.db"))
    assert kept.read_bytes() == before
    assert stat.S_IMODE(os.stat(kept).st_mode) == 0o600
    assert len(Store(path).groups.list()) == 120


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
    current = migrations_module.LATEST
    failing_step = ";\n".join(steps)
    monkeypatch.setattr(
        migrations_module, "MIGRATIONS", (*migrations_module.MIGRATIONS, failing_step)
    )
    monkeypatch.setattr(migrations_module, "LATEST", current + 1)
    raw = connect(path)
    schema_before = raw.execute("SELECT sql FROM sqlite_schema ORDER BY name").fetchall()
    raw.close()
    with pytest.raises(SQLiteError):
        Store(path)
    raw = connect(path)
    assert raw.execute("PRAGMA user_version").fetchone()[0] == current
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


def test_a_full_disk_in_the_app_says_so_in_the_form_and_the_app_carries_on(store):
    async def run() -> None:
        app = make_app(store)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            pages = store.conn.db.execute("PRAGMA page_count").fetchone()[0]
            store.conn.db.conn.execute(f"PRAGMA max_page_count = {pages}")
            pilot.app.push_screen(catalogue.make(pilot.app, "groups"))
            await settle(pilot)
            await pilot.press("n")
            await settle(pilot)
            dialog = pilot.app.screen
            dialog.query_one("#field-name", Input).value = "Circle"
            for area in dialog.query(TextArea):  # a row of several pages: more than is left
                area.text = "x" * 3_900
            await pilot.press("ctrl+s")
            await settle(pilot)
            assert pilot.app.screen is dialog and app.is_running
            assert "full" in str(dialog.query_one("#form-error").render())
            assert store.groups.list() == []
            store.conn.db.conn.execute("PRAGMA max_page_count = 1073741823")
            await pilot.press("ctrl+s")  # room again: the same form saves
            await settle(pilot)
            assert [g.name for g in store.groups.list()] == ["Circle"]

    asyncio.run(run())


def test_a_truncated_database_is_refused_by_commands_and_opens_recovery_in_the_app(tmp_path):
    path, _ = damaged_with_backup(tmp_path)
    [backup] = (tmp_path / "backups").glob("f-*.db")
    whole = backup.read_bytes()
    path.write_bytes(whole[: len(whole) // 2])  # a copy cut short, as by a full USB stick
    before = path.read_bytes()
    listed = CliRunner().invoke(cli, ["groups", "list", "--db", str(path)])
    assert listed.exit_code == 1 and "damaged" in listed.stderr
    assert len(listed.stderr.strip().splitlines()) == 1

    with pytest.raises(DamagedError) as refused:  # what `facilitator` meets before its app
        Store(path, check_later=True)

    async def run() -> None:
        async with RecoveryApp(path, str(refused.value)).run_test(size=SIZE) as pilot:
            await settle(pilot)
            assert isinstance(pilot.app.screen, RecoveryScreen)
            assert pilot.app.screen.backups[0].path == backup

    asyncio.run(run())
    assert path.read_bytes() == before


def test_an_encrypted_database_is_recovered_from_its_backup_and_stays_encrypted(tmp_path):
    from facilitator.store.cipher import Key, is_encrypted, unlock
    from facilitator.store.convert import convert

    path = tmp_path / "f.db"
    store = Store(path)
    for n in range(120):
        store.groups.create(name=f"Group {n}", timezone="UTC", description="x" * 400)
    store.close()
    convert(path, None, Key.new("recovered passphrase"), "encrypt it")
    key = unlock(path, "recovered passphrase")
    store = Store(path, key=key)
    store.auto_backup(tmp_path / "backups")
    store.close()
    damage(path)

    async def run() -> None:
        app = make_app(Store(path, check_later=True, key=unlock(path, "recovered passphrase")))
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            assert isinstance(pilot.app.screen, RecoveryScreen)
            await pilot.press("enter")
            await pilot.press("y")
            await settle(pilot)
            assert isinstance(pilot.app.screen, HomeScreen)
            assert len(app.store.groups.list()) == 120
        app.store.close()

    asyncio.run(run())
    assert is_encrypted(path)
    assert b"Group 1" not in path.read_bytes()
    assert Store(path, key=unlock(path, "recovered passphrase")).check() == []
