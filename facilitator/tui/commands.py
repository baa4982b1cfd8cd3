"""The command palette: the app's own actions on the current screen and app-wide, each with
its key; never the text-editing keys of the focused field."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from functools import partial

from textual.binding import Binding
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.screen import Screen

Command = tuple[str, str, Callable[[], object]]  # name, help (its key), what it does


def screen_bindings(screen: Screen, hidden: bool = False) -> list[Binding]:
    """The bindings the app's screen classes declare (and inherit), described ones only, once
    each; those not shown in the key bar too if `hidden`.

    Read from our classes, not from active_bindings: a focused table's own Enter would
    otherwise hide the screen's, and a field's editing keys (or Textual's own focus and copy
    keys) would crowd in."""
    found: dict[str, Binding] = {}
    ours = (cls for cls in type(screen).__mro__ if cls.__module__.startswith("facilitator."))
    for cls in ours:
        for binding in cls.__dict__.get("BINDINGS", []):
            if isinstance(binding, Binding):
                found.setdefault(binding.action, binding)  # the most derived class decides
    return [b for b in found.values() if b.description and (b.show or hidden)]


def key_names(app, binding: Binding) -> str:
    """How a binding's keys are shown: 'enter or e' for a binding of two keys."""
    keys = [key.strip() for key in binding.key.split(",")]
    return " or ".join(app.get_key_display(replace(binding, key=key)) for key in keys)


def palette_name(binding: Binding) -> str:
    """A key's name in the palette: its tooltip where the key bar's word is too short to
    stand alone ('Cancel' on a schedule is 'Cancel session'), else its description."""
    return binding.tooltip or binding.description


def session_at_hand(screen: Screen) -> tuple | None:
    """The (group, occurrence) a screen shows or has highlighted, or None."""
    from facilitator.tui.widgets.sessions import SessionTable

    tables = screen.query(SessionTable)
    if tables:
        chosen = tables.first().chosen()
        return (chosen.group, chosen.occurrence) if chosen else None
    group, occurrence = getattr(screen, "group", None), getattr(screen, "occurrence", None)
    return (group, occurrence) if group is not None and occurrence is not None else None


class ActionCommands(Provider):
    """Offer the current screen's actions, then the app-wide ones, each with its key."""

    def _commands(self) -> list[Command]:
        screen, app = self.screen, self.app
        found: list[Command] = []
        done: set[str] = set()  # actions offered, without their "app." prefix

        def offer(name: str, help_text: str, action: str, runs_on) -> None:
            plain = action.removeprefix("app.")
            if plain not in done and action != "command_palette":
                done.add(plain)
                found.append((name, help_text, partial(runs_on.run_action, action)))

        for binding in screen_bindings(screen, hidden=True):
            if screen.check_action(binding.action, ()) is False:
                continue  # hidden here (door mode's print and close, say): not offered either
            offer(
                palette_name(binding),
                f"key: {key_names(app, binding)}",
                binding.action,
                screen,
            )
        found += self._door_sign(screen)
        for binding in type(app).BINDINGS:
            if isinstance(binding, Binding) and binding.description:
                offer(binding.description, f"key: {key_names(app, binding)}", binding.action, app)
        if not app.volunteer:
            for name, action in app.NAVIGATION:
                offer(name, "go there", action, app)
        return found

    def _door_sign(self, screen: Screen) -> list[Command]:
        """Print door sign, where a session is at hand: the print dialog, door sign chosen."""
        if self.app.volunteer or session_at_hand(screen) is None:
            return []
        export = next((b for b in screen_bindings(screen) if b.action == "export"), None)
        if export is None:
            return []

        def print_door_sign() -> None:
            from facilitator.tui.dialogs.export import ExportDialog

            at_hand = session_at_hand(screen)
            if at_hand is not None:
                self.app.push_screen(ExportDialog(*at_hand, "door-sign"))

        key = key_names(self.app, export)
        return [("Print door sign", f"key: {key}, then Door sign", print_door_sign)]

    async def discover(self) -> Hits:
        for name, help_text, callback in self._commands():
            yield DiscoveryHit(name, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, callback in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), callback, help=help_text)
