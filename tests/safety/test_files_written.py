"""Files the app writes: whole or not at all, never over the database, its side files or its
backups, never through a link, and a full disk says so instead of saving half a file."""

from __future__ import annotations

import errno
import os
import shutil
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner

from facilitator.cli import cli
from facilitator.store import Store


@pytest.fixture
def db(demo_file, tmp_path) -> Path:
    """A demo database of this test's own, with one backup in the folder beside it."""
    path = tmp_path / "data" / "facilitator.db"
    path.parent.mkdir()
    shutil.copy(demo_file, path)
    store = Store(path)
    store.auto_backup(path.parent / "backups")
    store.close()
    return path


def export_agenda(db: Path, target: Path | str, *extra: str):
    args = ["export", "agenda", "--db", str(db), "--group", "Caring Together", "--next"]
    return CliRunner().invoke(cli, [*args, "-o", str(target), *extra])


def export_attendance(db: Path, target: Path | str):
    return CliRunner().invoke(cli, ["export", "attendance", "--db", str(db), "-o", str(target)])


def database_files(db: Path) -> dict[str, bytes]:
    """Every file of the database and its backups, to show that none changed."""
    found = [db, *db.parent.glob(f"{db.name}-*"), *(db.parent / "backups").iterdir()]
    return {str(p): p.read_bytes() for p in found if p.is_file()}


def refused(result, words: str) -> bool:
    lines = result.stderr.strip().splitlines()
    return result.exit_code != 0 and len(lines) == 1 and words in lines[0]


def test_an_export_onto_the_database_is_refused_and_the_database_kept(db):
    before = database_files(db)
    result = export_agenda(db, db)
    assert refused(result, "is the database"), result.output
    assert database_files(db) == before


@pytest.mark.parametrize("side", ["-wal", "-shm", "-journal"])
def test_an_export_onto_a_side_file_of_the_database_is_refused(db, side):
    before = database_files(db)
    result = export_agenda(db, f"{db}{side}")
    assert refused(result, "is the database"), result.output
    assert database_files(db) == before
    assert side == "-wal" or not Path(f"{db}{side}").exists()


def test_an_export_onto_a_backup_is_refused_and_the_backup_kept(db):
    [backup] = (db.parent / "backups").iterdir()
    before = database_files(db)
    result = export_agenda(db, backup)
    assert refused(result, "backups"), result.output
    assert database_files(db) == before


def test_an_export_into_the_backups_folder_is_refused(db):
    result = export_agenda(db, db.parent / "backups" / "agenda.pdf")
    assert refused(result, "backups"), result.output
    assert not (db.parent / "backups" / "agenda.pdf").exists()


def test_the_database_reached_through_a_symlink_is_refused(db, tmp_path):
    link = tmp_path / "innocent.pdf"
    link.symlink_to(db)
    before = database_files(db)
    assert refused(export_agenda(db, link), "is the database")
    assert database_files(db) == before and link.is_symlink()


def test_the_database_reached_through_a_hard_link_is_refused(db, tmp_path):
    alias = tmp_path / "innocent.pdf"
    os.link(db, alias)
    before = database_files(db)
    assert refused(export_agenda(db, alias), "is the database")
    assert database_files(db) == before


def test_a_backup_reached_through_a_hard_link_is_refused(db, tmp_path):
    [backup] = (db.parent / "backups").iterdir()
    alias = tmp_path / "innocent.pdf"
    os.link(backup, alias)
    before = database_files(db)
    assert refused(export_agenda(db, alias), "backup")
    assert database_files(db) == before


def test_the_database_reached_through_dot_dot_is_refused(db):
    roundabout = db.parent / "backups" / ".." / db.name
    before = database_files(db)
    assert refused(export_agenda(db, roundabout), "is the database")
    assert database_files(db) == before


def test_a_symlink_to_another_file_is_refused_and_its_target_kept(db, tmp_path):
    victim = tmp_path / "notes.txt"
    victim.write_text("my notes")
    link = tmp_path / "agenda.pdf"
    link.symlink_to(victim)
    assert refused(export_agenda(db, link), "symbolic link")
    assert victim.read_text() == "my notes" and link.is_symlink()


def a_device(tmp_path: Path) -> Path:
    """A device node of the test's own (never /dev's: an app that replaces one breaks the
    machine), or a named pipe where making devices is not allowed."""
    node = tmp_path / "device"
    try:
        os.mknod(node, 0o666 | stat.S_IFCHR, os.makedev(1, 3))  # what /dev/null is
    except PermissionError:
        os.mkfifo(node)
    return node


def test_a_device_or_pipe_is_refused_and_stays_what_it_was(db, tmp_path):
    node = a_device(tmp_path)
    kind = stat.S_IFMT(os.lstat(node).st_mode)
    result = export_attendance(db, node)
    assert refused(result, "not a regular file"), result.output
    assert stat.S_IFMT(os.lstat(node).st_mode) == kind


def test_a_folder_is_refused(db, tmp_path):
    folder = tmp_path / "out"
    folder.mkdir()
    assert refused(export_attendance(db, folder), "is a folder")
    assert list(folder.iterdir()) == []


def test_a_link_planted_where_a_temp_file_would_go_is_not_followed(db, tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_text("untouched")
    for name in (".attendance.csv.tmp", ".attendance.csv.0000000000000000.tmp"):
        (tmp_path / name).symlink_to(victim)
    result = export_attendance(db, tmp_path / "attendance.csv")
    assert result.exit_code == 0, result.output
    assert victim.read_text() == "untouched"
    assert stat.S_IMODE(os.stat(tmp_path / "attendance.csv").st_mode) == 0o600


def test_a_new_file_is_owner_only_whatever_the_umask(db, tmp_path):
    old = os.umask(0)
    try:
        assert export_attendance(db, tmp_path / "a.csv").exit_code == 0
    finally:
        os.umask(old)
    assert stat.S_IMODE(os.stat(tmp_path / "a.csv").st_mode) == 0o600


def short_writes(monkeypatch, fill: int | None):
    """os.write that writes at most 100 bytes a call, and fails with ENOSPC once fill bytes
    (if given) are written: a nearly full disk."""
    real_write, written = os.write, [0]

    def write(fd, data):
        if fill is not None and written[0] >= fill:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        n = real_write(fd, bytes(data[:100]))
        written[0] += n
        return n

    monkeypatch.setattr(os, "write", write)


def test_short_writes_still_write_every_byte(db, tmp_path, monkeypatch):
    whole = tmp_path / "whole.csv"
    assert export_attendance(db, whole).exit_code == 0
    short_writes(monkeypatch, fill=None)
    assert export_attendance(db, tmp_path / "short.csv").exit_code == 0
    assert (tmp_path / "short.csv").read_bytes() == whole.read_bytes()


def test_a_full_disk_fails_the_export_and_leaves_no_partial_file(db, tmp_path, monkeypatch):
    short_writes(monkeypatch, fill=300)
    result = export_agenda(db, tmp_path / "agenda.pdf")
    assert refused(result, "disk full: nothing was written"), result.output
    assert list(tmp_path.iterdir()) == [tmp_path / "data"]


def test_a_full_disk_keeps_the_old_file_as_it_was(db, tmp_path, monkeypatch):
    target = tmp_path / "attendance.csv"
    target.write_text("last month's file")
    short_writes(monkeypatch, fill=150)
    result = export_attendance(db, target)
    assert refused(result, "disk full: nothing was written"), result.output
    assert target.read_text() == "last month's file"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["attendance.csv", "data"]
