"""An error quotes what was typed only in part: a 100 KB argument makes one short line."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from facilitator.cli import cli
from facilitator.core.agenda import make_segment
from facilitator.core.errors import ECHO_LIMIT, InputError, NotFoundError, quoted

HUGE = "x" * 100_000
SHORT_LINE = 200


def test_a_short_value_is_quoted_whole():
    assert quoted("Caring Together") == "'Caring Together'"


def test_a_long_value_is_quoted_in_part_with_its_length():
    shown = quoted(HUGE)
    assert shown.startswith(repr("x" * ECHO_LIMIT))
    assert shown.endswith("… (100,000 characters)")


def test_a_missing_group_named_at_length_is_reported_in_a_short_message(store):
    with pytest.raises(NotFoundError) as refused:
        store.groups.by_name(HUGE)
    assert len(str(refused.value)) < SHORT_LINE


def test_an_unknown_placeholder_typed_at_length_is_named_in_part(store):
    with pytest.raises(InputError) as refused:
        make_segment("Welcome", 5, "{" + "x" * 3000 + "}")
    assert "(3,002 characters)" in str(refused.value)
    assert len(str(refused.value)) < 300  # with the list of placeholders that can be used


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("echo") / "demo.db"
    assert CliRunner().invoke(cli, ["demo", "--db", str(path), "--no-open"]).exit_code == 0
    return path


COMMANDS = {
    "group name": ["sessions", "list", "--group", HUGE],
    "whole number": ["export", "signin", "--group", "Caring Together", "--lines", HUGE],
    "choice": ["export", "agenda", "--group", "Caring Together", "--next", "--format", HUGE],
    "unknown option": ["sessions", "list", "--" + HUGE],
    "extra argument": ["groups", "list", HUGE],
    "file name": ["restore", HUGE],
}


@pytest.mark.parametrize("command", COMMANDS.values(), ids=COMMANDS)
def test_every_cli_error_quoting_a_huge_argument_is_one_short_line(db, command):
    result = CliRunner().invoke(cli, [*command, "--db", str(db)])
    assert result.exit_code != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: ")
    assert len(lines[0]) < SHORT_LINE, lines[0][:300]
    assert "100,0" in lines[0]  # it says how long the value was
