"""The command palette: every key of the current screen, and the places to go."""

from __future__ import annotations

from functools import partial

from textual.binding import Binding
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.screen import Screen


def screen_bindings(screen: Screen) -> list[Binding]:
    """The bindings a screen class declares (and inherits), described ones only, once each.

    Read from the classes, not from active_bindings: a focused table's own Enter would
    otherwise hide the screen's."""
    found: dict[str, Binding] = {}
    for cls in type(screen).__mro__:
        for binding in cls.__dict__.get("BINDINGS", []):
            if isinstance(binding, Binding):
                found.setdefault(binding.action, binding)  # the most derived class decides
    return [b for b in found.values() if b.description and b.show]


class ActionCommands(Provider):
    """Offer the current screen's bindings and the app's navigation as commands."""

    def _commands(self) -> list[tuple[str, str, object]]:
        app = self.app
        screen = app.screen_stack[-1] if app.screen_stack else app.screen
        found: list[tuple[str, str, object]] = []
        seen: set[str] = set()
        for binding in (b.binding for b in screen.active_bindings.values()):
            if (
                not binding.description
                or binding.action in seen
                or binding.action == "command_palette"
            ):
                continue
            seen.add(binding.action)
            key = app.get_key_display(binding)
            found.append(
                (binding.description, f"key: {key}", partial(screen.run_action, binding.action))
            )
        if not app.volunteer:
            for name, action in app.NAVIGATION:
                found.append((name, "go there", partial(app.run_action, action)))
        return found

    async def discover(self) -> Hits:
        for name, help_text, callback in self._commands():
            yield DiscoveryHit(name, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, callback in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), callback, help=help_text)
