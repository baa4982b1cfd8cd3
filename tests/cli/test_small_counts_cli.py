"""What the command line says about how many came: 1 to k-1 hidden unless --exact."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime, time

import pytest

from facilitator.core.schedule import parse_recurrence
from facilitator.store import Store
from tests.cli.test_cli import run
from tests.small_history import group_with_small_counts


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "circle.db"
    store = Store(path)
    group_with_small_counts(store)
    store.close()
    return path


def sessions(db, *options: str):
    return run(
        "sessions", "list", "--db", str(db), "--from", "2026-10-05", "--to", "2026-10-19", *options
    )


def test_sessions_list_json_hides_a_count_below_k_and_says_it_is_hidden(db):
    listed = json.loads(sessions(db, "--json").stdout)
    assert [(s["present"], s["present_hidden"]) for s in listed] == [
        (None, True),
        (6, False),
        (10, False),
    ]


def test_sessions_list_table_shows_a_count_below_k_as_a_range(db):
    lines = sessions(db).stdout.splitlines()
    assert lines[0].split()[-2:] == ["PRESENT", "NOTE"]
    assert lines[1].split()[-4:] == ["held", "1", "to", "4"]  # 3 came
    assert lines[2].split()[-2:] == ["held", "6"]


def test_sessions_list_exact_shows_every_count_and_says_it_is_not_for_sharing(db):
    result = sessions(db, "--json", "--exact")
    listed = json.loads(result.stdout)
    assert [s["present"] for s in listed] == [3, 6, 10]
    assert not any(s["present_hidden"] for s in listed)
    assert "not for sharing" in result.stderr


def attendance(db, tmp_path, *options: str) -> list[list[str]]:
    out = tmp_path / "attendance.csv"
    result = run("export", "attendance", "--db", str(db), "-o", str(out), *options)
    assert result.exit_code == 0, result.output
    return list(csv.reader(io.StringIO(out.read_bytes().decode("utf-8-sig"))))


def test_export_attendance_hides_counts_below_k_unless_exact(db, tmp_path):
    shown = attendance(db, tmp_path)
    assert [row[5:7] for row in shown[1:4]] == [
        ["suppressed", "suppressed"],
        ["6", "suppressed"],
        ["10", "5"],
    ]
    exact = attendance(db, tmp_path, "--exact")
    assert [row[5:7] for row in exact[1:4]] == [["3", "3"], ["6", "3"], ["10", "5"]]
    assert "not for sharing" in exact[-1][0].casefold()


def test_sessions_list_shows_a_cancellations_public_notice_never_its_reason(tmp_path):
    db = tmp_path / "f.db"
    store = Store(db)
    group = store.groups.create(name="Circle", timezone="UTC")
    series = store.schedule.add_series(
        group.id, parse_recurrence("weekly on mon"), date(2027, 3, 1), time(18, 0), 90
    )
    store.schedule.cancel(
        series.id, datetime(2027, 3, 1, 18, 0), "Ana's chemo week", "See you next week"
    )
    store.close()
    for extra in ([], ["--json"]):
        result = run("sessions", "list", "--db", str(db), "--from", "2027-03-01", *extra)
        assert result.exit_code == 0, result.output
        assert "See you next week" in result.output
        assert "chemo" not in result.output
