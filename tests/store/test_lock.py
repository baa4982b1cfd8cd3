"""The running app's lock: a restore from inside the app itself (its recovery screen) goes on,
and the app still holds the file afterwards."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from facilitator.store import Store
from facilitator.store.backup import restore
from facilitator.store.lock import InUseError, app_open, replacing_database

# Another process trying to replace the file: it prints why it may not.
TRY_RESTORE = """
import sys
from facilitator.store.lock import InUseError, replacing_database
try:
    with replacing_database(sys.argv[1], "restore it"):
        print("replaced")
except InUseError as error:
    print(error)
"""


def test_the_app_restoring_its_own_database_is_not_refused(store, tmp_path):
    store.groups.create(name="Circle", timezone="UTC")
    saved = store.backup(tmp_path / "saved.db")
    store.groups.create(name="Later", timezone="UTC")
    with app_open(store.path):
        restore(saved, store.path)
    reopened = Store(store.path)
    assert [g.name for g in reopened.groups.list()] == ["Circle"]
    reopened.close()


def test_after_its_own_restore_the_app_still_holds_the_file(store, tmp_path):
    saved = store.backup(tmp_path / "saved.db")
    with app_open(store.path):
        restore(saved, store.path)
        another = subprocess.run(
            [sys.executable, "-c", TRY_RESTORE, str(store.path)],
            env=os.environ | {"PYTHONPATH": os.pathsep.join(sys.path)},
            capture_output=True,
            text=True,
        )
    assert "close it before you restore it" in another.stdout, another.stderr


def test_an_app_cannot_open_a_database_while_it_is_being_replaced(store):
    with (
        replacing_database(store.path, "rebuild the demo"),
        pytest.raises(InUseError, match="being restored or rebuilt"),
        app_open(store.path),
    ):
        pass
