"""Encrypted databases and passphrase files, made one way for every test: the store's, the
command line's and the app's tests set an encrypted file up alike."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from facilitator.store import Store
from facilitator.store.cipher import Key, unlock
from facilitator.store.convert import convert


def encrypted_database(path: Path, passphrase: str, groups: Iterable[str] = ()) -> Path:
    """A new database at path holding these groups, then encrypted with the passphrase."""
    store = Store(path)
    for name in groups:
        store.groups.create(name=name, timezone="UTC")
    store.close()
    convert(path, None, Key.new(passphrase), "encrypt it")
    return path


def open_encrypted(path: Path, passphrase: str, **options) -> Store:
    """The store on an encrypted file, opened with its passphrase."""
    return Store(path, key=unlock(path, passphrase), **options)


def passphrase_file(folder: Path, *lines: str, mode: int = 0o600) -> Path:
    """folder/passphrase.txt as a script keeps it: one passphrase a line, the owner's alone."""
    secret = folder / "passphrase.txt"
    secret.write_text("".join(f"{line}\n" for line in lines), encoding="utf-8")
    secret.chmod(mode)
    return secret


def one_line_error(result) -> str:
    """A command's refusal: a non-zero exit and one line on stderr, never a traceback."""
    assert result.exit_code != 0, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.output
    return lines[0]
