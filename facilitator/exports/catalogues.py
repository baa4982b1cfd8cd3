"""The gettext catalogues printed documents are worded from, one per shipped language.

Each language is a folder under locale/ named by its locale (zh_Hans), holding
LC_MESSAGES/facilitator.po (the source a translator edits) and facilitator.mo (compiled from it
by `pybabel compile`, shipped in the wheel). Only the standard library's gettext reads them.
"""

from __future__ import annotations

import gettext
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from facilitator.core.wording import Wording

LOCALE = Path(__file__).with_name("locale")
DOMAIN = "facilitator"


def tag_of(locale: str) -> str:
    """A BCP 47 tag from a locale folder's name: zh_Hans -> zh-Hans."""
    return locale.replace("_", "-")


def locale_of(tag: str) -> str:
    """A locale folder's name from a BCP 47 tag: zh-Hans -> zh_Hans."""
    return tag.replace("-", "_")


@cache
def shipped() -> tuple[str, ...]:
    """The languages documents can be printed in, English first: ("en", "zh-Hans")."""
    found = sorted(
        tag_of(mo.parent.parent.name) for mo in LOCALE.glob(f"*/LC_MESSAGES/{DOMAIN}.mo")
    )
    return tuple(sorted(found, key=lambda tag: tag != "en"))


@cache
def _translate(tag: str):
    with (LOCALE / locale_of(tag) / "LC_MESSAGES" / f"{DOMAIN}.mo").open("rb") as handle:
        return gettext.GNUTranslations(handle).gettext


def wording(languages: Iterable[str]) -> Wording:
    """The words for a document in these languages, main one first; a language without a
    catalogue is left out, and with none left the document is in English."""
    tags = [tag for tag in dict.fromkeys(languages) if tag in shipped()]
    return Wording(tuple((tag, _translate(tag)) for tag in tags or ["en"]))
