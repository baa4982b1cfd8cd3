"""Python's full garbage collection, moved to moments when nobody waits for the screen.

With ten years of data open, the app holds ~150,000 objects Python's cycle collector walks
in a full collection: 50-100 ms, started by itself every few keystrokes while someone
filters the library or marks people at the door. Here start-up's objects (modules, styles)
are set aside for good, Python starts a full collection itself four times less often, and
one runs instead when the keyboard has been still for a few seconds after some use.

Before each of those collections, what Textual itself still holds of removed widgets is let
go (see `release_removed_widgets`): without it every session opened keeps its header alive.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable

from textual._styles_cache import StylesCache
from textual.dom import DOMNode

RARER = 4  # full collections Python starts by itself: this many times less often
STILL_SECONDS = 3.0  # how long the keyboard and mouse rest before a collection runs


class IdleCollector:
    """Started with the app's first screen, stopped as it exits (thresholds restored)."""

    def __init__(self, before_collecting: Callable[[], object] = lambda: None) -> None:
        self.before_collecting = before_collecting
        self.used = 0.0  # when a key or click last came (monotonic seconds)
        self.collected = 0.0  # when the last idle collection ran
        self._thresholds: tuple[int, int, int] | None = None

    def start(self) -> None:
        """Set start-up's objects aside and make Python's own full collections rarer."""
        if self._thresholds is not None:
            return
        gc.freeze()  # start-up's objects live as long as the app: never walk them again
        self._thresholds = gc.get_threshold()
        young, middle, old = self._thresholds
        gc.set_threshold(young, middle, old * RARER)

    def stop(self) -> None:
        """Python's own settings again (several apps may run in one process: the tests)."""
        if self._thresholds is None:
            return
        gc.set_threshold(*self._thresholds)
        gc.unfreeze()
        self._thresholds = None

    def touched(self) -> None:
        """Someone pressed a key or clicked."""
        self.used = time.monotonic()

    def due(self) -> bool:
        """Whether there was use since the last collection, then rest for a while."""
        now = time.monotonic()
        return self.used > self.collected and now - self.used >= STILL_SECONDS

    def collect_if_due(self) -> bool:
        """Run a full collection when the keyboard rests after use; say if one ran."""
        if self._thresholds is None or not self.due():
            return False
        self.before_collecting()
        gc.collect()
        self.collected = time.monotonic()
        return True


def release_removed_widgets(app: DOMNode) -> None:
    """Let go of removed widgets that Textual (8.2) still reaches, so a collection frees them.

    Widgets that watch the app (every Header watches its title) stay in the app's watcher
    lists until that attribute changes, which the title never does; and the styles cache
    memoises colours per widget in a class-wide cache of 1,024, each entry holding a removed
    widget's drawn lines."""
    watchers: dict[str, list[tuple[DOMNode, object]]] = getattr(app, "__watchers", {})
    for watching in watchers.values():
        watching[:] = [(node, call) for node, call in watching if not node._closing]
    StylesCache.get_inner_outer.cache_clear()
