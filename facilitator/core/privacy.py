"""Privacy rules: small counts are hidden, and check-in words must not name people."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

DEFAULT_K = 5


def suppress(count: int, k: int = DEFAULT_K) -> int | None:
    """A count safe to show, or None when it is above zero but below k."""
    return None if 0 < count < k else count


def suppress_cells(counts: Sequence[int], k: int = DEFAULT_K) -> list[int | None]:
    """Cells of one total safe to show: 1..k-1 hidden, then the smallest shown cells too
    until what is hidden adds up to 0 or at least k, so the total minus the shown cells
    never gives a small count away (secondary suppression)."""
    shown: list[int | None] = [suppress(count, k) for count in counts]
    hidden = sum(count for count, cell in zip(counts, shown, strict=True) if cell is None)
    while 0 < hidden < k:
        left = [(count, i) for i, (count, cell) in enumerate(zip(counts, shown, strict=True))]
        left = [(count, i) for count, i in left if shown[i] is not None and count > 0]
        if not left:
            break  # the total itself is below k: the caller hides it
        count, index = min(left)
        shown[index] = None
        hidden += count
    return shown


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
