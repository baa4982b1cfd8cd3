"""Backups through the online backup API, restores that check before they write."""

from __future__ import annotations

import os
import stat

import pytest

from facilitator.store import Store, StoreError
from facilitator.store.backup import restore


def test_a_backup_is_a_complete_private_single_file(store, tmp_path):
    store.groups.create(name="Circle", timezone="UTC")
    written = store.backup(tmp_path / "copy.db")
    assert stat.S_IMODE(os.stat(written).st_mode) == 0o600
    assert not (tmp_path / "copy.db-wal").exists()
    copy = Store(written)
    assert [g.name for g in copy.groups.list()] == ["Circle"]
    assert copy.check() == []
    copy.close()


def test_a_backup_into_a_folder_gets_a_dated_name(store, tmp_path):
    folder = tmp_path / "backups"
    folder.mkdir()
    written = store.backup(folder)
    assert written.parent == folder and written.name.startswith("facilitator-2026")


def test_a_backup_never_overwrites_its_own_database(store):
    with pytest.raises(StoreError, match="is the database itself"):
        store.backup(store.path)


def test_a_backup_into_a_missing_folder_says_so(store, tmp_path):
    with pytest.raises(StoreError, match="is not a folder"):
        store.backup(tmp_path / "missing" / "copy.db")


def test_restore_brings_back_what_the_backup_held(store, tmp_path):
    store.groups.create(name="Before", timezone="UTC")
    saved = store.backup(tmp_path / "copy.db")
    store.groups.create(name="After", timezone="UTC")
    store.close()
    restore(saved, store.path)
    reopened = Store(store.path)
    assert [g.name for g in reopened.groups.list()] == ["Before"]
    reopened.close()


def test_restore_changes_no_byte_of_the_backup_and_makes_no_file_beside_it(store, tmp_path):
    store.groups.create(name="Before", timezone="UTC")
    saved = store.backup(tmp_path / "copy.db")
    store.close()
    before = saved.read_bytes()
    restore(saved, store.path)
    assert saved.read_bytes() == before
    assert sorted(p.name for p in tmp_path.glob("copy.db*")) == ["copy.db"]


def test_restore_refuses_a_damaged_backup_and_writes_nothing(store, tmp_path):
    store.groups.create(name="Keep me", timezone="UTC")
    store.close()
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"\x00" * 4096)
    with pytest.raises(StoreError):
        restore(bad, store.path)
    reopened = Store(store.path)
    assert [g.name for g in reopened.groups.list()] == ["Keep me"]
    reopened.close()


def test_restore_refuses_a_database_that_is_not_ours(store, tmp_path):
    from facilitator.store.connection import connect

    other = connect(tmp_path / "other.db")
    other["notes"].insert({"text": "hello"})
    other.close()
    store.close()
    with pytest.raises(StoreError, match="not a facilitator backup"):
        restore(tmp_path / "other.db", store.path)


def test_a_damaged_database_is_caught_when_opened(store, tmp_path):
    for n in range(200):
        store.groups.create(name=f"Group {n}", timezone="UTC", description="x" * 500)
    store.close()
    raw = bytearray(store.path.read_bytes())
    raw[4096 * 3 : 4096 * 3 + 400] = b"\xff" * 400  # scribble over a b-tree page
    store.path.write_bytes(bytes(raw))
    with pytest.raises(StoreError, match="damaged"):
        Store(store.path)
