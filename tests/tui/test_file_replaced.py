"""A running app whose file is replaced under it (copied over, restored by hand) says so and
shows the file that is there now; nothing typed next goes into the old one."""

from __future__ import annotations

import asyncio
import os

import pytest

from facilitator.store import Store, StoreError
from facilitator.tui.app import FILE_CHECK_SECONDS
from facilitator.tui.screens.home import HomeScreen
from tests.conftest import FROZEN_NOW
from tests.tui.conftest import SIZE, make_app, settle


def _database_with_group(path, name):
    store = Store(path, now=lambda: FROZEN_NOW)
    store.groups.create(name=name, timezone="UTC")
    store.close()


async def _wait_for_the_check(pilot) -> None:
    await asyncio.sleep(FILE_CHECK_SECONDS + 0.5)
    await settle(pilot)
    await settle(pilot)


async def test_a_replaced_file_is_reopened_and_the_app_says_so(tmp_path):
    path = tmp_path / "f.db"
    _database_with_group(path, "Before")
    _database_with_group(tmp_path / "other.db", "After")
    store = Store(path, now=lambda: FROZEN_NOW)
    async with make_app(store).run_test(size=SIZE) as pilot:
        await settle(pilot)
        os.replace(tmp_path / "other.db", path)
        await _wait_for_the_check(pilot)
        assert [g.name for g in pilot.app.store.groups.list()] == ["After"]
        assert isinstance(pilot.app.screen, HomeScreen)
        said = [str(n.message) for n in pilot.app._notifications]
        assert any("was replaced by another program" in text for text in said)
    pilot.app.store.close()


async def test_a_file_replaced_by_one_that_cannot_be_opened_takes_no_more_writes(tmp_path):
    path = tmp_path / "f.db"
    _database_with_group(path, "Before")
    store = Store(path, now=lambda: FROZEN_NOW)
    async with make_app(store).run_test(size=SIZE) as pilot:
        await settle(pilot)
        os.replace(path, tmp_path / "moved.db")
        path.write_bytes(b"not a database at all, " * 100)
        await _wait_for_the_check(pilot)
        said = [str(n.message) for n in pilot.app._notifications]
        assert any("cannot be opened" in text for text in said)
    with pytest.raises(StoreError, match="was replaced"):
        store.groups.create(name="Lost", timezone="UTC")
    store.close()


async def test_a_file_replaced_while_locked_opens_again_under_the_lock(tmp_path):
    from facilitator.tui.screens.lock import LockScreen

    path = tmp_path / "f.db"
    _database_with_group(path, "Before")
    _database_with_group(tmp_path / "other.db", "After")
    store = Store(path, now=lambda: FROZEN_NOW)
    async with make_app(store).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+l")
        os.replace(tmp_path / "other.db", path)
        await _wait_for_the_check(pilot)
        assert [g.name for g in pilot.app.store.groups.list()] == ["After"]
        assert isinstance(pilot.app.screen, LockScreen)
        await pilot.press("enter")  # no lock PIN is set
        await settle(pilot)
        assert isinstance(pilot.app.screen, HomeScreen)
    pilot.app.store.close()
