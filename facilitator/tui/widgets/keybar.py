"""The keys of the screen, on one line at the bottom: one widget, drawn as one line of text.

Textual's Footer mounts and styles a widget per key each time the keys change (a focus
change, a screen opening): about 10 ms a key on a small laptop, most of a screen switch.
"""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.widget import Widget

# Kept in view at the right, however many keys the screen has: help, and the lock.
PINNED = ("lock", "app.lock", "help", "app.help")


class KeyBar(Widget, can_focus=False):
    """The screen's shown bindings as `key description` pairs; a click presses the key."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES = {"keybar--key", "keybar--description", "keybar--disabled"}
    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        width: 1fr;
        text-wrap: nowrap;
        text-overflow: clip;
        color: $footer-foreground;
        background: $footer-background;
        .keybar--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        .keybar--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
        .keybar--disabled {
            text-style: dim;
        }
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._keys: list[tuple[str, str, str, bool]] = []
        self._pinned = 0
        self._places: list[tuple[int, int, str]] = []  # start, end, key

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self._update()

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen) -> None:
        if self.is_attached and screen is self.screen:
            self._update()

    def _update(self) -> None:
        keys = self._shown_keys()
        if keys != self._keys:
            self._keys = keys
            self.refresh()

    def _shown_keys(self) -> list[tuple[str, str, str, bool]]:
        """(key, how it is shown, description, enabled): the first key bound to each shown
        action, with the lock, help and the command palette last, where the line keeps them
        in view."""
        bindings = self.screen.active_bindings
        shown, actions, last = [], set(), []
        for _node, binding, enabled, _tip in bindings.values():
            if not binding.show or binding.action in actions:
                continue
            actions.add(binding.action)
            entry = (binding.key, self.app.get_key_display(binding), binding.description, enabled)
            (last if binding.action in PINNED else shown).append(entry)
        palette = bindings.get(self.app.COMMAND_PALETTE_BINDING)
        if palette and self.app.ENABLE_COMMAND_PALETTE:  # shown though its binding is not
            _node, binding, enabled, _tip = palette
            last.append(
                (binding.key, self.app.get_key_display(binding), binding.description, enabled)
            )
        self._pinned = len(last)
        return shown + last

    def render(self) -> Text:
        pairs = [self._pair(*entry[1:]) for entry in self._keys]
        split = len(pairs) - self._pinned
        left, right = Text("").join(pairs[:split]), Text("").join(pairs[split:])
        room = self.size.width - right.cell_len
        shown_to = room
        if left.cell_len > room:
            left.truncate(max(room - 1, 0))
            left.append("…")
            shown_to = room - 1
        left.pad_right(room - left.cell_len)
        self._place(pairs, split, room, shown_to)
        return Text.assemble(left, right, no_wrap=True, overflow="crop")

    def _place(self, pairs: list[Text], split: int, room: int, shown_to: int) -> None:
        """Remember the columns each shown key takes, for clicks (a style's meta would carry
        the key, but reading it back costs about 10 ms a frame)."""
        self._places, x = [], 0
        for index, pair in enumerate(pairs):
            if index == split:
                x, shown_to = room, self.size.width
            end = min(x + pair.cell_len, shown_to)
            if x < end:
                self._places.append((x, end, self._keys[index][0]))
            x += pair.cell_len

    def _pair(self, display: str, description: str, enabled: bool) -> Text:
        """` key description `, styled as the theme says."""
        key_style = self.get_component_rich_style("keybar--key", partial=True)
        description_style = self.get_component_rich_style("keybar--description", partial=True)
        if not enabled:
            dim = self.get_component_rich_style("keybar--disabled", partial=True)
            key_style, description_style = key_style + dim, description_style + dim
        return Text.assemble((f" {display} ", key_style), (f"{description} ", description_style))

    def on_click(self, event: events.Click) -> None:
        """Press the key whose pair was clicked."""
        for start, end, key in self._places:
            if start <= event.x < end:
                self.app.simulate_key(key)
                return
