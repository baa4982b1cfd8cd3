"""The CLI and a passphrase remembered on this computer: commands use it before asking (unless
FACILITATOR_PASSPHRASE_FILE names a file), a change of passphrase follows it, decrypting and
`facilitator forget-passphrase` forget it, and no keyring (or a failing one) stops nothing."""

from __future__ import annotations

import keyring
import pytest

from facilitator.store import Store
from facilitator.store.cipher import unlock
from tests.cli.test_encrypt_cli import run
from tests.encrypted import encrypted_database, one_line_error
from tests.keyrings import FailingKeyring, entry, kept_in_memory

PASSPHRASE = "the group meets on tuesdays"


@pytest.fixture
def encrypted(tmp_path):
    return encrypted_database(tmp_path / "f.db", PASSPHRASE, ["Tuesday circle"])


@pytest.fixture
def memory():
    return kept_in_memory()


def test_a_command_uses_the_remembered_passphrase_without_asking(encrypted, memory):
    memory.kept[entry(encrypted)] = PASSPHRASE
    listed = run("groups", "list", "--db", str(encrypted))
    assert listed.exit_code == 0, listed.output
    assert "Tuesday circle" in listed.stdout
    assert PASSPHRASE not in listed.output


def test_the_passphrase_file_goes_before_the_remembered_passphrase(encrypted, memory, tmp_path):
    memory.kept[entry(encrypted)] = PASSPHRASE
    listed = run("groups", "list", "--db", str(encrypted), lines=("not it",), tmp_path=tmp_path)
    assert "wrong passphrase" in one_line_error(listed)


def test_a_remembered_passphrase_that_no_longer_opens_is_forgotten_and_asked_for(encrypted, memory):
    memory.kept[entry(encrypted)] = "the passphrase before it changed"
    listed = run("groups", "list", "--db", str(encrypted))
    assert "a passphrase is needed" in one_line_error(listed)
    assert memory.kept == {}


def test_a_failing_keyring_is_passed_over_and_the_passphrase_asked_for(encrypted):
    keyring.set_keyring(FailingKeyring())
    listed = run("groups", "list", "--db", str(encrypted))
    assert "a passphrase is needed" in one_line_error(listed)


def test_a_changed_passphrase_is_the_one_remembered(encrypted, memory, tmp_path):
    memory.kept[entry(encrypted)] = PASSPHRASE
    new = "the group meets on wednesdays"
    changed = run("passphrase", "--db", str(encrypted), lines=(PASSPHRASE, new), tmp_path=tmp_path)
    assert changed.exit_code == 0, changed.output
    assert memory.kept == {entry(encrypted): new}
    assert PASSPHRASE not in changed.output and new not in changed.output
    unlock(encrypted, new)


def test_decrypting_forgets_the_remembered_passphrase(encrypted, memory):
    memory.kept[entry(encrypted)] = PASSPHRASE
    decrypted = run("decrypt", "--db", str(encrypted))
    assert decrypted.exit_code == 0, decrypted.output
    assert memory.kept == {}
    assert "forgotten" in decrypted.stderr


def test_encrypting_forgets_a_passphrase_left_from_an_earlier_encryption(tmp_path, memory):
    path = tmp_path / "f.db"
    Store(path).close()
    memory.kept[entry(path)] = "an old passphrase"
    done = run("encrypt", "--db", str(path), lines=(PASSPHRASE,), tmp_path=tmp_path)
    assert done.exit_code == 0, done.output
    assert memory.kept == {}


def test_forget_passphrase_forgets_it(encrypted, memory):
    memory.kept[entry(encrypted)] = PASSPHRASE
    memory.kept[("facilitator", "/another/file.db")] = "another one"
    forgot = run("forget-passphrase", "--db", str(encrypted))
    assert forgot.exit_code == 0, forgot.output
    assert "no longer remembered" in forgot.stdout
    assert memory.kept == {("facilitator", "/another/file.db"): "another one"}


def test_forget_passphrase_says_when_none_was_remembered(encrypted, memory):
    forgot = run("forget-passphrase", "--db", str(encrypted))
    assert forgot.exit_code == 0
    assert "No passphrase" in forgot.stdout


def test_forget_passphrase_without_a_keyring_says_there_is_none(encrypted):
    forgot = run("forget-passphrase", "--db", str(encrypted))
    assert forgot.exit_code == 0
    assert "no keyring" in forgot.stdout


def test_forget_passphrase_with_a_failing_keyring_is_one_line_and_not_zero(encrypted):
    keyring.set_keyring(FailingKeyring())
    forgot = run("forget-passphrase", "--db", str(encrypted))
    assert "nothing was forgotten" in one_line_error(forgot)
