"""Opening a file: damage told from cannot-open, our files told from others', nothing changed
by looking, loose modes tightened once."""

from __future__ import annotations

import asyncio
import os
import stat

import pytest
import sqlite_utils
from click.testing import CliRunner
from textual.widgets import Input

from facilitator.cli import cli
from facilitator.store import CannotOpenError, DamagedError, NotOursError, ReadOnlyError, Store
from facilitator.store.connection import APPLICATION_ID, connect, open_read_only
from facilitator.tui.screens import catalogue
from facilitator.tui.screens.home import HomeScreen
from tests.places import (
    fingerprint,
    full_disk,
    ran_as_ordinary_user,
    read_only_folder,
    read_only_media,
)
from tests.tui.conftest import SIZE, make_app, settle


def a_database(folder, name="f.db", groups=3):
    path = folder / name
    store = Store(path)
    for n in range(groups):
        store.groups.create(name=f"Group {n}", timezone="UTC")
    store.close()
    return path


def another_programs_database(path):
    raw = sqlite_utils.utils.sqlite3.connect(path)  # SQLite's defaults: no application_id
    raw.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY, caption TEXT)")
    raw.execute("INSERT INTO photos (caption) VALUES ('holiday')")
    raw.commit()
    raw.close()
    return path


def stored_application_id(path) -> int:
    raw = open_read_only(path)
    try:
        return raw.execute("PRAGMA application_id").fetchone()[0]
    finally:
        raw.close()


def notifications(app) -> str:
    return " ".join(str(n.message) for n in app._notifications)


# -- damage or cannot-open -------------------------------------------------------------------


def test_a_healthy_database_on_a_full_disk_is_not_called_damaged(tmp_path):
    original = a_database(tmp_path)
    with full_disk(original, tmp_path / "disk") as path:
        before = path.read_bytes()
        store = Store(path)
        assert [g.name for g in store.groups.list()] == ["Group 0", "Group 1", "Group 2"]
        with pytest.raises(ReadOnlyError, match="full: nothing can be saved"):
            store.groups.create(name="More", timezone="UTC")
        assert any("is full" in notice for notice in store.notices)
        store.close()
        listed = CliRunner().invoke(cli, ["groups", "list", "--db", str(path)])
        assert listed.exit_code == 0 and "Group 2" in listed.stdout
        assert "damaged" not in listed.stderr and "restore" not in listed.stderr
        assert path.read_bytes() == before


def test_the_app_on_a_full_disk_opens_its_screens_and_says_why_nothing_saves(tmp_path):
    original = a_database(tmp_path)
    with full_disk(original, tmp_path / "disk") as path:
        store = Store(path, check_later=True)

        async def run() -> None:
            async with make_app(store).run_test(size=SIZE) as pilot:
                await settle(pilot)
                assert isinstance(pilot.app.screen, HomeScreen)  # never the recovery screen
                assert "is full" in notifications(pilot.app)

        asyncio.run(run())
        store.close()


def test_a_database_on_read_only_media_can_be_read_and_printed(tmp_path, demo_file):
    with read_only_media(demo_file, tmp_path / "cdrom") as path:
        before = fingerprint(path)
        store = Store(path)
        assert len(store.groups.list()) == 3
        with pytest.raises(ReadOnlyError, match="read-only media: nothing can be saved"):
            store.groups.create(name="More", timezone="UTC")
        store.close()
        printed = CliRunner().invoke(
            cli, ["export", "handouts", "--db", str(path), "-o", str(tmp_path / "h.md")]
        )
        assert printed.exit_code == 0, printed.stderr
        assert "read-only media" in printed.stderr
        assert (tmp_path / "h.md").exists()
        assert fingerprint(path) == before


def test_on_read_only_media_a_form_says_why_it_cannot_save(tmp_path):
    original = a_database(tmp_path)
    with read_only_media(original, tmp_path / "cdrom") as path:
        store = Store(path, check_later=True)

        async def run() -> None:
            async with make_app(store).run_test(size=SIZE) as pilot:
                await settle(pilot)
                assert isinstance(pilot.app.screen, HomeScreen)
                assert "read-only media" in notifications(pilot.app)
                pilot.app.push_screen(catalogue.make(pilot.app, "groups"))
                await settle(pilot)
                await pilot.press("n")
                await settle(pilot)
                dialog = pilot.app.screen
                dialog.query_one("#field-name", Input).value = "Circle"
                await pilot.press("ctrl+s")
                await settle(pilot)
                assert pilot.app.screen is dialog
                shown = str(dialog.query_one("#form-error").render())
                assert "read-only media" in shown and "nothing can be saved" in shown

        asyncio.run(run())
        store.close()


def test_the_app_opens_a_database_on_read_only_media_and_says_once_it_has_no_lock_file(
    tmp_path, monkeypatch
):
    from facilitator.tui.app import FacilitatorApp

    opened = []
    monkeypatch.setattr(FacilitatorApp, "run", lambda app: opened.append(list(app.store.notices)))
    original = a_database(tmp_path)
    with read_only_media(original, tmp_path / "cdrom") as path:
        before = fingerprint(path)
        result = CliRunner().invoke(cli, ["--db", str(path)])
        assert result.exit_code == 0, result.stderr
        assert fingerprint(path) == before
    [notices] = opened
    assert any("read-only media" in notice for notice in notices)
    assert [n for n in notices if "f.db.lock" in n] == [
        "f.db.lock cannot be made beside it (Read-only file system): the app opens without it"
    ]


def test_a_database_in_a_folder_that_may_not_be_written_opens_for_reading(tmp_path, request):
    if ran_as_ordinary_user(request):
        return
    folder = tmp_path / "locked"
    folder.mkdir()
    path = a_database(folder)
    with read_only_folder(path):
        store = Store(path)
        assert len(store.groups.list()) == 3
        with pytest.raises(ReadOnlyError, match="permission denied"):
            store.groups.create(name="More", timezone="UTC")
        store.close()


def test_a_database_that_may_not_be_read_is_refused_as_such_not_as_damaged(tmp_path, request):
    if ran_as_ordinary_user(request):
        return
    path = a_database(tmp_path)
    os.chmod(path, 0o000)
    try:
        with pytest.raises(CannotOpenError, match="permission denied"):
            Store(path)
    finally:
        os.chmod(path, 0o600)


# -- ours or not -----------------------------------------------------------------------------


def test_a_new_database_carries_our_mark(tmp_path):
    assert stored_application_id(a_database(tmp_path)) == APPLICATION_ID


def test_another_programs_database_is_refused_untouched(tmp_path):
    path = another_programs_database(tmp_path / "photos.db")
    before = fingerprint(path)
    with pytest.raises(NotOursError, match="not a facilitator database"):
        Store(path)
    for command in (["check"], ["groups", "list"], []):
        result = CliRunner().invoke(cli, [*command, "--db", str(path)])
        assert result.exit_code == 1
        assert "not a facilitator database" in result.stderr and "ok" not in result.stdout
    assert fingerprint(path) == before


def test_an_empty_file_is_refused_and_the_backups_are_kept(tmp_path):
    good = a_database(tmp_path)
    store = Store(good)
    kept = [store.auto_backup(tmp_path / "backups")]
    store.close()
    good.unlink()
    good.touch()  # a copy cut short: zero bytes where the database was
    with pytest.raises(NotOursError, match="empty"):
        Store(good, check_later=True)  # as `facilitator` opens it, before its automatic backup
    result = CliRunner().invoke(cli, ["backup", "--db", str(good)])
    assert result.exit_code == 1 and "empty" in result.stderr
    assert good.stat().st_size == 0
    assert sorted((tmp_path / "backups").iterdir()) == kept


def test_a_database_made_before_files_were_marked_opens_and_is_marked(tmp_path):
    path = a_database(tmp_path)
    raw = connect(path)
    raw.execute("PRAGMA application_id = 0")  # as every file an earlier version made
    raw.close()
    store = Store(path)
    assert len(store.groups.list()) == 3
    store.close()
    assert stored_application_id(path) == APPLICATION_ID


# -- looking changes nothing -----------------------------------------------------------------


def damaged_backup(tmp_path):
    """A backup (rollback-journal mode, as backups are) with a page overwritten."""
    store = Store(a_database(tmp_path, groups=120))
    path = store.backup(tmp_path / "copy.db")
    store.close()
    raw = bytearray(path.read_bytes())
    raw[4096 * 2 : 4096 * 2 + 600] = b"\xa5" * 600
    path.write_bytes(bytes(raw))
    return path


def test_check_on_a_damaged_file_changes_no_byte_of_it(tmp_path):
    path = damaged_backup(tmp_path)
    before = fingerprint(path)
    result = CliRunner().invoke(cli, ["check", "--db", str(path)])
    assert result.exit_code == 1 and "damaged" in result.stderr
    assert fingerprint(path) == before


def test_opening_a_damaged_file_changes_no_byte_of_it(tmp_path):
    path = damaged_backup(tmp_path)
    before = fingerprint(path)
    with pytest.raises(DamagedError):
        Store(path)
    listed = CliRunner().invoke(cli, ["groups", "list", "--db", str(path)])
    assert listed.exit_code == 1
    assert fingerprint(path) == before


def test_check_on_a_healthy_closed_file_changes_no_byte_and_leaves_no_side_file(tmp_path):
    path = a_database(tmp_path)
    before = fingerprint(path)
    result = CliRunner().invoke(cli, ["check", "--db", str(path)])
    assert result.exit_code == 0 and result.stdout.strip().endswith(": ok")
    assert fingerprint(path) == before


# -- modes -----------------------------------------------------------------------------------


def test_a_database_others_could_read_is_made_private_and_says_so_once(tmp_path):
    path = a_database(tmp_path)
    os.chmod(path, 0o644)
    first = CliRunner().invoke(cli, ["groups", "list", "--db", str(path)])
    assert first.exit_code == 0
    assert "could be read by other users" in first.stderr and "0600" in first.stderr
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    again = CliRunner().invoke(cli, ["groups", "list", "--db", str(path)])
    assert again.exit_code == 0 and again.stderr == ""


def test_the_app_says_once_that_it_made_a_loose_database_private(tmp_path):
    path = a_database(tmp_path)
    os.chmod(path, 0o644)
    store = Store(path, check_later=True)

    async def run() -> None:
        async with make_app(store).run_test(size=SIZE) as pilot:
            await settle(pilot)
            assert "could be read by other users" in notifications(pilot.app)

    asyncio.run(run())
    store.close()
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert Store(path).notices == []
