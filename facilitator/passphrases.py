"""Where the CLI gets a passphrase: the terminal, or for scripts the file named by
FACILITATOR_PASSPHRASE_FILE (one passphrase a line; a line after a new passphrase, if any,
repeats it; the file is 0600). Never an argument or a variable's value,
so it is not in the shell's history, `ps`, or the environment a crash report may show."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from facilitator.store.cipher import (
    LONGEST,
    PASSPHRASE_FILE_ENV,
    Key,
    PassphraseNeededError,
    is_encrypted,
    not_too_long,
    passphrase_file_lines,
    read_passphrase_file,
    unlock,
)
from facilitator.store.connection import StoreError


def ask(prompt: str, line: int = 1) -> str:
    """One passphrase: the line'th of the passphrase file, else typed unseen on a terminal."""
    from_file = read_passphrase_file(line)
    if from_file is not None:
        return not_too_long(from_file[line - 1])
    _need_terminal()
    return not_too_long(click.prompt(prompt, hide_input=True, err=True))


def ask_new(line: int = 1) -> str:
    """A new passphrase: typed twice on a terminal, or the line'th of the passphrase file;
    the line after it, when there is one, repeats it (the confirmation) or nothing is done."""
    from_file = read_passphrase_file(line)
    if from_file is not None:
        new = from_file[line - 1]
        following = (passphrase_file_lines() or [])[line : line + 1]
        if following and following[0] != new:
            raise StoreError(
                f"line {line + 1} of the passphrase file repeats the new passphrase on line "
                f"{line}, and it differs; nothing was changed"
            )
        return not_too_long(new)
    _need_terminal()
    return click.prompt(
        f"New passphrase (8 to {LONGEST:,} characters; without it the data cannot be read)",
        hide_input=True,
        confirmation_prompt="The same passphrase again",
        err=True,
    )


def key_for(path: Path) -> Key | None:
    """The key of an encrypted database: from the passphrase file when one is named, else
    from the passphrase remembered on this computer, else asked for; None for a plain one."""
    if not is_encrypted(path):
        return None
    if not os.environ.get(PASSPHRASE_FILE_ENV):
        from facilitator import remembered

        key = remembered.remembered_key(path)
        if key is not None:
            return key
    return unlock(path, ask(f"Passphrase for {path.name}"))


def on_terminal() -> bool:
    """Whether a person can type a passphrase here (not a script's pipe)."""
    return sys.stdin.isatty()


def _need_terminal() -> None:
    if not on_terminal():
        raise PassphraseNeededError(
            "a passphrase is needed: type it on a terminal, or (for scripts) name a file "
            f"holding it in {PASSPHRASE_FILE_ENV}; nothing was changed"
        )
