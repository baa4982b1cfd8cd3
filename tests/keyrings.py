"""Keyrings for tests: one in memory, one that fails every call, one that never answers. No
test touches the real keyring of the computer it runs on (tests/conftest.py)."""

from __future__ import annotations

import threading
from pathlib import Path

import keyring
from keyring.backend import KeyringBackend
from keyring.errors import KeyringError, PasswordDeleteError


class MemoryKeyring(KeyringBackend):
    """Passwords in a dict, keyed by (service, user name)."""

    priority = 1

    def __init__(self) -> None:
        super().__init__()
        self.kept: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.kept.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.kept[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if self.kept.pop((service, username), None) is None:
            raise PasswordDeleteError("not there")


class FailingKeyring(KeyringBackend):
    """A keyring that is there but refuses every call (locked, or its service is gone)."""

    priority = 1

    def get_password(self, service: str, username: str) -> str | None:
        raise KeyringError("the keyring is locked")

    def set_password(self, service: str, username: str, password: str) -> None:
        raise KeyringError("the keyring is locked")

    def delete_password(self, service: str, username: str) -> None:
        raise KeyringError("the keyring is locked")


class SilentKeyring(KeyringBackend):
    """A keyring whose calls never return until the test lets them (a D-Bus call that hangs)."""

    priority = 1

    def __init__(self) -> None:
        super().__init__()
        self.released = threading.Event()

    def get_password(self, service: str, username: str) -> str | None:
        self.released.wait()
        return None

    def set_password(self, service: str, username: str, password: str) -> None:
        self.released.wait()

    def delete_password(self, service: str, username: str) -> None:
        self.released.wait()


def kept_in_memory() -> MemoryKeyring:
    """A fresh in-memory keyring, made the one keyring calls reach."""
    kept = MemoryKeyring()
    keyring.set_keyring(kept)
    return kept


def entry(path: Path) -> tuple[str, str]:
    """Where a database's passphrase is remembered: (service, the file's full path)."""
    return ("facilitator", str(path.resolve()))
