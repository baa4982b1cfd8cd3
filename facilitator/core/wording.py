"""The fixed words of printed documents, in a group's languages, main language first.

Pure: the caller hands in one translate function per language (gettext catalogues loaded by
facilitator.exports.catalogues); a document builder only asks for a message in every language.
Messages are English source strings with {named} values, filled after translation.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

Translate = Callable[[str], str]

BETWEEN = " / "  # between the languages of one label: "Time / 时间"


def _as_is(message: str) -> str:
    return message


@dataclass(frozen=True)
class Wording:
    """Say a message in each language of a document."""

    translators: tuple[tuple[str, Translate], ...] = (("en", _as_is),)

    @property
    def languages(self) -> tuple[str, ...]:
        """BCP 47 tags, main language first: ("en", "zh-Hans")."""
        return tuple(language for language, _ in self.translators)

    @property
    def main(self) -> str:
        return self.translators[0][0]

    def each(self, message: str, **values: object) -> tuple[tuple[str, str], ...]:
        """(language, text) for every language; a translation equal to the one before it
        (a name, a number) is said once."""
        said: list[tuple[str, str]] = []
        for language, translate in self.translators:
            text = translate(message).format(**values)
            if not said or text != said[-1][1]:
                said.append((language, text))
        return tuple(said)

    def both(self, message: str, **values: object) -> str:
        """Every language on one line, for labels and column headers: "Time / 时间"."""
        return BETWEEN.join(text for _, text in self.each(message, **values))

    def main_text(self, message: str, **values: object) -> str:
        """The main language only, for a file's title."""
        return self.each(message, **values)[0][1]


ENGLISH = Wording()
