"""Checked constructors: turn what a person typed into a record, or say which field is wrong."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from datetime import date, datetime

from facilitator.core.errors import InputError, quoted
from facilitator.core.model import (
    DEFAULT_HEADCOUNT_CATEGORIES,
    CheckIn,
    Group,
    Privacy,
    Resource,
    ResourceKind,
)
from facilitator.core.validate import (
    LONG_TEXT,
    SHORT_TEXT,
    check_count,
    check_language,
    check_languages,
    check_mood,
    check_phone,
    check_timezone,
    check_url,
    clean_text,
    refuse_invisible,
)

CHECKIN_WORDS = 280  # a folded slip of paper, not an essay


def _choice(value: object, kind: type, field: str):
    try:
        return kind(str(value).strip().lower())
    except ValueError:
        options = ", ".join(item.value for item in kind)
        raise InputError(f"{quoted(value)} is not one of {options}", field) from None


def _categories(values: Iterable[str], field: str) -> tuple[str, ...]:
    cleaned = (clean_text(value, field, max_length=40) for value in values)
    return tuple(dict.fromkeys(value for value in cleaned if value))


def _optional_day(value: object, field: str) -> date | None:
    if value is not None and (not isinstance(value, date) or isinstance(value, datetime)):
        raise InputError("must be a date, e.g. 2026-12-08", field)
    return value


def make_group(
    *,
    id: str,
    name: str,
    timezone: str,
    privacy: object = Privacy.ROSTER,
    description: str = "",
    languages: Iterable[str] | str = ("en",),
    language: str | None = None,
    room: str = "",
    online_link: str = "",
    facilitators: str = "",
    confidentiality: str = "",
    ground_rules: str = "",
    template_id: str | None = None,
    headcount_categories: Iterable[str] = DEFAULT_HEADCOUNT_CATEGORIES,
    archived: bool = False,
    shipped: Sequence[str] = (),
) -> Group:
    """A group with every field checked. `language` makes one the main language (the others
    stay after it); with `shipped`, every language must be one of those (normalised: "zh"
    becomes "zh-Hans")."""
    categories = _categories(headcount_categories, "headcount categories")
    listed = languages.split(",") if isinstance(languages, str) else list(languages)
    listed = [tag.strip() for tag in listed if tag and tag.strip()]
    if language is not None:
        listed = [language, *(tag for tag in listed if tag != language)]
    if shipped:
        checked = check_languages(listed, shipped)
    else:
        checked = tuple(dict.fromkeys(check_language(tag, "languages") for tag in listed))
    return Group(
        id=id,
        name=clean_text(name, "name", required=True),
        timezone=check_timezone(timezone),
        privacy=_choice(privacy, Privacy, "privacy"),
        description=clean_text(description, "description", max_length=LONG_TEXT, multiline=True),
        languages=checked or ("en",),
        room=clean_text(room, "room"),
        online_link=check_url(online_link, "online link"),
        facilitators=clean_text(facilitators, "facilitators"),
        confidentiality=clean_text(
            confidentiality, "confidentiality statement", max_length=LONG_TEXT, multiline=True
        ),
        ground_rules=clean_text(ground_rules, "ground rules", max_length=LONG_TEXT, multiline=True),
        template_id=template_id,
        headcount_categories=categories or DEFAULT_HEADCOUNT_CATEGORIES,
        archived=bool(archived),
    )


def make_resource(
    *,
    id: str,
    title: str,
    kind: object,
    phone: str = "",
    url: str = "",
    language: str = "en",
    categories: Iterable[str] = (),
    description: str = "",
    review_due: date | None = None,
    stock: object = 0,
) -> Resource:
    """A library entry with every field checked."""
    return Resource(
        id=id,
        title=clean_text(title, "title", required=True),
        kind=_choice(kind, ResourceKind, "kind"),
        phone=check_phone(phone),
        url=check_url(url),
        language=check_language(language),
        categories=_categories(categories, "categories"),
        description=clean_text(description, "description", max_length=LONG_TEXT, multiline=True),
        review_due=_optional_day(review_due, "review due"),
        stock=check_count(stock, "copies in stock"),
    )


def make_checkin(mood: object = None, words: str = "", topic_request: str = "") -> CheckIn:
    """One anonymous slip: a mood from 0 to 10 and a few words, all optional."""
    return CheckIn(
        mood=check_mood(mood),
        words=clean_text(words, "words", max_length=CHECKIN_WORDS, multiline=True),
        topic_request=clean_text(topic_request, "topic request", max_length=SHORT_TEXT),
    )


def make_alias(alias: str) -> str:
    """A member's alias: a first name or a nickname, never a full identity. Kept in NFC, so
    an é typed as e + accent is the same alias as é typed at once."""
    text = unicodedata.normalize("NFC", clean_text(alias, "alias", required=True, max_length=40))
    return refuse_invisible(text, "alias")


def alias_key(alias: str) -> str:
    """What makes two aliases the same one: ÉVA and éva, Straße and STRASSE."""
    return unicodedata.normalize("NFC", unicodedata.normalize("NFC", alias).casefold())
