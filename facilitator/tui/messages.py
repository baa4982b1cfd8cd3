"""Messages that thread workers post back to the UI thread."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message


@dataclass
class StoreDone(Message):
    """A store call finished; `key` says which, `value` is what it returned."""

    key: str
    value: object


@dataclass
class StoreFailed(Message):
    """A store call was refused or failed; `text` is safe to show, `field` names the input."""

    key: str
    text: str
    field: str = ""
