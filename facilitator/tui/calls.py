"""Store calls off the UI thread: every screen and dialog uses this one mechanism."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from textual import work
from textual.worker import active_worker, get_current_worker

from facilitator.core.errors import FacilitatorError, InputError
from facilitator.store import Store
from facilitator.store.connection import Error as SQLiteError
from facilitator.tui.messages import StoreDone, StoreFailed


@dataclass(frozen=True)
class ShownChange:
    """What a change shown by the screen that made it returns: the file's versions just
    before and after it, and the action's own value."""

    before: object
    after: object
    value: object


class StoreCalls:
    """Mixin for screens: `self.call_store("key", lambda store: ...)` runs in a thread worker,
    then `loaded_<key>(value)` or `failed_<key>(message)` runs on the UI thread."""

    def call_store(self, key: str, action: Callable[[Store], object]) -> None:
        """Run one store action in a worker; its result comes back as a message."""
        self._store_worker(key, action)

    def call_store_shown(self, key: str, action: Callable[[Store], object]) -> None:
        """call_store for a change that loaded_<key> then shows by itself: shown_change()
        hears the file's versions around it, so a screen can tell its rows are still
        those of the file."""

        def change(store: Store) -> ShownChange:
            before = store.version()
            value = action(store)
            return ShownChange(before, store.version(), value)

        self._store_worker(key, change)

    def shown_change(self, before: object, after: object) -> None:
        """Hook: a change made through call_store_shown is done (file versions around it)."""

    @work(thread=True, group="store", exit_on_error=False)
    def _store_worker(self, key: str, action: Callable[[Store], object]) -> None:
        try:
            self._post_store_result(key, action)
        finally:
            # Textual names the running worker in the pool thread's own context and leaves
            # it there: an idle thread would keep this worker, its task, and through the
            # task's context the screen that asked (a whole screen, long removed).
            active_worker.set(None)  # type: ignore[arg-type]

    def _post_store_result(self, key: str, action: Callable[[Store], object]) -> None:
        try:
            value = action(self.app.store)
        except InputError as error:
            self.post_message(StoreFailed(key, error.message, error.field))
            return
        except FacilitatorError as error:
            self.post_message(StoreFailed(key, str(error)))
            return
        except SQLiteError as error:
            # The SQLite message names no person; the data stays as it was (rolled back).
            self.post_message(StoreFailed(key, f"the database refused this: {error}"))
            return
        if not get_current_worker().is_cancelled:
            self.post_message(StoreDone(key, value))

    def on_store_done(self, message: StoreDone) -> None:
        """Hand a result to loaded_<key> (a mixin cannot use @on: Textual collects those
        only on message-pump classes)."""
        message.stop()
        value = message.value
        if isinstance(value, ShownChange):
            self.shown_change(value.before, value.after)
            value = value.value
        handler = getattr(self, f"loaded_{message.key}", None)
        if handler is not None and self.is_attached:
            handler(value)

    def on_store_failed(self, message: StoreFailed) -> None:
        """Hand a refusal to failed_<key>, or show it as a notification."""
        message.stop()
        handler = getattr(self, f"failed_{message.key}", None)
        if handler is not None:
            handler(message)
        else:
            self.notify(message.text, title="Not saved", severity="error", markup=False)
