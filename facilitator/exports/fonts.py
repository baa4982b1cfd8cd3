"""The fonts shipped in the package, and which characters they can print."""

from __future__ import annotations

import bisect
import json
from collections.abc import Iterable
from functools import cache
from pathlib import Path

FONT_DIR = Path(__file__).parent / "fonts"
REGULAR = FONT_DIR / "NotoSans-Regular.ttf"
BOLD = FONT_DIR / "NotoSans-Bold.ttf"
CHINESE = FONT_DIR / "NotoSansSC-Regular.otf"
_IGNORED = {"\n", "\t", "\r"}


class Coverage:
    """The code points one font has glyphs for, as sorted ranges."""

    def __init__(self, ranges: list[list[int]]) -> None:
        self._starts = [start for start, _ in ranges]
        self._ends = [end for _, end in ranges]

    def __contains__(self, char: str) -> bool:
        point = ord(char)
        index = bisect.bisect_right(self._starts, point) - 1
        return index >= 0 and point <= self._ends[index]


@cache
def _coverage() -> dict[str, Coverage]:
    raw = json.loads((FONT_DIR / "coverage.json").read_text("utf-8"))
    return {name: Coverage(ranges) for name, ranges in raw.items()}


def _characters(texts: Iterable[str]) -> set[str]:
    return {char for text in texts for char in text} - _IGNORED


def needs_chinese_font(texts: Iterable[str]) -> bool:
    """Whether any character needs the (large, slow to load) Chinese fallback font."""
    latin, chinese = _coverage()[REGULAR.name], _coverage()[CHINESE.name]
    return any(char not in latin and char in chinese for char in _characters(texts))


def unprintable(texts: Iterable[str]) -> list[str]:
    """Characters no shipped font covers, e.g. emoji: they would print as blanks."""
    latin, chinese = _coverage()[REGULAR.name], _coverage()[CHINESE.name]
    missing = (c for c in _characters(texts) if c not in latin and c not in chinese)
    return sorted(missing)


def describe_characters(chars: Iterable[str]) -> str:
    """'😀 (U+1F600), ☎ (U+260E)'"""
    return ", ".join(f"{char} (U+{ord(char):04X})" for char in chars)
