"""Shared fixtures: a real database file in tmp_path, a frozen clock, the demo."""

from __future__ import annotations

import os
from datetime import UTC, datetime

import keyring
import pytest
from keyring.backends import fail

from facilitator.store import Store
from facilitator.store.demo import build_demo

# No test, nor any program a test starts, reads or writes the real keyring of this computer.
os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"


@pytest.fixture(autouse=True)
def no_keyring():
    """No keyring unless a test sets one (tests/keyrings.py)."""
    keyring.set_keyring(fail.Keyring())
    yield
    keyring.set_keyring(fail.Keyring())


# A Saturday evening in late November 2026, London time = UTC.
FROZEN_NOW = datetime(2026, 11, 21, 20, 0, tzinfo=UTC)


class Clock:
    """A clock the test moves by hand."""

    def __init__(self, now: datetime = FROZEN_NOW) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def store(tmp_path, clock) -> Store:
    opened = Store(tmp_path / "facilitator.db", now=clock)
    yield opened
    opened.close()


@pytest.fixture(scope="session")
def demo_file(tmp_path_factory):
    """One demo database built at the frozen time, copied by tests that change it."""
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    built = Store(path, now=lambda: FROZEN_NOW)
    build_demo(built)
    built.close()
    return path


@pytest.fixture
def demo_store(demo_file, tmp_path) -> Store:
    """A private copy of the demo database, made through the backup API."""
    source = Store(demo_file, now=lambda: FROZEN_NOW)
    copy = source.backup(tmp_path / "demo-copy.db")
    source.close()
    opened = Store(copy, now=lambda: FROZEN_NOW)
    yield opened
    opened.close()
