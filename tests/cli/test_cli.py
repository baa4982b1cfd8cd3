"""The command line, as scripts and printers will call it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date, timedelta

import pytest
from click.testing import CliRunner

from facilitator.cli import cli
from facilitator.store import Store


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("cli") / "demo.db"
    result = CliRunner().invoke(cli, ["demo", "--db", str(path), "--no-open"])
    assert result.exit_code == 0, result.output
    return path


def run(*args: str, env: dict | None = None):
    return CliRunner().invoke(cli, list(args), env=env, catch_exceptions=False)


def assert_one_line_error(result, text: str) -> None:
    assert result.exit_code != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert text in lines[0]
    assert "Traceback" not in result.output


def test_demo_builds_a_database_and_says_where(tmp_path):
    path = tmp_path / "d.db"
    result = run("demo", "--db", str(path), "--no-open")
    assert result.exit_code == 0
    assert str(path) in result.stderr
    assert Store(path).check() == []


def test_demo_without_db_uses_its_own_file_in_the_data_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.delenv("FACILITATOR_DB", raising=False)
    result = run("demo", "--no-open")
    assert result.exit_code == 0
    demo = tmp_path / "data" / "facilitator" / "demo.db"
    assert demo.exists()
    assert not (tmp_path / "data" / "facilitator" / "facilitator.db").exists()
    assert oct(os.stat(demo.parent).st_mode & 0o777) == "0o700"


def test_groups_list_json_has_the_promised_fields(demo_db):
    result = run("groups", "list", "--db", str(demo_db), "--json")
    groups = json.loads(result.stdout)
    assert len(groups) == 3
    for group in groups:
        assert {"id", "name", "timezone", "privacy", "schedule"} <= group.keys()
    by_name = {g["name"]: g for g in groups}
    assert by_name["Thyroid Cancer Peer Circle"]["schedule"].startswith(
        "Monthly on the 2nd Tuesday, 18:30-20:00"
    )
    assert {g["privacy"] for g in groups} == {"roster", "counts"}


def test_groups_list_prints_a_readable_table(demo_db):
    result = run("--db", str(demo_db), "groups", "list")
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["NAME", "SCHEDULE", "PRIVACY", "LANGUAGES", "ROOM"]
    assert any(line.startswith("Caring Together") for line in lines)


def test_sessions_list_json_has_the_promised_fields(demo_db):
    start = (date.today() - timedelta(days=60)).isoformat()
    end = (date.today() + timedelta(days=60)).isoformat()
    result = run("sessions", "list", "--db", str(demo_db), "--from", start, "--to", end, "--json")
    sessions = json.loads(result.stdout)
    assert sessions
    for session in sessions:
        assert {"id", "group", "start", "end", "status", "room", "present"} <= session.keys()
        assert session["start"][16:] in ("+00:00", "+01:00")
        assert session["status"] in ("scheduled", "held", "cancelled", "did_not_occur")
        not_held = session["status"] != "held"
        assert (session["present"] is None) == (not_held or session["present_hidden"])
    assert {"held", "scheduled"} <= {s["status"] for s in sessions}


def test_sessions_list_filters_by_group_and_dates(demo_db):
    first, last = date.today(), date.today() + timedelta(days=30)
    result = run(
        "sessions",
        "list",
        "--db",
        str(demo_db),
        "--group",
        "caring together",
        "--from",
        first.isoformat(),
        "--to",
        last.isoformat(),
        "--json",
    )
    sessions = json.loads(result.stdout)
    assert {s["group"] for s in sessions} == {"Caring Together"}
    assert 4 <= len(sessions) <= 5
    assert all(first.isoformat() <= s["start"][:10] <= last.isoformat() for s in sessions)


def test_sessions_list_reads_relative_dates(demo_db):
    result = run("sessions", "list", "--db", str(demo_db), "--from", "in 2 weeks", "--json")
    starts = [s["start"][:10] for s in json.loads(result.stdout)]
    assert min(starts) >= (date.today() + timedelta(days=14)).isoformat()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--group", "Nobody"], "no group called 'Nobody'"),
        (["--from", "2026-02-30"], "February 2026 has no day 30"),
        (["--from", "08/12/2026"], "day/month or month/day"),
        (["--from", "1" * 20], "couldn't read"),
        (["--from", "2026-12-10", "--to", "2026-12-01"], "must not be before --from"),
        (["--to", "[bold]soon[/bold]"], "couldn't read"),
    ],
)
def test_sessions_list_bad_arguments_give_one_clear_line(demo_db, args, message):
    result = run("sessions", "list", "--db", str(demo_db), *args)
    assert_one_line_error(result, message)


def test_a_missing_database_is_not_created_by_a_listing(tmp_path):
    result = run("groups", "list", "--db", str(tmp_path / "none.db"))
    assert_one_line_error(result, "no database at")
    assert not (tmp_path / "none.db").exists()


def test_the_database_can_be_chosen_by_environment(demo_db):
    result = run("groups", "list", "--json", env={"FACILITATOR_DB": str(demo_db)})
    assert len(json.loads(result.stdout)) == 3


def test_check_passes_a_healthy_database(demo_db):
    result = run("check", "--db", str(demo_db))
    assert result.exit_code == 0 and "ok" in result.stdout


def test_check_fails_a_damaged_database_with_exit_1(tmp_path):
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"SQLite format 3\x00" + b"\x07" * 8000)
    result = run("check", "--db", str(bad))
    assert result.exit_code == 1
    assert_one_line_error(result, "damaged")


def test_check_fails_on_a_broken_link(tmp_path):
    path = tmp_path / "f.db"
    store = Store(path)
    store.groups.create(name="Circle", timezone="UTC")
    store.conn.db.conn.execute("PRAGMA foreign_keys=OFF")
    store.conn.db.conn.execute(
        "INSERT INTO members (id, group_id, alias, modified) VALUES ('m', 'nowhere', 'A', 'x')"
    )
    store.conn.db.conn.commit()
    store.close()
    result = run("check", "--db", str(path))
    assert result.exit_code == 1
    assert_one_line_error(result, "members row 1 points to a missing groups row")


def test_backup_and_restore_round_trip(demo_db, tmp_path):
    working = tmp_path / "work.db"
    run("demo", "--db", str(working), "--no-open")
    copy = tmp_path / "copy.db"
    result = run("backup", "--db", str(working), "-o", str(copy))
    assert result.exit_code == 0 and result.stdout.strip() == str(copy)
    store = Store(working)
    store.groups.create(name="Added after the backup", timezone="UTC")
    store.close()
    result = run("restore", "--yes", "--db", str(working), str(copy))
    assert result.exit_code == 0, result.output
    assert "before restoring is kept at" in result.stderr
    names = json.loads(run("groups", "list", "--db", str(working), "--json").stdout)
    assert "Added after the backup" not in {g["name"] for g in names}
    assert len(list((tmp_path / "backups").glob("work-*.db"))) == 1


def test_backup_without_output_goes_beside_the_database(demo_db, tmp_path):
    working = tmp_path / "w.db"
    run("demo", "--db", str(working), "--no-open")
    result = run("backup", "--db", str(working))
    written = result.stdout.strip()
    assert written.startswith(str(tmp_path / "backups" / "w-"))


def test_backup_to_an_unwritable_place_says_so(demo_db, tmp_path):
    result = run("backup", "--db", str(demo_db), "-o", str(tmp_path / "no" / "such" / "x.db"))
    assert_one_line_error(result, "is not a folder")


def test_restore_of_a_missing_file_writes_nothing(demo_db, tmp_path):
    before = demo_db.read_bytes()
    result = run("restore", "--db", str(demo_db), str(tmp_path / "missing.db"))
    assert_one_line_error(result, "no backup file")
    assert demo_db.read_bytes() == before


@pytest.mark.parametrize("zone", ["UTC", "America/New_York", "Australia/Lord_Howe"])
def test_session_times_do_not_depend_on_the_laptop_time_zone(demo_db, zone):
    args = [
        "-m",
        "facilitator",
        "sessions",
        "list",
        "--db",
        str(demo_db),
        "--from",
        "2026-06-01",
        "--to",
        "2027-03-31",
        "--json",
    ]
    baseline = subprocess.run(
        [sys.executable, *args],
        capture_output=True,
        text=True,
        env=os.environ | {"TZ": "UTC"},
        check=True,
    )
    other = subprocess.run(
        [sys.executable, *args],
        capture_output=True,
        text=True,
        env=os.environ | {"TZ": zone},
        check=True,
    )
    assert json.loads(other.stdout) == json.loads(baseline.stdout)


def test_an_unknown_option_is_one_line_too(demo_db):
    result = run("sessions", "list", "--db", str(demo_db), "--frm", "tue")
    assert_one_line_error(result, "No such option '--frm'")


def test_python_dash_m_runs_the_cli():
    result = subprocess.run(
        [sys.executable, "-m", "facilitator", "--help"], capture_output=True, text=True, check=True
    )
    assert "demo" in result.stdout and "sessions" in result.stdout


def test_demo_sizes_are_offered(tmp_path):
    path = tmp_path / "t.db"
    result = run("demo", "--size", "tiny", "--db", str(path), "--no-open")
    assert result.exit_code == 0
    assert len(json.loads(run("groups", "list", "--db", str(path), "--json").stdout)) == 2
