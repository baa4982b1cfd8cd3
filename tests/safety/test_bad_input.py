"""The catalogue of bad input, fed to every constructor and CLI argument that takes text.

Each one: a clear message naming the place, nothing written, no traceback.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
from datetime import date

import pytest
import sqlite_utils
from click.testing import CliRunner

from facilitator.cli import cli
from facilitator.core.dates import parse_when
from facilitator.core.errors import InputError
from facilitator.core.records import make_alias, make_checkin, make_group, make_resource
from facilitator.core.schedule import parse_recurrence
from facilitator.store.settings import DEFAULTS
from tests.places import fingerprint, read_only_media

CATALOGUE = {
    "impossible date": "2026-02-30",
    "ambiguous date": "03/04/2026",
    "dst gap": "2026-03-29 01:30",
    "twenty digits": "1" * 20,
    "negative": "-5",
    "huge": "9" * 30,
    "empty": "",
    "one megabyte": "x" * 1_000_000,
    "markup": "[bold]Ade[/bold]",
    "ansi escape": "\x1b[31mAde",
    "control": "Ade\x00\x07",
    "emoji": "Ade 🌻",
    "chinese": "阿德",
    "right to left": "עדה",
    "bad url": "htp:/example",
    "bad phone": "call 911 now!!",
    "superscript digits": "²³",
    "arabic-indic digits": "١٢",
    "fullwidth digits": "１２",
    "bidi override alias": "Ade\u202eKO",  # shows as "AdeOK"
    "bidi isolate alias": "\u2067Ade\u2069",
    "zero-width alias": "A\u200bde",
}
UNICODE_DIGITS = ("superscript digits", "arabic-indic digits", "fullwidth digits")
INVISIBLE_IN_ALIASES = ("bidi override alias", "bidi isolate alias", "zero-width alias")
ACCEPTED_AS_TEXT = {
    "markup",
    "emoji",
    "chinese",
    "right to left",
    "negative",
    "twenty digits",
    "huge",
    "impossible date",
    "ambiguous date",
    "dst gap",
    "bad url",
    "bad phone",
    *UNICODE_DIGITS,
}


@pytest.mark.parametrize("case", CATALOGUE)
def test_every_text_field_accepts_it_literally_or_refuses_it_clearly(case):
    value = CATALOGUE[case]
    builders = {
        "group name": lambda v: make_group(id="g", name=v, timezone="UTC").name,
        "alias": make_alias,
        "check-in words": lambda v: make_checkin(words=v).words,
        "resource title": lambda v: make_resource(id="r", title=v, kind="book").title,
    }
    for field, build in builders.items():
        try:
            kept = build(value)
        except InputError as error:
            assert error.field and error.message, field
            assert case not in ACCEPTED_AS_TEXT or len(value) > 280 or not value.strip()
        else:
            assert kept == value.strip(), field  # shown as typed, never interpreted


@pytest.mark.parametrize("case", CATALOGUE)
def test_number_date_link_and_phone_fields_refuse_what_they_cannot_read(case):
    value = CATALOGUE[case]
    checks = [
        lambda v: make_checkin(mood=v),
        lambda v: make_resource(id="r", title="T", kind="book", stock=v),
        lambda v: make_resource(id="r", title="T", kind="website", url=v),
        lambda v: make_resource(id="r", title="T", kind="hotline", phone=v),
        lambda v: parse_when(v, today=date(2026, 11, 21), timezone="Europe/London"),
        parse_recurrence,
    ]
    for check in checks:
        try:
            check(value)
        except InputError as error:
            assert str(error)
        # anything else that escapes is a failure of this test


@pytest.mark.parametrize("case", UNICODE_DIGITS)
def test_number_fields_take_only_ascii_digits(store, case):
    value = CATALOGUE[case]
    checks = {
        "mood": lambda v: make_checkin(mood=v),
        "stock": lambda v: make_resource(id="r", title="T", kind="book", stock=v),
        "k": lambda v: store.settings.set("k", v),
        "retention": lambda v: store.settings.set("retention_months", v),
        "backups kept": lambda v: store.settings.set("backups_kept", v),
    }
    for field, check in checks.items():
        with pytest.raises(InputError, match="whole number"):
            check(value)
        assert field
    assert store.settings.all() == DEFAULTS


@pytest.mark.parametrize("case", CATALOGUE)
def test_every_setting_keeps_the_value_or_refuses_it_clearly(store, case):
    for key in DEFAULTS:
        try:
            store.settings.set(key, CATALOGUE[case])
        except InputError as error:
            assert error.field and error.message, key
            assert store.settings.get(key) == DEFAULTS[key]


@pytest.mark.parametrize("case", INVISIBLE_IN_ALIASES)
def test_an_alias_refuses_bidi_controls_and_zero_width_characters(case):
    with pytest.raises(InputError) as refused:
        make_alias(CATALOGUE[case])
    assert refused.value.field == "alias"


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("bad") / "demo.db"
    assert CliRunner().invoke(cli, ["demo", "--db", str(path), "--no-open"]).exit_code == 0
    return path


@pytest.mark.parametrize("case", CATALOGUE)
def test_every_cli_argument_gives_one_line_and_writes_nothing(db, tmp_path, case):
    value = CATALOGUE[case][:5000] or " "
    before = db.read_bytes()
    commands = [
        ["sessions", "list", "--from", value],
        ["sessions", "list", "--group", value],
        ["export", "agenda", "--group", value, "--next", "-o", str(tmp_path / "a.pdf")],
        [
            "export",
            "agenda",
            "--group",
            "Caring Together",
            "--date",
            value,
            "-o",
            str(tmp_path / "b.pdf"),
        ],
        [
            "export",
            "signin",
            "--group",
            "Caring Together",
            "--date",
            "next thu",
            "--lines",
            value,
            "-o",
            str(tmp_path / "c.pdf"),
        ],
        ["export", "handouts", "--language", value, "-o", str(tmp_path / "d.pdf")],
        ["restore", value],
    ]
    for command in commands:
        result = CliRunner().invoke(
            cli,
            [*command, "--db", str(db)]
            if command[0] != "restore"
            else ["restore", "--db", str(db), value],
        )
        if result.exit_code == 0:
            continue  # some values are fine here (e.g. a date that exists)
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("Error: "), (command, result.stderr)
        assert "Traceback" not in result.output
    assert db.read_bytes() == before
    assert [p for p in tmp_path.iterdir() if p.suffix == ".pdf"] == []


def output_targets(db, tmp_path) -> dict[str, str]:
    """Places -o must never write: the database, its side files, a backup, links, a device."""
    backup = CliRunner().invoke(cli, ["backup", "--db", str(db)]).stdout.strip()
    notes = tmp_path / "notes.txt"
    notes.write_text("my notes")
    (tmp_path / "to-db").symlink_to(db)
    (tmp_path / "to-notes.csv").symlink_to(notes)
    device = tmp_path / "device"
    try:
        os.mknod(device, 0o666 | stat.S_IFCHR, os.makedev(1, 3))  # a /dev/null of our own
    except PermissionError:
        os.mkfifo(device)
    (tmp_path / "folder").mkdir()
    return {
        "the database": str(db),
        "its -wal": f"{db}-wal",
        "its -shm": f"{db}-shm",
        "a backup": backup,
        "a symlink to the database": str(tmp_path / "to-db"),
        "a symlink to another file": str(tmp_path / "to-notes.csv"),
        "a device": str(device),
        "a folder": str(tmp_path / "folder"),
    }


def test_every_output_path_that_is_not_a_new_or_plain_file_is_refused(db, tmp_path):
    own = tmp_path / "data" / "facilitator.db"
    own.parent.mkdir()
    shutil.copy(db, own)
    targets = output_targets(own, tmp_path)
    kept = {name: os.lstat(path) for name, path in targets.items() if os.path.lexists(path)}
    contents = {p: p.read_bytes() for p in own.parent.rglob("*") if p.is_file()}
    for case, target in targets.items():
        for command in (
            ["export", "attendance", "-o", target],
            ["export", "agenda", "--group", "Caring Together", "--next", "-o", target],
        ):
            result = CliRunner().invoke(cli, [*command, "--db", str(own)])
            lines = result.stderr.strip().splitlines()
            assert result.exit_code == 1, (case, result.output)
            assert len(lines) == 1 and lines[0].startswith("Error: "), (case, result.stderr)
    for name, before in kept.items():
        after = os.lstat(targets[name])
        assert (after.st_mode, after.st_ino) == (before.st_mode, before.st_ino), name
    assert {p: p.read_bytes() for p in own.parent.rglob("*") if p.is_file()} == contents
    assert (tmp_path / "notes.txt").read_text() == "my notes"
    assert list((tmp_path / "folder").iterdir()) == []


# -- database files that are not what they seem -----------------------------------------------


@contextlib.contextmanager
def another_programs(folder, demo):
    path = folder / "photos.db"
    raw = sqlite_utils.utils.sqlite3.connect(path)
    raw.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY, caption TEXT)")
    raw.commit()
    raw.close()
    yield path


@contextlib.contextmanager
def empty(folder, demo):
    path = folder / "empty.db"
    path.touch()
    yield path


@contextlib.contextmanager
def read_only_file(folder, demo):
    path = folder / "kept.db"
    shutil.copy(demo, path)
    os.chmod(path, 0o400)
    yield path


@contextlib.contextmanager
def on_read_only_media(folder, demo):
    with read_only_media(demo, folder / "cdrom") as path:
        yield path


DATABASE_FILES = {
    "another program's database": another_programs,
    "an empty file": empty,
    "a read-only database file": read_only_file,
    "a database on read-only media": on_read_only_media,
}


@pytest.mark.parametrize("case", DATABASE_FILES)
def test_every_command_on_a_strange_database_file_gives_one_line_and_changes_nothing(
    db, tmp_path, case
):
    with DATABASE_FILES[case](tmp_path, db) as path:
        before = fingerprint(path)
        commands = [
            ["check"],
            ["groups", "list"],
            ["sessions", "list", "--group", "Caring Together"],
            ["export", "handouts", "--format", "md", "-o", str(tmp_path / "h.md")],
            ["backup", "-o", str(tmp_path / "copy.db")],
        ]
        for command in commands:
            result = CliRunner().invoke(cli, [*command, "--db", str(path)])
            said = [line for line in result.stderr.splitlines() if not line.startswith("Note: ")]
            if result.exit_code != 0:
                assert len(said) == 1 and said[0].startswith("Error: "), (command, said)
                assert "is damaged" not in said[0] and "restore" not in said[0], (command, said)
            else:
                assert said == [], (command, said)
            assert "Traceback" not in result.output
        assert fingerprint(path) == before
