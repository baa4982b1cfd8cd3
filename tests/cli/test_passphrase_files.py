"""The file a script gives the passphrase in: what it must hold, who may read it, and that
nothing the app writes ever lands on it."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from facilitator.cli import cli
from facilitator.store import Store
from facilitator.store.cipher import PASSPHRASE_FILE_ENV, is_encrypted
from tests.encrypted import one_line_error, passphrase_file

PASSPHRASE = "the group meets on thursdays"


def run(*args: str, secret=None):
    env = {PASSPHRASE_FILE_ENV: str(secret) if secret else None}
    return CliRunner().invoke(cli, list(args), env=env, catch_exceptions=False)


@pytest.fixture
def plain(tmp_path):
    path = tmp_path / "f.db"
    store = Store(path)
    store.groups.create(name="Thursday circle", timezone="UTC")
    store.close()
    return path


@pytest.fixture
def encrypted(plain, tmp_path):
    done = run("encrypt", "--db", str(plain), secret=passphrase_file(tmp_path, PASSPHRASE))
    assert done.exit_code == 0, done.output
    return plain


def test_a_backup_is_never_written_over_the_passphrase_file(encrypted, tmp_path):
    secret = passphrase_file(tmp_path, PASSPHRASE)
    result = run("backup", "--db", str(encrypted), "-o", str(secret), secret=secret)
    assert "passphrase file" in one_line_error(result)
    assert secret.read_text(encoding="utf-8") == f"{PASSPHRASE}\n"


def test_no_file_is_written_over_the_bundles_passphrase_file(tmp_path, monkeypatch):
    from facilitator.files import WriteError, write_file

    secret = passphrase_file(tmp_path, PASSPHRASE)
    monkeypatch.setenv("FACILITATOR_BUNDLE_PASSPHRASE_FILE", str(secret))
    with pytest.raises(WriteError, match="passphrase file"):
        write_file(secret, b"an export", database=tmp_path / "f.db")
    assert secret.read_text(encoding="utf-8") == f"{PASSPHRASE}\n"


def test_encrypt_refuses_a_second_line_that_differs_from_the_first(plain, tmp_path):
    before = plain.read_bytes()
    secret = passphrase_file(tmp_path, PASSPHRASE, "the group meets on fridays")
    line = one_line_error(run("encrypt", "--db", str(plain), secret=secret))
    assert "differs" in line and "nothing was changed" in line
    assert plain.read_bytes() == before


def test_encrypt_takes_a_second_line_that_repeats_the_first(plain, tmp_path):
    secret = passphrase_file(tmp_path, PASSPHRASE, PASSPHRASE)
    assert run("encrypt", "--db", str(plain), secret=secret).exit_code == 0


def test_a_new_passphrase_whose_confirmation_differs_is_refused(encrypted, tmp_path):
    before = encrypted.read_bytes()
    secret = passphrase_file(tmp_path, PASSPHRASE, "a new passphrase", "a new passphrasf")
    line = one_line_error(run("passphrase", "--db", str(encrypted), secret=secret))
    assert "differs" in line
    assert encrypted.read_bytes() == before


def test_a_passphrase_of_only_spaces_is_refused(plain, tmp_path):
    before = plain.read_bytes()
    line = one_line_error(
        run("encrypt", "--db", str(plain), secret=passphrase_file(tmp_path, " " * 12))
    )
    assert "only spaces" in line
    assert plain.read_bytes() == before


@pytest.mark.parametrize("mode", [0o640, 0o604, 0o644], ids=["0640", "0604", "0644"])
def test_a_passphrase_file_others_can_read_is_refused_with_chmod_600(plain, tmp_path, mode):
    before = plain.read_bytes()
    secret = passphrase_file(tmp_path, PASSPHRASE, mode=mode)
    line = one_line_error(run("encrypt", "--db", str(plain), secret=secret))
    assert f"chmod 600 {secret}" in line
    assert plain.read_bytes() == before


def test_a_passphrase_longer_than_1024_characters_is_refused_from_a_file(plain, tmp_path):
    before = plain.read_bytes()
    secret = passphrase_file(tmp_path, "x" * 1025)
    assert "at most 1,024" in one_line_error(run("encrypt", "--db", str(plain), secret=secret))
    assert plain.read_bytes() == before


def test_a_passphrase_longer_than_1024_characters_is_refused_on_a_terminal(plain, monkeypatch):
    from facilitator import passphrases

    monkeypatch.setattr(passphrases, "on_terminal", lambda: True)
    long = "x" * 1025
    result = CliRunner().invoke(
        cli,
        ["encrypt", "--db", str(plain)],
        input=f"{long}\n{long}\n",
        env={PASSPHRASE_FILE_ENV: None},
    )
    assert result.exit_code != 0
    assert "Error: a passphrase is at most 1,024" in result.stderr.strip().splitlines()[-1]
    assert not is_encrypted(plain)


def test_a_passphrase_of_1024_characters_encrypts(plain, tmp_path):
    secret = passphrase_file(tmp_path, "x" * 1024)
    assert run("encrypt", "--db", str(plain), secret=secret).exit_code == 0
