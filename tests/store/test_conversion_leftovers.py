"""A killed decrypt's plain copy beside the still-encrypted database never outlives the next
opening, and a closed terminal stops a conversion as Ctrl+C does, taking its temp with it."""

from __future__ import annotations

import fcntl
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from facilitator.cli import cli
from facilitator.paths import lock_path
from facilitator.store import Store, WrongPassphraseError
from facilitator.store.cipher import PASSPHRASE_FILE_ENV, unlock
from facilitator.store.convert import converting_name
from tests.encrypted import encrypted_database, passphrase_file

PASSPHRASE = "tea break in room 3"
MARKER = "Thyroid circle in room 4"


@pytest.fixture
def encrypted(tmp_path):
    return encrypted_database(tmp_path / "f.db", PASSPHRASE, [MARKER])


def leave_plain_copy(database):
    """What a decrypt killed midway leaves: a plain copy, and a journal beside it."""
    temp = converting_name(database)
    copy = Store(temp)
    copy.groups.create(name=MARKER, timezone="UTC")
    copy.close()
    os.chmod(temp, 0o644)
    Path(f"{temp}-journal").write_bytes(MARKER.encode() * 10)
    return temp


def leftovers(database):
    return sorted(p.name for p in database.parent.glob(f".{database.name}.converting*"))


def test_opening_the_database_removes_a_killed_decrypts_plain_copy(encrypted):
    leave_plain_copy(encrypted)
    Store(encrypted, key=unlock(encrypted, PASSPHRASE)).close()
    assert leftovers(encrypted) == []


def test_even_a_wrong_passphrase_removes_the_plain_copy(encrypted):
    leave_plain_copy(encrypted)
    with pytest.raises(WrongPassphraseError):
        unlock(encrypted, "not the passphrase")
    assert leftovers(encrypted) == []


def test_the_plain_copys_bytes_are_overwritten_before_it_is_removed(encrypted, tmp_path):
    temp = leave_plain_copy(encrypted)
    still_there = tmp_path / "another-name-of-the-same-file"
    os.link(temp, still_there)  # keeps the bytes reachable after the unlink
    unlock(encrypted, PASSPHRASE)
    assert leftovers(encrypted) == []
    assert MARKER.encode() not in still_there.read_bytes()
    assert set(still_there.read_bytes()) <= {0}


def test_check_removes_the_plain_copy_and_changes_no_byte_of_the_database(encrypted, tmp_path):
    leave_plain_copy(encrypted)
    secret = passphrase_file(tmp_path, PASSPHRASE)
    before = {p.name: p.read_bytes() for p in tmp_path.glob("f.db*")}
    result = CliRunner().invoke(
        cli, ["check", "--db", str(encrypted)], env={PASSPHRASE_FILE_ENV: str(secret)}
    )
    assert result.exit_code == 0, result.output
    assert leftovers(encrypted) == []
    assert {p.name: p.read_bytes() for p in tmp_path.glob("f.db*")} == before


def test_a_conversion_running_in_another_process_keeps_its_temp(encrypted):
    leave_plain_copy(encrypted)
    fd = os.open(lock_path(encrypted), os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)  # as convert holds it while it writes the temp
        Store(encrypted, key=unlock(encrypted, PASSPHRASE)).close()
        assert leftovers(encrypted) == [
            f".{encrypted.name}.converting",
            f".{encrypted.name}.converting-journal",
        ]
    finally:
        os.close(fd)


@pytest.mark.parametrize("signal_name", ["SIGHUP", "SIGTERM"])
def test_a_closed_terminal_stops_a_decrypt_and_removes_its_temp(encrypted, signal_name):
    script = textwrap.dedent(f"""
        import os, signal, sys
        from pathlib import Path
        from facilitator.store import convert as module
        from facilitator.store.cipher import unlock

        path = Path(sys.argv[1])
        real_export = module.export

        def export_then_hang_up(*args):
            real_export(*args)
            os.kill(os.getpid(), signal.{signal_name})

        module.export = export_then_hang_up
        try:
            module.convert(path, unlock(path, {PASSPHRASE!r}), None, "decrypt it")
        except KeyboardInterrupt:
            sys.exit(3)
    """)
    done = subprocess.run([sys.executable, "-c", script, str(encrypted)], timeout=60)
    assert done.returncode == 3
    assert list(encrypted.parent.glob(f".{encrypted.name}.converting*")) == []
    assert Store(encrypted, key=unlock(encrypted, PASSPHRASE)).groups.list()[0].name == MARKER
