"""Backups that cannot be written leave nothing behind and say which database they copied;
backups of the demo and of the real database never replace each other."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest

from facilitator.store import Store

# Runs `facilitator ARGS...` with files limited to LIMIT bytes: writing past it fails as on a
# full disk (EFBIG), for this process only, in SQLite and in Python alike.
LIMITED = """
import resource, signal, sys
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
limit = int(sys.argv[1])
resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
from facilitator.cli import main
sys.argv = ["facilitator", *sys.argv[2:]]
main()
"""


def facilitator(*args: str, limit: int | None = None) -> subprocess.Popen:
    env = os.environ | {"PYTHONPATH": os.pathsep.join(sys.path)}
    command = ["-c", LIMITED, str(limit), *args] if limit else ["-m", "facilitator", *args]
    return subprocess.Popen(
        [sys.executable, *command], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )


def finished(process: subprocess.Popen) -> tuple[int, str]:
    _, stderr = process.communicate(timeout=120)
    return process.returncode, stderr.decode()


@pytest.fixture
def big_db(tmp_path) -> Path:
    """A database of about 2 MB, so a copy takes a while and overruns a small limit."""
    path = tmp_path / "facilitator.db"
    store = Store(path)
    for n in range(400):
        store.groups.create(name=f"Group {n}", timezone="UTC", description="x" * 4000)
    store.close()
    return path


def test_a_backup_that_fails_midway_leaves_nothing_and_names_the_database(big_db, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    code, stderr = finished(
        facilitator("backup", "--db", str(big_db), "-o", str(out / "copy.db"), limit=256_000)
    )
    assert code == 1
    assert f"could not back up {big_db}" in stderr and "nothing was written" in stderr
    assert "damaged" not in stderr and ".tmp" not in stderr
    assert list(out.iterdir()) == []


@pytest.fixture
def small_disk(tmp_path):
    """A 512 KB tmpfs: a really full disk. Mounting needs root; elsewhere the test skips."""
    mount = tmp_path / "small"
    mount.mkdir()
    made = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=512k,mode=0700", "tmpfs", str(mount)],
        capture_output=True,
    )
    if made.returncode != 0:
        pytest.skip("mounting a small disk needs root")
    yield mount
    subprocess.run(["umount", str(mount)], check=True)


def test_a_backup_onto_a_full_disk_says_disk_full_and_leaves_nothing(big_db, small_disk):
    code, stderr = finished(facilitator("backup", "--db", str(big_db), "-o", str(small_disk)))
    assert code == 1
    assert f"could not back up {big_db}" in stderr and "disk full" in stderr
    assert list(small_disk.iterdir()) == []


def test_an_export_onto_a_full_disk_says_disk_full_and_leaves_nothing(demo_file, small_disk):
    filler = small_disk / "filler"
    filler.write_bytes(b"x" * (512 * 1024 - 8192))  # room for 8 KB of a 14 KB agenda
    args = ["export", "agenda", "--group", "Caring Together", "--next"]
    target = small_disk / "agenda.pdf"
    code, stderr = finished(facilitator(*args, "--db", str(demo_file), "-o", str(target)))
    assert code == 1 and "disk full: nothing was written" in stderr, stderr
    assert [p.name for p in small_disk.iterdir()] == ["filler"]


def test_three_backups_to_one_file_at_once_leave_one_good_copy_and_nothing_else(big_db, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    target = out / "copy.db"
    runs = [facilitator("backup", "--db", str(big_db), "-o", str(target)) for _ in range(3)]
    results = [finished(run) for run in runs]
    for code, stderr in results:
        assert code == 0 or "another backup is writing that file" in stderr, stderr
        assert "locked" not in stderr and "I/O error" not in stderr
    assert any(code == 0 for code, _ in results)
    assert [p.name for p in out.iterdir()] == ["copy.db"]
    copy = Store(target)
    assert copy.check() == [] and len(copy.groups.list()) == 400
    copy.close()


def test_a_backup_whose_copy_fails_leaves_no_temp_file(store, tmp_path, monkeypatch):
    from facilitator.store import StoreError

    store.groups.create(name="Circle", timezone="UTC")
    out = tmp_path / "out"
    out.mkdir()

    def no_space(_fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", no_space)
    with pytest.raises(StoreError, match="disk full: nothing was written"):
        store.backup(out / "copy.db")
    assert list(out.iterdir()) == []


def test_opening_the_demo_many_times_keeps_the_real_databases_backups(tmp_path, clock):
    """The demo lives beside the real database and shares its backups folder."""
    folder = tmp_path / "backups"
    real = Store(tmp_path / "facilitator.db", now=clock)
    [kept] = [real.auto_backup(folder)]
    real.close()
    demo = Store(tmp_path / "demo.db", now=clock)
    demo.settings.set("backups_kept", "3")
    for _ in range(10):
        clock.now += timedelta(minutes=1)
        demo.auto_backup(folder)
    demo.close()
    assert kept.exists() and kept.name.startswith("facilitator-")
    assert len(list(folder.glob("demo-*.db"))) == 3


def test_two_backups_in_one_second_both_keep_their_copy(store, tmp_path):
    folder = tmp_path / "backups"
    first, second = store.auto_backup(folder), store.auto_backup(folder)
    assert first != second and first.exists() and second.exists()
