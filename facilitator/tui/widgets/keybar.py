"""The keys of the screen, on one line at the bottom: one widget, drawn as one line of text.

Textual's Footer mounts and styles a widget per key each time the keys change (a focus
change, a screen opening): about 10 ms a key on a small laptop, most of a screen switch.
"""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual import events
from textual.widget import Widget


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
        action, with help and the command palette last, where the line keeps them in view."""
        bindings = self.screen.active_bindings
        shown, actions, last = [], set(), []
        for _node, binding, enabled, _tip in bindings.values():
            if not binding.show or binding.action in actions:
                continue
            actions.add(binding.action)
            entry = (binding.key, self.app.get_key_display(binding), binding.description, enabled)
            (last if binding.action in ("help", "app.help") else shown).append(entry)
        palette = bindings.get(self.app.COMMAND_PALETTE_BINDING)
        if palette and self.app.ENABLE_COMMAND_PALETTE:  # shown though its binding is not
            _node, binding, enabled, _tip = palette
            last.append(
                (binding.key, self.app.get_key_display(binding), binding.description, enabled)
            )
        self._pinned = len(last)
        return shown + last

    def render(self) -> Text:
        pairs = [self._pair(*entry) for entry in self._keys]
        split = len(pairs) - self._pinned
        left, right = Text("").join(pairs[:split]), Text("").join(pairs[split:])
        room = self.size.width - right.cell_len
        if left.cell_len > room:
            left.truncate(max(room - 1, 0))
            left.append("…")
        left.pad_right(room - left.cell_len)
        return Text.assemble(left, right, no_wrap=True, overflow="crop")

    def _pair(self, key: str, display: str, description: str, enabled: bool) -> Text:
        """` key description `, styled as the theme says; a click on it presses the key."""
        press = Style(meta={"key": key})
        if not enabled:
            press += self.get_component_rich_style("keybar--disabled", partial=True)
        key_style = self.get_component_rich_style("keybar--key", partial=True)
        description_style = self.get_component_rich_style("keybar--description", partial=True)
        return Text.assemble(
            (f" {display} ", key_style + press), (f"{description} ", description_style + press)
        )

    def on_click(self, event: events.Click) -> None:
        key = event.style.meta.get("key")
        if key:
            self.app.simulate_key(key)
