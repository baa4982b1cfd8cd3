"""The demo and the real data never meet: restore asks first and waits for open apps, the demo
is not rebuilt under an app, and every command reaches the demo with --demo."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from facilitator.cli import cli
from facilitator.store import Store

# Another app on the file: a process holding the running app's lock until told to stop.
APP = """
import sys
from facilitator.store.lock import app_open
with app_open(sys.argv[1]):
    print("open", flush=True)
    sys.stdin.read()
"""


@pytest.fixture
def another_app():
    """Start an app (its lock, in a process of its own) on a database; stopped at the end."""
    started = []
    env = os.environ | {"PYTHONPATH": os.pathsep.join(sys.path)}

    def start(path: Path) -> None:
        app = subprocess.Popen(
            [sys.executable, "-c", APP, str(path)],
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        started.append(app)
        assert app.stdout.readline().strip() == "open"

    yield start
    for app in started:
        app.communicate("", timeout=30)


@pytest.fixture
def live_and_backup(demo_file, tmp_path) -> tuple[Path, Path]:
    """A database with a group added after its backup was taken."""
    live = tmp_path / "facilitator.db"
    shutil.copy(demo_file, live)
    store = Store(live)
    backup = store.backup(tmp_path / "before.db")
    store.groups.create(name="Added after the backup", timezone="UTC")
    store.close()
    return live, backup


def group_names(path: Path) -> set[str]:
    store = Store(path)
    try:
        return {g.name for g in store.groups.list()}
    finally:
        store.close()


def restore(live: Path, backup: Path, *extra: str, answer: str | None = None):
    args = ["restore", "--db", str(live), str(backup), *extra]
    return CliRunner().invoke(cli, args, input=answer)


def test_restore_asks_before_replacing_and_no_keeps_the_database(live_and_backup):
    live, backup = live_and_backup
    result = restore(live, backup, answer="n\n")
    assert f"Replace {live} with {backup}?" in result.stderr
    assert result.exit_code == 1 and "Nothing was restored." in result.stderr
    assert "Error" not in result.stderr  # a No is an answer, not a failure
    assert "Added after the backup" in group_names(live)


def test_restore_in_a_script_without_yes_says_how_and_keeps_the_database(live_and_backup):
    live, backup = live_and_backup
    result = restore(live, backup, answer="")
    assert result.exit_code == 1 and "add --yes" in result.stderr
    assert "Added after the backup" in group_names(live)


def test_restore_replaces_the_database_when_the_answer_is_yes(live_and_backup):
    live, backup = live_and_backup
    result = restore(live, backup, answer="y\n")
    assert result.exit_code == 0, result.output
    assert "Added after the backup" not in group_names(live)


def test_restore_with_yes_does_not_ask(live_and_backup):
    live, backup = live_and_backup
    result = restore(live, backup, "--yes")
    assert result.exit_code == 0 and "Replace" not in result.stderr
    assert "Added after the backup" not in group_names(live)


def test_restore_is_refused_while_an_app_has_the_database_open(live_and_backup, another_app):
    live, backup = live_and_backup
    another_app(live)
    before = live.read_bytes()
    result = restore(live, backup, "--yes")
    assert result.exit_code == 1
    assert f"an app has {live} open; close it before you restore it" in result.stderr
    assert live.read_bytes() == before
    assert "Added after the backup" in group_names(live)


def test_the_demo_is_not_rebuilt_while_an_app_has_it_open(tmp_path, another_app):
    path = tmp_path / "demo.db"
    assert CliRunner().invoke(cli, ["demo", "--db", str(path), "--no-open"]).exit_code == 0
    another_app(path)
    before = path.read_bytes()
    result = CliRunner().invoke(cli, ["demo", "--db", str(path), "--no-open"])
    assert result.exit_code == 1 and "close it before you rebuild the demo" in result.stderr
    assert path.read_bytes() == before


def test_the_app_holds_its_database_while_it_runs(live_and_backup, monkeypatch):
    """What `facilitator` itself does while the app is open: a restore then is refused."""
    from facilitator.tui.app import FacilitatorApp

    live, backup = live_and_backup
    seen = []

    def run_app(app):  # instead of the screen: a second process restores meanwhile
        env = os.environ | {"PYTHONPATH": os.pathsep.join(sys.path)}
        args = ["-m", "facilitator", "restore", "--yes", "--db", str(live), str(backup)]
        seen.append(subprocess.run([sys.executable, *args], env=env, capture_output=True))

    monkeypatch.setattr(FacilitatorApp, "run", run_app)
    assert CliRunner().invoke(cli, ["--db", str(live)]).exit_code == 0
    [restoring] = seen
    assert restoring.returncode == 1 and b"close it before" in restoring.stderr
    assert "Added after the backup" in group_names(live)


@pytest.fixture
def data_home(tmp_path, monkeypatch) -> Path:
    """The user data folder under tmp_path: the demo's default place is there."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "share"))
    monkeypatch.delenv("FACILITATOR_DB", raising=False)
    return tmp_path / "share" / "facilitator"


def test_the_demo_says_where_it_is_and_how_to_point_commands_at_it(data_home):
    result = CliRunner().invoke(cli, ["demo", "--no-open"])
    assert result.exit_code == 0, result.output
    assert str(data_home / "demo.db") in result.stderr
    assert "facilitator --demo groups list" in result.stderr


def test_every_command_reaches_the_demo_with_demo(data_home):
    assert CliRunner().invoke(cli, ["demo", "--no-open"]).exit_code == 0
    listed = CliRunner().invoke(cli, ["groups", "list", "--demo", "--json"])
    assert listed.exit_code == 0, listed.output
    assert "Caring Together" in {g["name"] for g in json.loads(listed.stdout)}
    checked = CliRunner().invoke(cli, ["--demo", "check"])
    assert checked.exit_code == 0 and str(data_home / "demo.db") in checked.stdout
    assert not (data_home / "facilitator.db").exists()


def test_demo_and_db_together_are_refused(data_home, tmp_path):
    result = CliRunner().invoke(cli, ["check", "--demo", "--db", str(tmp_path / "x.db")])
    assert result.exit_code == 2 and "--db or --demo" in result.stderr
