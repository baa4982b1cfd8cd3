"""Messages that thread workers post back to the UI thread."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from facilitator.core.model import Listing


@dataclass
class SessionsLoaded(Message):
    """Upcoming sessions read from the store."""

    listings: list[Listing]


@dataclass
class LoadFailed(Message):
    """A store call failed; the text is safe to show."""

    text: str
