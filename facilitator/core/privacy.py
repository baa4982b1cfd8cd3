"""Privacy rules: small counts are hidden, and check-in words must not name people.

Who may see an exact count: the facilitator on a working screen (running a session, a group's
schedule), which says on screen that it is not for sharing. Everything that leaves the room
(the reports screen, printouts, exports, `--json`, command-line tables, the hub) hides counts
of 1 to k-1, unless the facilitator asks for exact counts (`--exact`), as `--named` asks for
names. A total is the sum of the cells shown, never of the hidden ones too, so no total minus
the shown cells gives a hidden one away.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

DEFAULT_K = 5


# Said beside exact counts on the facilitator's own screens.
NOT_FOR_SHARING = "exact counts for you alone, not for sharing"


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


def shared_count(count: int | None, k: int = DEFAULT_K, exact: bool = False) -> int | None:
    """A count as it may leave the room: None for 1..k-1, unless exact counts were asked for.
    A count that is None already (a session not held) stays None."""
    return count if exact or count is None else suppress(count, k)


def count_field(name: str, count: int | None, k: int = DEFAULT_K, exact: bool = False) -> dict:
    """A count in JSON: {"present": null, "present_hidden": true} when it is hidden, so a
    hidden count is told apart from one there is none of (a session not held)."""
    shown = shared_count(count, k, exact)
    return {name: shown, f"{name}_hidden": shown is None and count is not None}


def total_of_shown(cells: Iterable[int | None]) -> int:
    """A total that gives nothing away: the sum of the cells shown, the hidden ones left out."""
    return sum(cell for cell in cells if cell is not None)


def hidden_range(k: int = DEFAULT_K) -> str:
    """The counts that are hidden, as said wherever one is: '1 to 4' when k is 5."""
    return f"1 to {k - 1}"


def suppression_note(k: int = DEFAULT_K, exact: bool = False) -> str:
    """What a report or export says about its hidden counts; the privacy notice says the same."""
    if exact:
        return (
            f"Exact counts, as asked for: counts from {hidden_range(k)} are shown. Not for sharing."
        )
    return (
        f"Counts from {hidden_range(k)} are hidden in reports, prints and exports, "
        "as is any count giving one away."
    )


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
