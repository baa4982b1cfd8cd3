"""facilitator encrypt / decrypt / passphrase, and every command on an encrypted database."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from facilitator import passphrases
from facilitator.cli import cli
from facilitator.store import Store
from facilitator.store.cipher import PASSPHRASE_FILE_ENV, is_encrypted, unlock
from tests.encrypted import one_line_error, passphrase_file

PASSPHRASE = "the group meets on thursdays"


def run(*args: str, lines: tuple[str, ...] | None = None, tmp_path=None, **kwargs):
    env = {PASSPHRASE_FILE_ENV: None}
    if lines is not None:
        env[PASSPHRASE_FILE_ENV] = str(passphrase_file(tmp_path, *lines))
    return CliRunner().invoke(cli, list(args), env=env, catch_exceptions=False, **kwargs)


@pytest.fixture
def encrypted(tmp_path):
    path = tmp_path / "f.db"
    store = Store(path)
    store.groups.create(name="Thursday circle", timezone="UTC")
    store.close()
    done = run("encrypt", "--db", str(path), lines=(PASSPHRASE,), tmp_path=tmp_path)
    assert done.exit_code == 0, done.output
    return path


def test_encrypt_makes_the_file_unreadable_without_the_passphrase(encrypted):
    assert is_encrypted(encrypted)
    assert b"Thursday circle" not in encrypted.read_bytes()


def test_every_command_reads_an_encrypted_database_with_its_passphrase(encrypted, tmp_path):
    listed = run("groups", "list", "--db", str(encrypted), lines=(PASSPHRASE,), tmp_path=tmp_path)
    assert listed.exit_code == 0, listed.output
    assert "Thursday circle" in listed.stdout
    checked = run("check", "--db", str(encrypted), lines=(PASSPHRASE,), tmp_path=tmp_path)
    assert checked.stdout.strip().endswith(": ok")


def test_a_wrong_passphrase_is_one_line_never_damage_and_changes_nothing(encrypted, tmp_path):
    before = sorted(p.name for p in tmp_path.rglob("*")), encrypted.read_bytes()
    result = run(
        "groups", "list", "--db", str(encrypted), lines=("not it at all",), tmp_path=tmp_path
    )
    line = one_line_error(result)
    assert "wrong passphrase" in line
    assert "damaged" not in line
    assert (sorted(p.name for p in tmp_path.rglob("*")), encrypted.read_bytes()) == before


def test_without_a_terminal_or_passphrase_file_the_command_says_how_to_give_one(encrypted):
    line = one_line_error(run("groups", "list", "--db", str(encrypted)))
    assert PASSPHRASE_FILE_ENV in line


def test_on_a_terminal_a_new_passphrase_is_asked_twice(tmp_path, monkeypatch):
    path = tmp_path / "f.db"
    Store(path).close()
    monkeypatch.setattr(passphrases, "on_terminal", lambda: True)
    result = run("encrypt", "--db", str(path), input=f"{PASSPHRASE}\n{PASSPHRASE}\n")
    assert result.exit_code == 0, result.output
    assert result.output.count("passphrase") >= 2
    assert PASSPHRASE not in result.output
    unlock(path, PASSPHRASE)


def test_two_different_new_passphrases_on_a_terminal_encrypt_nothing(tmp_path, monkeypatch):
    path = tmp_path / "f.db"
    Store(path).close()
    monkeypatch.setattr(passphrases, "on_terminal", lambda: True)
    run("encrypt", "--db", str(path), input=f"{PASSPHRASE}\nsomething else\n")
    assert not is_encrypted(path)


def test_a_short_new_passphrase_is_refused(tmp_path):
    path = tmp_path / "f.db"
    Store(path).close()
    line = one_line_error(run("encrypt", "--db", str(path), lines=("short",), tmp_path=tmp_path))
    assert "at least 8 characters" in line
    assert not is_encrypted(path)


def test_the_passphrase_is_never_an_option(tmp_path):
    result = run("encrypt", "--passphrase", PASSPHRASE, "--db", str(tmp_path / "f.db"))
    assert result.exit_code == 2  # no such option


def test_encrypting_twice_is_refused(encrypted, tmp_path):
    line = one_line_error(
        run("encrypt", "--db", str(encrypted), lines=("another one",), tmp_path=tmp_path)
    )
    assert "already encrypted" in line


def test_decrypt_gives_back_a_plain_database(encrypted, tmp_path):
    result = run("decrypt", "--db", str(encrypted), lines=(PASSPHRASE,), tmp_path=tmp_path)
    assert result.exit_code == 0, result.output
    assert [g.name for g in Store(encrypted).groups.list()] == ["Thursday circle"]


def test_passphrase_changes_it_and_the_old_one_no_longer_opens(encrypted, tmp_path):
    new = "a new passphrase here"
    done = run("passphrase", "--db", str(encrypted), lines=(PASSPHRASE, new), tmp_path=tmp_path)
    assert done.exit_code == 0, done.output
    old = run("check", "--db", str(encrypted), lines=(PASSPHRASE,), tmp_path=tmp_path)
    assert "wrong passphrase" in one_line_error(old)
    assert run("check", "--db", str(encrypted), lines=(new,), tmp_path=tmp_path).exit_code == 0


def test_a_backup_is_encrypted_and_restores_with_the_passphrase(encrypted, tmp_path):
    made = run("backup", "--db", str(encrypted), lines=(PASSPHRASE,), tmp_path=tmp_path)
    copy = tmp_path / made.stdout.strip()
    assert is_encrypted(copy)
    target = tmp_path / "restored.db"
    done = run(
        "restore", "--db", str(target), str(copy), "--yes", lines=(PASSPHRASE,), tmp_path=tmp_path
    )
    assert done.exit_code == 0, done.output
    assert is_encrypted(target)
    restored = Store(target, key=unlock(target, PASSPHRASE))
    assert [g.name for g in restored.groups.list()] == ["Thursday circle"]
    restored.close()


def test_restoring_an_encrypted_backup_needs_its_passphrase(encrypted, tmp_path):
    made = run("backup", "--db", str(encrypted), lines=(PASSPHRASE,), tmp_path=tmp_path)
    copy = tmp_path / made.stdout.strip()
    target = tmp_path / "restored.db"
    wrong = run(
        "restore",
        "--db",
        str(target),
        str(copy),
        "--yes",
        lines=("no no no no",),
        tmp_path=tmp_path,
    )
    assert "wrong passphrase" in one_line_error(wrong)
    assert not target.exists()
