"""A passphrase remembered on this computer, in the OS keyring (only when the person chose it).

Kept under the service "facilitator" with the database's absolute path as the user name, so
each file has its own. Anyone who can sign in to this computer as the person can then open the
file without typing it; the lock screen still asks for it.

A keyring may be missing (headless Linux), locked, or slow to answer (it speaks D-Bus): every
call here returns an answer within TIMEOUT seconds and never raises, so no keyring can stop or
crash the app or a command. Nothing here logs, prints or quotes a passphrase.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from facilitator.store.cipher import Key, WrongPassphraseError, unlock

SERVICE = "facilitator"
TIMEOUT = 3.0  # seconds a keyring may take before it counts as not there


class Forgot(Enum):
    """What forgetting found."""

    FORGOTTEN = "forgotten"
    NOTHING = "nothing was remembered"
    NO_KEYRING = "this computer has no keyring"
    UNREACHABLE = "the keyring did not answer"


@dataclass(frozen=True)
class Recalled:
    """What the keyring holds for a database: whether one can be kept here at all, and the
    passphrase remembered (None when none is)."""

    available: bool
    passphrase: str | None = None


class _Unavailable(Exception):
    """No keyring here, or it failed or did not answer in time."""


class _NoKeyring(_Unavailable):
    """This computer has no keyring at all (not an error of one that is there)."""


def recall(path: Path) -> Recalled:
    """The passphrase remembered for this database, if a keyring is there and holds one."""
    try:
        found = _ask(lambda keyring: keyring.get_password(SERVICE, _user(path)))
    except _Unavailable:
        return Recalled(False)
    return Recalled(True, found or None)


def remembered_key(path: Path) -> Key | None:
    """The key from the passphrase remembered for this database; one that no longer opens it
    (changed elsewhere) is forgotten. None when there is none that opens it."""
    passphrase = recall(path).passphrase
    if passphrase is None:
        return None
    try:
        return unlock(path, passphrase)
    except WrongPassphraseError:
        forget(path)
        return None


def keep(path: Path, passphrase: str) -> bool:
    """Remember the passphrase for this database; False when no keyring would keep it."""
    try:
        _ask(lambda keyring: keyring.set_password(SERVICE, _user(path), passphrase))
    except _Unavailable:
        return False
    return True


def forget(path: Path) -> Forgot:
    """Forget the passphrase remembered for this database."""
    try:
        if _ask(lambda keyring: keyring.get_password(SERVICE, _user(path))) is None:
            return Forgot.NOTHING
        _ask(lambda keyring: keyring.delete_password(SERVICE, _user(path)))
    except _NoKeyring:
        return Forgot.NO_KEYRING
    except _Unavailable:
        return Forgot.UNREACHABLE
    return Forgot.FORGOTTEN


def after_change(path: Path, new_passphrase: str | None) -> str:
    """After the database's passphrase changed (None: its encryption removed): a remembered
    passphrase follows the change, or is forgotten, so no stale copy stays. Says what it did
    ("" when nothing was remembered)."""
    if not recall(path).passphrase:
        return ""
    if new_passphrase is not None and keep(path, new_passphrase):
        return "The passphrase remembered on this computer is the new one."
    if forget(path) is Forgot.FORGOTTEN:
        return "The passphrase remembered on this computer is forgotten."
    return "The old passphrase may still be in this computer's keyring: forget it there."


def _ask(call: Callable[[object], object]) -> object:
    """Run one keyring call in a thread of its own, so a keyring that never answers costs
    TIMEOUT seconds, not the app. Any failure is _Unavailable: keyring backends raise their
    own errors (D-Bus, OS errors) beside keyring's, and none of them may stop the app."""
    answer: dict[str, object] = {}

    def run() -> None:
        try:
            import keyring  # ~0.15 s the first time: only when a keyring is asked

            backend = keyring.get_keyring()
            if _is_none(backend):
                answer["none"] = True
                return
            answer["value"] = call(backend)
        except Exception as error:  # any backend's own error (see the docstring)
            answer["error"] = error

    thread = threading.Thread(target=run, name="keyring", daemon=True)
    thread.start()
    thread.join(TIMEOUT)
    if "none" in answer:
        raise _NoKeyring
    if "value" not in answer:
        raise _Unavailable  # failed (the error's text is not shown: it may quote its input)
    return answer["value"]


def _is_none(backend: object) -> bool:
    from keyring.backends import fail, null

    return isinstance(backend, fail.Keyring | null.Keyring)


def _user(path: Path) -> str:
    return str(path.resolve())
