"""`facilitator export ...`: the exact commands printers and scripts rely on."""

from __future__ import annotations

import os
import stat
from datetime import date, timedelta

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from facilitator.cli import cli
from facilitator.store import Store
from tests.cli.test_cli import assert_one_line_error


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("export") / "demo.db"
    assert CliRunner().invoke(cli, ["demo", "--db", str(path), "--no-open"]).exit_code == 0
    return path


def run(db, *args: str):
    return CliRunner().invoke(cli, ["export", *args, "--db", str(db)], catch_exceptions=False)


def next_date(db, group: str, status: str = "scheduled") -> str:
    import json

    listed = CliRunner().invoke(
        cli,
        [
            "sessions",
            "list",
            "--db",
            str(db),
            "--group",
            group,
            "--json",
            "--to",
            (date.today() + timedelta(days=70)).isoformat(),
        ],
    )
    return next(s["start"][:10] for s in json.loads(listed.stdout) if s["status"] == status)


def test_agenda_next_writes_a_private_pdf_and_prints_its_path(db, tmp_path):
    out = tmp_path / "agenda.pdf"
    result = run(db, "agenda", "--group", "Thyroid Cancer Peer Circle", "--next", "-o", str(out))
    assert result.exit_code == 0 and result.stdout.strip() == str(out)
    assert stat.S_IMODE(os.stat(out).st_mode) == 0o600
    assert "Thyroid Cancer Peer Circle" in PdfReader(out).pages[0].extract_text()


def test_without_output_a_sensible_name_is_used_here(db, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    day = next_date(db, "Caring Together")
    result = run(db, "agenda", "--group", "caring together", "--date", day, "--format", "md")
    expected = tmp_path / f"agenda-caring-together-{day}.md"
    assert result.stdout.strip() == str(expected) and expected.exists()


@pytest.mark.parametrize("fmt", ["pdf", "html", "md"])
def test_every_document_comes_in_every_format(db, tmp_path, fmt):
    day = next_date(db, "Caring Together")
    cancelled = next_date(db, "Caring Together", "cancelled")
    commands = [
        ["agenda", "--group", "Caring Together", "--date", day],
        ["handouts", "--language", "en", "--category", "carers"],
        ["signin", "--group", "Caring Together", "--date", day, "--slips", "--lines", "6"],
        ["door-sign", "--group", "Caring Together", "--date", cancelled],
    ]
    for number, command in enumerate(commands):
        out = tmp_path / f"{number}.{fmt}"
        extra = ["--paper", "letter"] if number % 2 else ["--large-print"] if number != 3 else []
        result = run(db, *command, "--format", fmt, *extra, "-o", str(out))
        assert result.exit_code == 0, (command, result.output)
        assert out.stat().st_size > 0


def test_calendar_and_attendance_write_their_files(db, tmp_path):
    assert run(db, "calendar", "-o", str(tmp_path / "all.ics")).exit_code == 0
    assert (tmp_path / "all.ics").read_text().startswith("BEGIN:VCALENDAR")
    result = run(db, "attendance", "--group", "Caring Together", "-o", str(tmp_path / "a.csv"))
    assert result.exit_code == 0
    csv_text = (tmp_path / "a.csv").read_text(encoding="utf-8-sig")
    assert csv_text.startswith("group,date,start,end,status,present")
    named = run(db, "attendance", "--named", "-o", str(tmp_path / "n.csv"))
    assert "alias" in (tmp_path / "n.csv").read_text().splitlines()[0]
    assert named.exit_code == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["agenda", "--group", "Nobody", "--next"], "no group called 'Nobody'"),
        (["agenda", "--group", "Caring Together", "--date", "2026-02-30"], "no day 30"),
        (["agenda", "--group", "Caring Together", "--date", "2030-01-01"], "has no session on"),
        (["agenda", "--group", "Caring Together"], "exactly one of --date and --next"),
        (["agenda", "--group", "Caring Together", "--next", "--format", "docx"], "docx"),
        (["handouts", "--language", "xx"], "no resources match"),
        (["signin", "--group", "Caring Together", "--date", "next thu", "--lines", "0"], "lines"),
        (
            ["signin", "--group", "Rare Roots Family Group 罕见病家庭互助会", "--date", "next sat"],
            "counts only",
        ),
        (
            ["attendance", "--group", "Rare Roots Family Group 罕见病家庭互助会", "--named"],
            "counts only",
        ),
        (["door-sign", "--group", "Caring Together", "--date", "in 5 weeks"], ""),
    ],
)
def test_bad_requests_give_one_clear_line_and_write_nothing(db, tmp_path, args, message):
    out = tmp_path / "out.file"
    result = run(db, *args, "-o", str(out))
    assert_one_line_error(result, message)
    assert not out.exists()
    assert list(tmp_path.iterdir()) == []


def test_an_unwritable_path_is_reported_and_nothing_is_written(db, tmp_path):
    target = tmp_path / "missing" / "agenda.pdf"
    result = run(db, "agenda", "--group", "Caring Together", "--next", "-o", str(target))
    assert_one_line_error(result, "does not exist")
    assert not (tmp_path / "missing").exists()
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    result = run(db, "agenda", "--group", "Caring Together", "--next", "-o", str(locked / "a.pdf"))
    if os.geteuid() != 0:  # root ignores folder permissions
        assert_one_line_error(result, "cannot write")
        assert list(locked.iterdir()) == []


def test_a_character_no_font_can_print_is_reported(tmp_path):
    path = tmp_path / "f.db"
    store = Store(path)
    store.groups.create(name="Sunflowers 🌻", timezone="UTC")
    from datetime import time

    from facilitator.core.schedule import parse_recurrence

    group = store.groups.by_name("Sunflowers 🌻")
    store.schedule.add_series(
        group.id, parse_recurrence("weekly on mon"), date.today(), time(18, 0), 60
    )
    store.close()
    result = CliRunner().invoke(
        cli,
        [
            "export",
            "agenda",
            "--db",
            str(path),
            "--group",
            "Sunflowers 🌻",
            "--next",
            "-o",
            str(tmp_path / "a.pdf"),
        ],
    )
    assert result.exit_code == 0
    assert "U+1F33B" in result.stderr and (tmp_path / "a.pdf").exists()


def test_labels_print_the_regulars_first_names_for_a_session(db, tmp_path):
    out = tmp_path / "labels.pdf"
    day = next_date(db, "Thyroid Cancer Peer Circle")
    result = run(
        db, "labels", "--group", "thyroid", "--date", day, "--paper", "letter", "-o", str(out)
    )
    assert result.exit_code == 0 and result.stdout.strip() == str(out)
    reader = PdfReader(out)
    text = reader.pages[0].extract_text()
    assert text.count("Hello, my name is") == 30 and "Ruth" in text
    assert "Thyroid" not in text and "Cancer" not in text


def test_labels_are_refused_as_html(db, tmp_path):
    day = next_date(db, "Thyroid Cancer Peer Circle")
    result = run(db, "labels", "--group", "thyroid", "--date", day, "-o", str(tmp_path / "l.html"))
    assert result.exit_code != 0 and "written as pdf" in result.stderr
