"""A damaged first page of an encrypted database is damage, not a wrong passphrase: the
backups share its key and salt, so the passphrase that opens one of them is the right one."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from facilitator import paths
from facilitator.cli import cli
from facilitator.store import Store
from facilitator.store.cipher import PASSPHRASE_FILE_ENV, is_encrypted, unlock
from tests.encrypted import one_line_error, passphrase_file

PASSPHRASE = "the group meets on thursdays"


def run(*args: str, tmp_path, passphrase: str = PASSPHRASE):
    env = {PASSPHRASE_FILE_ENV: str(passphrase_file(tmp_path, passphrase))}
    return CliRunner().invoke(cli, list(args), env=env, catch_exceptions=False)


@pytest.fixture
def damaged(tmp_path):
    """An encrypted database with one backup, then one byte of its first page changed."""
    path = tmp_path / "data" / "f.db"
    path.parent.mkdir()
    store = Store(path)
    store.groups.create(name="Thursday circle", timezone="UTC")
    store.close()
    assert run("encrypt", "--db", str(path), tmp_path=tmp_path).exit_code == 0
    backed_up = run("backup", "--db", str(path), tmp_path=tmp_path)
    assert backed_up.exit_code == 0, backed_up.output
    with open(path, "r+b") as handle:
        handle.seek(2000)
        byte = handle.read(1)
        handle.seek(2000)
        handle.write(bytes([byte[0] ^ 0xFF]))
    return path


def the_backup(database):
    (found,) = paths.backups_dir(database).glob("f-*.db")
    return found


def test_a_damaged_first_page_is_called_damaged_and_names_restore(damaged, tmp_path):
    line = one_line_error(run("check", "--db", str(damaged), tmp_path=tmp_path))
    assert "damaged" in line and "facilitator restore" in line
    assert "wrong passphrase" not in line


def test_a_wrong_passphrase_on_a_damaged_file_is_still_a_wrong_passphrase(damaged, tmp_path):
    result = run("check", "--db", str(damaged), tmp_path=tmp_path, passphrase="not it at all")
    assert "wrong passphrase" in one_line_error(result)


def test_restore_replaces_a_damaged_encrypted_database_and_keeps_it_aside(damaged, tmp_path):
    backup = the_backup(damaged)
    result = run("restore", str(backup), "--db", str(damaged), "--yes", tmp_path=tmp_path)
    assert result.exit_code == 0, result.output
    assert is_encrypted(damaged)
    store = Store(damaged, key=unlock(damaged, PASSPHRASE))
    assert [g.name for g in store.groups.list()] == ["Thursday circle"]
    store.close()
    assert len(list(paths.backups_dir(damaged).glob("damaged-*.db"))) == 1


def test_the_app_opens_its_recovery_screen_for_a_damaged_first_page(damaged, tmp_path, monkeypatch):
    from facilitator.tui import app as tui_app

    shown = []
    monkeypatch.setattr(tui_app.RecoveryApp, "run", lambda self: shown.append(self.problem))
    result = run("--db", str(damaged), tmp_path=tmp_path)
    assert result.exit_code == 0, result.output
    assert len(shown) == 1 and "damaged" in shown[0]
