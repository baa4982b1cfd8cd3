"""What an encrypted database leaves on the disk: no readable text, in the file, its log, or
any backup; a conversion killed at any moment leaves one working file; the passphrase itself
is written nowhere."""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from facilitator.store import Store
from facilitator.store.cipher import PASSPHRASE_FILE_ENV, Key, is_encrypted, unlock
from facilitator.store.connection import connect
from facilitator.store.convert import convert
from tests.conftest import FROZEN_NOW
from tests.encrypted import passphrase_file

PASSPHRASE = "kettle on at half past"
NEW_PASSPHRASE = "biscuits after the group"
KILLS = int(os.environ.get("CIPHER_KILLS", "10"))


def text_in_every_table(path: Path, key: Key | None = None) -> dict[str, set[str]]:
    """Each table's longer text values (names, notes, ids): what must never be readable."""
    db = connect(path, key)
    found = {}
    tables = [r[0] for r in db.execute("SELECT name FROM sqlite_schema WHERE type = 'table'")]
    for table in tables:
        values = set()
        for row in db.execute(f'SELECT * FROM "{table}"').fetchall():
            values |= {v for v in row if isinstance(v, str) and len(v) >= 8}
        found[table] = values
    db.close()
    return found


def test_no_text_of_any_table_is_in_the_encrypted_file_its_log_or_its_backups(demo_file, tmp_path):
    path = tmp_path / "f.db"
    shutil.copy(demo_file, path)
    store = Store(path, now=lambda: FROZEN_NOW)
    store.settings.set_lock_pin("2468")  # the settings table holds its hash
    store.close()
    markers = text_in_every_table(path)
    assert all(markers.values()), [t for t, v in markers.items() if not v]
    plain = path.read_bytes()
    assert all(any(m.encode() in plain for m in values) for values in markers.values())

    convert(path, None, Key.new(PASSPHRASE), "encrypt it")
    store = Store(path, now=lambda: FROZEN_NOW, key=unlock(path, PASSPHRASE))
    store.groups.create(name="Marker written since", timezone="UTC")  # into the log
    log = Path(f"{path}-wal").read_bytes()
    copies = [store.backup(tmp_path / "copy.db"), store.auto_backup(tmp_path / "backups")]
    store.close()
    assert log, "the log should hold the last write"
    everything = {t: v | {"Marker written since"} for t, v in markers.items()}
    for name, data in [("file", path.read_bytes()), ("log", log)] + [
        (copy.name, copy.read_bytes()) for copy in copies
    ]:
        for table, values in everything.items():
            seen = [v for v in values if v.encode() in data]
            assert not seen, f"{table} text readable in the {name}: {seen[:3]}"


def a_database(tmp_path: Path, groups: int = 400) -> Path:
    path = tmp_path / "pristine.db"
    store = Store(path)
    for n in range(groups):
        store.groups.create(name=f"Group {n}", timezone="UTC", description="x" * 600)
    store.close()
    return path


def cli(*args: str, passphrases: Path, home: Path) -> list[str]:
    env = os.environ | {
        "PYTHONPATH": os.pathsep.join(sys.path),
        PASSPHRASE_FILE_ENV: str(passphrases),
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_STATE_HOME": str(home / "state"),
        "XDG_CACHE_HOME": str(home / "cache"),
        "XDG_CONFIG_HOME": str(home / "config"),
    }
    return [sys.executable, "-c", CLI_READY, *args], env


# The CLI, saying when its imports are done: kills then land in the command's own work.
CLI_READY = """
import sys
from facilitator.cli import cli
print("ready", flush=True)
cli(sys.argv[1:], prog_name="facilitator")
"""


def opens_with_one_of(path: Path, passphrases: list[str | None]) -> str | None:
    """Which passphrase (None: plain) opens the file; it must pass integrity_check."""
    for passphrase in passphrases:
        if (passphrase is None) == is_encrypted(path):
            continue
        if passphrase is not None:
            try:
                key = unlock(path, passphrase)
            except Exception:
                continue
        db = connect(path, key if passphrase is not None else None)
        try:
            assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            assert db.execute("SELECT count(*) FROM groups").fetchone()[0] == 400
        finally:
            db.close()
        return passphrase
    raise AssertionError("the file opens with neither the old nor the new passphrase")


CONVERSIONS = {
    "encrypt": (None, PASSPHRASE, [PASSPHRASE]),
    "decrypt": (PASSPHRASE, None, [PASSPHRASE]),
    "passphrase": (PASSPHRASE, NEW_PASSPHRASE, [PASSPHRASE, NEW_PASSPHRASE]),
}


@pytest.mark.parametrize("command", list(CONVERSIONS))
def test_a_conversion_killed_at_any_moment_leaves_one_working_file(command, tmp_path):
    old, new, lines = CONVERSIONS[command]
    pristine = a_database(tmp_path)
    if old is not None:
        convert(pristine, None, Key.new(old), "encrypt it")
    work = tmp_path / "work"
    work.mkdir()
    path = work / "f.db"
    args, env = cli(
        command, "--db", str(path), passphrases=passphrase_file(tmp_path, *lines), home=tmp_path
    )

    shutil.copy(pristine, path)
    worker = subprocess.Popen(args, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    assert worker.stdout.readline() == b"ready\n"
    started = time.monotonic()
    assert worker.wait() == 0
    whole = time.monotonic() - started  # the command's work, from reading the passphrase on
    assert opens_with_one_of(path, [old, new]) == new

    rng = random.Random(20261206)
    outcomes = []
    for trial in range(KILLS):
        shutil.copy(pristine, path)
        for side in ("-wal", "-shm"):
            Path(f"{path}{side}").unlink(missing_ok=True)
        worker = subprocess.Popen(args, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        assert worker.stdout.readline() == b"ready\n"
        # From a fifth of the run to a fifth past its end: the first part only reads and
        # derives keys; the new file is written and swapped in near the end.
        time.sleep(whole * (0.2 + (trial + rng.random()) / KILLS))
        worker.send_signal(signal.SIGKILL)
        worker.wait()
        worker.stdout.close()
        outcomes.append(opens_with_one_of(path, [old, new]))
    assert set(outcomes) <= {old, new}


def test_the_passphrase_is_written_to_no_file_and_no_output(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    path = home / "f.db"
    Store(path).close()
    (tmp_path / "first").mkdir()
    first = passphrase_file(tmp_path / "first", PASSPHRASE)  # encrypt: line 2 would confirm it
    secrets = passphrase_file(tmp_path, PASSPHRASE, NEW_PASSPHRASE)
    args, env = cli("encrypt", "--db", str(path), passphrases=first, home=home)
    done = subprocess.run(args, env=env, capture_output=True)
    outputs = [done.stdout + done.stderr]
    for command in (
        ["groups", "list", "--db", str(path)],
        ["backup", "--db", str(path)],
        ["check", "--db", str(path)],
        ["passphrase", "--db", str(path)],
        ["check", "--db", str(path)],  # the old passphrase, now wrong: an error
    ):
        args, env = cli(*command, passphrases=secrets, home=home)
        done = subprocess.run(args, env=env, capture_output=True)
        outputs.append(done.stdout + done.stderr)
    assert b"wrong passphrase" in outputs[-1]
    written = [p for p in home.rglob("*") if p.is_file()]
    assert len(written) >= 3  # the database, its lock, a backup
    for phrase in (PASSPHRASE, NEW_PASSPHRASE):
        for file in written:
            assert phrase.encode() not in file.read_bytes(), file
        assert all(phrase.encode() not in output for output in outputs)
