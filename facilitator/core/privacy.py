"""Privacy rules: small counts are hidden, and check-in words must not name people."""

from __future__ import annotations

import re
from collections.abc import Iterable

DEFAULT_K = 5


def suppress(count: int, k: int = DEFAULT_K) -> int | None:
    """A count safe to show, or None when it is above zero but below k."""
    return None if 0 < count < k else count


def show_count(count: int, k: int = DEFAULT_K) -> str:
    """The count as text, or 'fewer than k'."""
    shown = suppress(count, k)
    return f"fewer than {k}" if shown is None else str(shown)


def aliases_mentioned(text: str, aliases: Iterable[str]) -> list[str]:
    """Roster aliases that appear as whole words in a piece of check-in text."""
    found = []
    for alias in aliases:
        if alias and re.search(rf"(?<!\w){re.escape(alias)}(?!\w)", text, re.IGNORECASE):
            found.append(alias)
    return found
