"""A group prints in its languages, main one first: stored, checked against the catalogues we
ship, and carried forward from the one language a group had before."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from facilitator.cli import cli
from facilitator.core.errors import InputError
from facilitator.store import Store
from facilitator.store import migrations as migrations_module

RARE_ROOTS = "Rare Roots Family Group 罕见病家庭互助会"


def test_a_groups_languages_round_trip_in_order(store):
    made = store.groups.create(name="Circle", timezone="UTC", languages=["zh-Hans", "en"])
    assert store.groups.get(made.id).languages == ("zh-Hans", "en")
    assert made.language == "zh-Hans"


def test_languages_typed_in_the_form_are_read_main_first(store):
    made = store.groups.create(name="Circle", timezone="UTC", languages="en, zh")
    assert made.languages == ("en", "zh-Hans")  # a bare "zh" is the Chinese we ship


def test_a_language_we_ship_no_catalogue_for_is_refused_saying_which_we_ship(store):
    with pytest.raises(InputError, match="en, zh-Hans") as refused:
        store.groups.create(name="Circle", timezone="UTC", languages="en, es")
    assert refused.value.field == "languages"
    assert store.groups.list() == []


def test_editing_the_languages_keeps_the_other_fields(store):
    made = store.groups.create(name="Circle", timezone="UTC", room="Room 1")
    changed = store.groups.update(made.id, languages="zh-Hans, en")
    assert changed.languages == ("zh-Hans", "en") and changed.room == "Room 1"


def test_the_demos_bilingual_group_prints_in_english_and_chinese(demo_store):
    assert demo_store.groups.by_name(RARE_ROOTS).languages == ("en", "zh-Hans")


def test_a_group_from_before_languages_keeps_its_one_language_as_the_main_one(
    tmp_path, monkeypatch
):
    path = tmp_path / "old.db"
    with monkeypatch.context() as before:
        before.setattr(migrations_module, "MIGRATIONS", migrations_module.MIGRATIONS[:3])
        before.setattr(migrations_module, "LATEST", 3)
        old = Store(path)
        with old.conn.write() as db:
            for name, language in (("Circle", "en"), ("Roots", "zh")):
                db["groups"].insert(
                    {
                        "id": name,
                        "name": name,
                        "timezone": "UTC",
                        "privacy": "roster",
                        "language": language,
                        "modified": "2026-11-21T20:00:00+00:00",
                    }
                )
        old.close()
    opened = Store(path)
    assert {g.name: g.languages for g in opened.groups.list()} == {
        "Circle": ("en",),
        "Roots": ("zh-Hans",),
    }
    opened.close()


def test_groups_list_shows_each_groups_languages(demo_store):
    demo_db = demo_store.conn.path
    table = CliRunner().invoke(cli, ["--db", str(demo_db), "groups", "list"]).stdout
    assert "en, zh-Hans" in next(line for line in table.splitlines() if "Rare Roots" in line)
    listed = CliRunner().invoke(cli, ["--db", str(demo_db), "groups", "list", "--json"]).stdout
    languages = {g["name"]: g["languages"] for g in json.loads(listed)}
    assert languages[RARE_ROOTS] == ["en", "zh-Hans"]
    assert languages["Caring Together"] == ["en"]
