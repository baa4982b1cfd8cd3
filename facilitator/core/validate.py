"""Checks on text, numbers, links and phone numbers typed by a person."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from facilitator.core.errors import InputError, quoted

SHORT_TEXT = 120  # names, aliases, titles, rooms
LONG_TEXT = 4000  # read-aloud scripts, descriptions, ground rules

_PHONE = re.compile(r"^\+?[0-9][0-9 ()./-]{1,30}$")
_WHOLE_NUMBER = re.compile(r"^-?[0-9]+$")
_LANGUAGE = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")


def _has_control(text: str, allow_newlines: bool) -> bool:
    allowed = {"\n", "\t"} if allow_newlines else set()
    return any(unicodedata.category(ch) == "Cc" and ch not in allowed for ch in text)


# Characters that change how text shows without showing themselves: bidi controls (which can
# make "Ade" display as another alias) and zero-width ones (which make two aliases that look
# the same differ).
_BIDI_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e")
_BIDI_CONTROLS |= frozenset("\u2066\u2067\u2068\u2069")
_ZERO_WIDTH = frozenset("\u200b\u200c\u200d\u2060\ufeff")


def refuse_invisible(text: str, field: str) -> str:
    """The text, unless it holds a bidi control or a zero-width character."""
    if any(ch in _BIDI_CONTROLS for ch in text):
        raise InputError("contains a right-to-left or left-to-right control character", field)
    if any(ch in _ZERO_WIDTH for ch in text):
        raise InputError("contains an invisible (zero-width) character", field)
    return text


def clean_text(
    value: str | None,
    field: str,
    *,
    required: bool = False,
    max_length: int = SHORT_TEXT,
    multiline: bool = False,
) -> str:
    """Trim a typed value; reject control characters, over-long and missing text."""
    text = (value or "").strip()
    if multiline:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if required and not text:
        raise InputError("must not be empty", field)
    if len(text) > max_length:
        raise InputError(f"is too long ({len(text):,} characters, at most {max_length:,})", field)
    if _has_control(text, allow_newlines=multiline):
        raise InputError("contains control characters (such as an escape code)", field)
    return text


def check_count(value: object, field: str, *, maximum: int = 100_000) -> int:
    """A whole number from 0 to `maximum`."""
    if isinstance(value, bool):
        raise InputError("must be a whole number", field)
    text = str(value).strip()
    # ASCII digits only: int() also reads "١٢" and "1_000", which no one means as a count
    if not isinstance(value, int) and not _WHOLE_NUMBER.match(text):
        raise InputError(f"must be a whole number, not {quoted(value)}", field)
    try:
        number = value if isinstance(value, int) else int(text)
    except ValueError:  # thousands of digits
        raise InputError(f"must be a whole number, not {quoted(value)}", field) from None
    if number < 0:
        raise InputError("must not be negative", field)
    if number > maximum:
        raise InputError(f"must be at most {maximum:,}", field)
    return number


def check_mood(value: object) -> int | None:
    """An optional mood from 0 to 10."""
    if value is None or str(value).strip() == "":
        return None
    number = check_count(value, "mood", maximum=10)
    return number


def check_url(value: str | None, field: str = "url") -> str:
    """An http(s) link with a host, or nothing."""
    text = clean_text(value, field, max_length=2000)
    if not text:
        return ""
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.netloc or " " in text:
        raise InputError(f"{quoted(text)} is not a web address (start with https://)", field)
    return text


def check_phone(value: str | None, field: str = "phone") -> str:
    """A phone number of digits, spaces and + ( ) . - only, or nothing."""
    text = clean_text(value, field, max_length=40)
    if not text:
        return ""
    digits = sum(ch.isdigit() for ch in text)
    if not _PHONE.match(text) or not 3 <= digits <= 15:
        raise InputError(f"{quoted(text)} is not a phone number", field)
    return text


def check_timezone(value: str | None, field: str = "timezone") -> str:
    """An IANA time zone name such as Europe/London."""
    text = clean_text(value, field, required=True, max_length=64)
    try:
        ZoneInfo(text)
    except (ZoneInfoNotFoundError, ValueError):
        raise InputError(f"{quoted(text)} is not a time zone (e.g. Europe/London)", field) from None
    return text


def check_language(value: str | None, field: str = "language") -> str:
    """A language code such as en, zh or zh-Hant."""
    text = clean_text(value, field, max_length=20) or "en"
    if not _LANGUAGE.match(text):
        raise InputError(f"{quoted(text)} is not a language code (e.g. en, zh, es)", field)
    return text


def check_languages(
    values: Iterable[str] | str, shipped: Sequence[str], field: str = "languages"
) -> tuple[str, ...]:
    """The languages a group prints in, main one first, each one we ship a catalogue for:
    "en, zh" -> ("en", "zh-Hans"). A bare "zh" names the one shipped Chinese."""
    if isinstance(values, str):
        values = values.split(",")
    chosen: list[str] = []
    for value in values:
        text = clean_text(value, field, max_length=20)
        if not text:
            continue
        tag = _shipped_tag(text, shipped)
        if tag is None:
            raise InputError(
                f"{quoted(text)} is not a language we print in; use "
                f"{', '.join(shipped)} (a language is added with one .po file: see the README)",
                field,
            )
        if tag not in chosen:
            chosen.append(tag)
    return tuple(chosen) or (shipped[0],)


def _shipped_tag(text: str, shipped: Sequence[str]) -> str | None:
    wanted = text.replace("_", "-").casefold()
    exact = [tag for tag in shipped if tag.casefold() == wanted]
    by_language = [tag for tag in shipped if tag.split("-")[0].casefold() == wanted]
    if exact:
        return exact[0]
    return by_language[0] if len(by_language) == 1 else None
