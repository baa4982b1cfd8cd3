"""A moved session's door sign and agenda: found by the old date as well as the new one."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest
from click.testing import CliRunner

from facilitator.cli import cli
from facilitator.core.schedule import parse_recurrence
from facilitator.store import Store

WAS = datetime(2027, 3, 9, 18, 30)  # a Tuesday session of the Circle...
NOW = datetime(2027, 3, 10, 19, 0)  # ...moved to the Wednesday


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "moved.db"
    store = Store(path)
    group = store.groups.create(name="Circle", timezone="Europe/London", room="Room 1")
    series = store.schedule.add_series(
        group.id, parse_recurrence("weekly on tue"), date(2027, 3, 1), time(18, 30), 90
    )
    store.schedule.move(series.id, WAS, NOW)
    store.close()
    return path


def export_md(db, tmp_path, document: str, day: str) -> str:
    out = tmp_path / f"{document}-{day}.md"
    args = ["export", document, "--group", "Circle", "--date", day, "--format", "md"]
    result = CliRunner().invoke(cli, [*args, "-o", str(out), "--db", str(db)])
    assert result.exit_code == 0, result.output
    return out.read_text()


@pytest.mark.parametrize("day", ["2027-03-09", "2027-03-10"])
def test_a_moved_sessions_door_sign_is_found_by_its_old_date_and_its_new_one(db, tmp_path, day):
    sign = export_md(db, tmp_path, "door-sign", day)
    assert "This session has moved" in sign
    assert "Now: Wednesday 10 March 2027, 19:00" in sign


@pytest.mark.parametrize("day", ["2027-03-09", "2027-03-10"])
def test_a_moved_sessions_agenda_is_found_by_its_old_date_and_its_new_one(db, tmp_path, day):
    agenda = export_md(db, tmp_path, "agenda", day)
    assert "Moved from Tuesday 9 March 2027, 18:30." in agenda
    assert "Wednesday 10 March 2027, 19:00" in agenda


def test_a_moves_public_notice_is_printed_on_its_door_sign(db, tmp_path):
    store = Store(db)
    [series] = store.schedule.series()
    store.schedule.move(series.id, WAS, NOW, public_notice="Room 1 is being painted this week.")
    store.close()
    sign = export_md(db, tmp_path, "door-sign", "2027-03-09")
    assert "Room 1 is being painted this week." in sign
