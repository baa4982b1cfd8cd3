"""What `export` infers: the format from -o's extension, the group from the start of its name,
standard output from `-o -`; and a pipe closed early (head) ends it quietly."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest
from click.testing import CliRunner

from facilitator.cli import cli
from facilitator.store import Store
from tests.cli.test_cli import assert_one_line_error


@pytest.fixture(scope="module")
def db(tmp_path_factory, demo_file):
    """The demo with one more group whose name starts like Caring Together's."""
    path = tmp_path_factory.mktemp("choices") / "demo.db"
    shutil.copy(demo_file, path)
    store = Store(path)
    store.groups.create(name="Carers' Evening", timezone="Europe/London")
    store.close()
    return path


def export(db, *args: str):
    return CliRunner().invoke(cli, ["export", *args, "--db", str(db)])


def agenda(db, *args: str):
    return export(db, "agenda", "--group", "Caring Together", "--next", *args)


@pytest.mark.parametrize(
    ("name", "starts"), [("a.html", b"<!DOCTYPE html>"), ("a.md", b"# "), ("a.pdf", b"%PDF")]
)
def test_the_output_files_extension_decides_the_format(db, tmp_path, name, starts):
    result = agenda(db, "-o", str(tmp_path / name))
    assert result.exit_code == 0, result.output
    assert (tmp_path / name).read_bytes().startswith(starts)


def test_an_extension_that_clashes_with_format_is_refused(db, tmp_path):
    result = agenda(db, "-o", str(tmp_path / "agenda.html"), "--format", "pdf")
    assert_one_line_error(result, "agenda.html is not a pdf file name")
    assert list(tmp_path.iterdir()) == []


def test_a_document_asked_for_in_a_format_it_has_not_is_refused(db, tmp_path):
    assert_one_line_error(agenda(db, "-o", str(tmp_path / "agenda.csv")), "not csv")
    assert_one_line_error(export(db, "calendar", "-o", str(tmp_path / "cal.pdf")), "ics")
    assert_one_line_error(export(db, "attendance", "-o", str(tmp_path / "a.ics")), "csv")
    assert list(tmp_path.iterdir()) == []


def test_no_extension_keeps_the_pdf_default(db, tmp_path):
    assert agenda(db, "-o", str(tmp_path / "agenda")).exit_code == 0
    assert (tmp_path / "agenda").read_bytes().startswith(b"%PDF")


def test_dash_writes_a_text_format_to_standard_output(db, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = export(db, "calendar", "-o", "-")
    assert result.exit_code == 0 and result.stdout.startswith("BEGIN:VCALENDAR")
    assert "END:VCALENDAR" in result.stdout
    assert list(tmp_path.iterdir()) == []


def test_dash_refuses_a_pdf(db, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert_one_line_error(agenda(db, "-o", "-"), "--format html or md")
    assert list(tmp_path.iterdir()) == []


def test_the_start_of_a_group_name_is_enough_in_any_case(db, tmp_path):
    result = export(db, "calendar", "--group", "thyroid", "-o", str(tmp_path / "t.ics"))
    assert result.exit_code == 0, result.output
    assert "Thyroid Cancer Peer Circle" in (tmp_path / "t.ics").read_text()


def test_a_start_shared_by_two_groups_lists_them_and_writes_nothing(db, tmp_path):
    result = export(db, "calendar", "--group", "CAR", "-o", str(tmp_path / "c.ics"))
    assert_one_line_error(result, "could be any of: Carers' Evening, Caring Together")
    assert list(tmp_path.iterdir()) == []


def test_a_whole_name_wins_over_a_longer_one_it_starts(tmp_path, demo_file):
    path = tmp_path / "demo.db"
    shutil.copy(demo_file, path)
    store = Store(path)
    store.groups.create(name="Caring", timezone="UTC")
    store.close()
    assert Store(path).groups.by_name("caring").name == "Caring"


def test_piping_into_head_prints_no_broken_pipe(db):
    env = os.environ | {"PYTHONPATH": os.pathsep.join(sys.path)}
    command = [sys.executable, "-m", "facilitator", "sessions", "list", "--db", str(db)]
    listing = subprocess.Popen(
        [*command, "--to", "2030-12-31"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    listing.stdout.readline()  # head -1
    listing.stdout.close()
    stderr = listing.communicate(timeout=60)[1].decode()
    assert "Broken pipe" not in stderr and "Traceback" not in stderr
    assert stderr == ""


def test_an_output_folder_that_does_not_exist_is_refused_not_written_as_a_file(db, tmp_path):
    result = export(db, "calendar", "-o", f"{tmp_path}/missing/")
    assert_one_line_error(result, "does not exist")
    assert list(tmp_path.iterdir()) == []


def test_a_groups_handout_sheet_is_named_for_it_and_never_replaces_the_plain_one(
    db, tmp_path, monkeypatch
):
    monkeypatch.chdir(tmp_path)
    assert export(db, "handouts").exit_code == 0
    assert export(db, "handouts", "--group", "rare").exit_code == 0
    names = sorted(path.name for path in tmp_path.iterdir())
    assert names == ["handouts-rare-roots-family-group.pdf", "handouts.pdf"]
