"""The gettext catalogues: every message translated in every shipped language, the compiled
.mo saying what its .po says, and the template in step with the code."""

from __future__ import annotations

import gettext
import string
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from facilitator.exports.catalogues import LOCALE, locale_of, shipped, wording

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = LOCALE / "facilitator.pot"


def messages(path: Path) -> set[str]:
    with path.open("rb") as handle:
        return {message.id for message in read_po(handle) if message.id}


def catalogue(tag: str, suffix: str) -> Path:
    return LOCALE / locale_of(tag) / "LC_MESSAGES" / f"facilitator.{suffix}"


def test_we_ship_english_and_simplified_chinese():
    assert shipped() == ("en", "zh-Hans")


@pytest.mark.parametrize("tag", shipped())
def test_every_message_of_the_template_is_translated_in_every_shipped_catalogue(tag):
    with catalogue(tag, "po").open("rb") as handle:
        translated = {m.id: m.string for m in read_po(handle) if m.id and not m.fuzzy}
    wanted = messages(TEMPLATE)
    assert wanted
    assert sorted(m for m in wanted if not translated.get(m)) == []


@pytest.mark.parametrize("tag", shipped())
def test_each_compiled_catalogue_says_what_its_source_says(tag):
    with catalogue(tag, "mo").open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    with catalogue(tag, "po").open("rb") as handle:
        for message in read_po(handle):
            if message.id:
                assert compiled.gettext(message.id) == message.string, message.id


@pytest.mark.parametrize("tag", shipped())
def test_every_translation_keeps_the_values_its_message_fills(tag):
    with catalogue(tag, "po").open("rb") as handle:
        for message in read_po(handle):
            if message.id:
                names = sorted(set(_names(message.id)))
                assert sorted(set(_names(message.string))) == names, message.id


def _names(text: str) -> list[str]:
    return [name for _, name, _, _ in string.Formatter().parse(text) if name]


def test_the_template_holds_every_message_the_code_says():
    check = [sys.executable, str(ROOT / "scripts" / "catalogues.py"), "--check"]
    result = subprocess.run(check, capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_language_without_a_catalogue_prints_in_the_others_or_english():
    assert wording(("es", "zh-Hans")).languages == ("zh-Hans",)
    assert wording(("es",)).languages == ("en",)
