"""The file a script gives the passphrase in: what it must hold, who may read it, and that
nothing the app writes ever lands on it."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from facilitator.cli import cli
from facilitator.store import Store
from facilitator.store.cipher import PASSPHRASE_FILE_ENV

PASSPHRASE = "the group meets on thursdays"


def passphrase_file(tmp_path, *lines: str, mode: int = 0o600):
    secret = tmp_path / "passphrase.txt"
    secret.write_text("".join(f"{line}\n" for line in lines), encoding="utf-8")
    secret.chmod(mode)
    return secret


def run(*args: str, secret=None):
    env = {PASSPHRASE_FILE_ENV: str(secret) if secret else None}
    return CliRunner().invoke(cli, list(args), env=env, catch_exceptions=False)


def one_line_error(result) -> str:
    assert result.exit_code != 0, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


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
