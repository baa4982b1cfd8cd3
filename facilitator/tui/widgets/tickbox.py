"""A checkbox whose state shows as a tick, not only as a colour."""

from __future__ import annotations

from textual.widgets import Checkbox


class TickBox(Checkbox):
    """Textual's checkbox draws the same X on and off and tells them apart by colour alone,
    which a colour-blind eye or a washed-out projector cannot: this one shows a tick when on
    and nothing when off."""

    @property
    def BUTTON_INNER(self) -> str:  # the name Checkbox reads
        return "✓" if self.value else " "
