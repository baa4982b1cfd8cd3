"""An encrypted database (SQLCipher): opened only with its passphrase, otherwise as before."""

from __future__ import annotations

import builtins
import os
import subprocess
import sys

import pytest

from facilitator.store import (
    DamagedError,
    PassphraseNeededError,
    Store,
    StoreError,
    WrongPassphraseError,
)
from facilitator.store.backup import restore
from facilitator.store.cipher import Key, is_encrypted, unlock
from facilitator.store.convert import convert, converting_name
from facilitator.store.lock import InUseError
from tests.encrypted import encrypted_database

PASSPHRASE = "tea break in room 3"


def encrypted_copy(tmp_path, name="f.db", groups=("Circle",)):
    return encrypted_database(tmp_path / name, PASSPHRASE, groups)


def test_an_encrypted_database_opens_with_its_passphrase_and_keeps_every_row(tmp_path):
    path = encrypted_copy(tmp_path, groups=("Circle", "Friday walkers"))
    assert is_encrypted(path)
    store = Store(path, key=unlock(path, PASSPHRASE))
    assert sorted(g.name for g in store.groups.list()) == ["Circle", "Friday walkers"]
    store.close()


def test_an_encrypted_database_is_not_opened_without_a_passphrase(tmp_path):
    path = encrypted_copy(tmp_path)
    before = path.read_bytes()
    with pytest.raises(PassphraseNeededError, match="is encrypted"):
        Store(path)
    assert path.read_bytes() == before


def test_a_wrong_passphrase_is_refused_never_called_damaged_and_writes_nothing(tmp_path):
    path = encrypted_copy(tmp_path)
    before = sorted(p.name for p in tmp_path.iterdir()), path.read_bytes()
    with pytest.raises(WrongPassphraseError, match="wrong passphrase") as raised:
        unlock(path, "tea break in room 4")
    assert not isinstance(raised.value, DamagedError)
    assert (sorted(p.name for p in tmp_path.iterdir()), path.read_bytes()) == before


def test_sqlcipher_says_nothing_on_the_terminal_about_a_wrong_passphrase(tmp_path, capfd):
    path = encrypted_copy(tmp_path)
    capfd.readouterr()
    with pytest.raises(WrongPassphraseError):
        unlock(path, "not the passphrase")
    assert capfd.readouterr() == ("", "")


def test_the_store_says_it_is_encrypted_and_a_plain_one_says_it_is_not(tmp_path):
    path = encrypted_copy(tmp_path)
    encrypted = Store(path, key=unlock(path, PASSPHRASE))
    plain = Store(tmp_path / "plain.db")
    assert (encrypted.encrypted, plain.encrypted) == (True, False)
    encrypted.close()
    plain.close()


def test_passphrase_matches_only_the_passphrase_the_database_was_opened_with(tmp_path):
    path = encrypted_copy(tmp_path)
    store = Store(path, key=unlock(path, PASSPHRASE))
    assert store.passphrase_matches(PASSPHRASE)
    assert not store.passphrase_matches(PASSPHRASE.upper())
    assert not store.passphrase_matches("")
    store.close()


def test_passphrase_matches_reads_no_file(tmp_path, monkeypatch):
    path = encrypted_copy(tmp_path)
    store = Store(path, key=unlock(path, PASSPHRASE))

    def no_files(*_args, **_kwargs):
        raise AssertionError("a file was opened")

    monkeypatch.setattr(builtins, "open", no_files)
    monkeypatch.setattr(os, "open", no_files)
    assert store.passphrase_matches(PASSPHRASE)
    monkeypatch.undo()
    store.close()


def test_a_plain_database_never_matches_a_passphrase(tmp_path):
    store = Store(tmp_path / "plain.db")
    assert not store.passphrase_matches("")
    store.close()


def test_the_key_keeps_no_copy_of_the_passphrase(tmp_path):
    key = unlock(encrypted_copy(tmp_path), PASSPHRASE)
    kept = [value for value in vars(key).values() if isinstance(value, str | bytes)]
    assert all(PASSPHRASE not in str(value) for value in kept)
    assert PASSPHRASE not in repr(key)


def test_an_encrypted_database_keeps_the_designs_pragmas(tmp_path):
    path = encrypted_copy(tmp_path)
    store = Store(path, key=unlock(path, PASSPHRASE))
    read = {
        name: store.conn.raw.execute(f"PRAGMA {name}").fetchone()[0]
        for name in ("journal_mode", "synchronous", "foreign_keys", "secure_delete", "temp_store")
    }
    assert read == {
        "journal_mode": "wal",
        "synchronous": 2,
        "foreign_keys": 1,
        "secure_delete": 1,
        "temp_store": 2,  # MEMORY: nothing decrypted goes to a temporary file
    }
    store.close()


def test_a_damaged_page_of_an_encrypted_database_is_called_damaged(tmp_path):
    path = encrypted_copy(tmp_path, groups=[f"Group {n}" for n in range(150)])
    raw = bytearray(path.read_bytes())
    raw[4096 * 3 : 4096 * 3 + 400] = b"\xff" * 400
    path.write_bytes(bytes(raw))
    key = unlock(path, PASSPHRASE)  # page 1 is whole: the passphrase is right
    with pytest.raises(DamagedError, match="damaged"):
        Store(path, key=key)


def test_a_backup_of_an_encrypted_database_opens_with_the_same_passphrase(tmp_path):
    path = encrypted_copy(tmp_path)
    store = Store(path, key=unlock(path, PASSPHRASE))
    written = store.backup(tmp_path / "copy.db")
    automatic = store.auto_backup(tmp_path / "backups")
    store.close()
    for copy in (written, automatic):
        assert is_encrypted(copy)
        opened = Store(copy, key=unlock(copy, PASSPHRASE), read_only=True)
        assert [g.name for g in opened.groups.list()] == ["Circle"]
        opened.close()


def test_a_plain_backup_restored_into_an_encrypted_database_stays_encrypted(tmp_path):
    plain = tmp_path / "old.db"
    store = Store(plain)
    store.groups.create(name="From the backup", timezone="UTC")
    store.close()
    path = encrypted_copy(tmp_path)
    key = unlock(path, PASSPHRASE)
    restore(plain, path, keep_in=tmp_path / "backups", live_key=key)
    assert is_encrypted(path)
    store = Store(path, key=unlock(path, PASSPHRASE))
    assert [g.name for g in store.groups.list()] == ["From the backup"]
    store.close()
    assert all(is_encrypted(kept) for kept in (tmp_path / "backups").iterdir())


def test_an_encrypted_backup_is_not_restored_into_a_plain_database(tmp_path):
    backup = encrypted_copy(tmp_path, name="secret.db")
    plain = tmp_path / "plain.db"
    Store(plain).close()
    before = plain.read_bytes()
    with pytest.raises(StoreError, match="never writes a plain copy"):
        restore(backup, plain, key=unlock(backup, PASSPHRASE))
    assert plain.read_bytes() == before


def test_an_encrypted_backup_needs_its_passphrase_to_be_restored(tmp_path):
    backup = encrypted_copy(tmp_path, name="secret.db")
    with pytest.raises(PassphraseNeededError):
        restore(backup, tmp_path / "new.db")
    assert not (tmp_path / "new.db").exists()


# An app in another process, holding the database open until its stdin closes.
APP_HOLDING = """
import sys
from facilitator.store.lock import app_open
with app_open(sys.argv[1]):
    print("open", flush=True)
    sys.stdin.read()
"""


def test_encrypting_is_refused_while_an_app_has_the_database_open(tmp_path):
    path = tmp_path / "f.db"
    Store(path).close()
    before = path.read_bytes()
    app = subprocess.Popen(
        [sys.executable, "-c", APP_HOLDING, str(path)],
        env=os.environ | {"PYTHONPATH": os.pathsep.join(sys.path)},
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert app.stdout.readline() == "open\n"
        with pytest.raises(InUseError, match="close it before you encrypt it"):
            convert(path, None, Key.new(PASSPHRASE), "encrypt it")
    finally:
        app.communicate("")
    assert path.read_bytes() == before


def test_a_conversion_cut_short_leaves_its_temp_which_the_next_one_removes(tmp_path):
    path = tmp_path / "f.db"
    Store(path).close()
    converting_name(path).write_bytes(b"half a file")
    convert(path, None, Key.new(PASSPHRASE), "encrypt it")
    assert not converting_name(path).exists()
    assert Store(path, key=unlock(path, PASSPHRASE)).groups.list() == []


def test_decrypting_and_changing_the_passphrase_keep_every_row(tmp_path):
    path = encrypted_copy(tmp_path)
    convert(path, unlock(path, PASSPHRASE), Key.new("another passphrase"), "change it")
    with pytest.raises(WrongPassphraseError):
        unlock(path, PASSPHRASE)
    convert(path, unlock(path, "another passphrase"), None, "decrypt it")
    assert not is_encrypted(path)
    assert [g.name for g in Store(path).groups.list()] == ["Circle"]


def test_a_new_passphrase_shorter_than_eight_characters_is_refused():
    with pytest.raises(StoreError, match="at least 8 characters"):
        Key.new("short")


def test_the_one_sqlite_library_is_sqlcipher_and_sqlite_utils_uses_it(store):
    import sqlite_utils

    assert sqlite_utils.utils.sqlite3.__name__ == "sqlcipher3"
    assert store.conn.raw.execute("PRAGMA cipher_version").fetchone()[0].startswith("4.")


def test_an_old_passphrase_that_opens_old_backups_is_still_a_wrong_passphrase(tmp_path):
    from facilitator.paths import backups_dir

    path = encrypted_copy(tmp_path)
    store = Store(path, key=unlock(path, PASSPHRASE))
    store.auto_backup(backups_dir(path))  # encrypted with the passphrase about to change
    store.close()
    convert(path, unlock(path, PASSPHRASE), Key.new("another passphrase"), "change it")
    with pytest.raises(WrongPassphraseError):
        unlock(path, PASSPHRASE)
