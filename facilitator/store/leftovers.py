"""The temp file a conversion (encrypt, decrypt, a new passphrase) writes beside the database,
and its removal when a killed run left it: a decrypt's temp holds the data in plain text.

A conversion stopped by Ctrl+C, a closed terminal (SIGHUP) or SIGTERM removes its own temp
(store/convert.py). Only kill -9, a crash or a power cut leave it; then the next opening of the
database (Store, cipher.unlock, a conversion) removes it, unless another process holds the
database's lock: that may be a conversion writing it now.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
from collections.abc import Iterator
from pathlib import Path

from facilitator.paths import lock_path
from facilitator.store.connection import SIDE_FILES

# Overwriting costs one sequential write of the file, cheap beside the conversion that wrote
# it; past this size the leftover is only unlinked, so opening never stalls for long. On an SSD
# or a copy-on-write file system the old blocks may survive anyway: this narrows, not erases.
OVERWRITE_AT_MOST = 256 * 1024 * 1024
_CHUNK = 1024 * 1024


def converting_name(path: Path) -> Path:
    """The temp a conversion writes: one fixed name, so a killed run's leftover is found."""
    return path.with_name(f".{path.name}.converting")


def remove_with_sides(path: Path) -> None:
    for suffix in ("", *SIDE_FILES):
        with contextlib.suppress(FileNotFoundError):
            Path(f"{path}{suffix}").unlink()


def remove_conversion_leftovers(database: Path) -> None:
    """Overwrite and remove a killed conversion's temp beside database, if there is one and
    no other process may be writing it. Changes no byte of the database or its side files."""
    temp = converting_name(Path(database))
    found = [Path(f"{temp}{suffix}") for suffix in ("", *SIDE_FILES)]
    found = [path for path in found if os.path.lexists(path)]
    if not found:
        return
    with _nobody_converting(Path(database)) as free:
        if free:
            for path in found:
                _erase(path)


@contextlib.contextmanager
def _nobody_converting(database: Path) -> Iterator[bool]:
    """True while no other process can be converting database: its lock is free, or this
    process's app holds it (then no other process can take it to convert)."""
    from facilitator.store.lock import holds_app_lock

    if holds_app_lock(database):
        yield True
        return
    try:
        fd = os.open(lock_path(database), os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC)
    except FileNotFoundError:
        yield True  # no lock file: no conversion ever ran with this one, none is running
        return
    except OSError:
        yield False
        return
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
            return
        yield True
    finally:
        os.close(fd)


def _erase(path: Path) -> None:
    with contextlib.suppress(OSError):  # read-only media, a file gone meanwhile: leave it
        _overwrite(path)
    with contextlib.suppress(OSError):
        path.unlink()


def _overwrite(path: Path) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_NOFOLLOW | os.O_CLOEXEC)
    try:
        size = os.fstat(fd).st_size
        if size > OVERWRITE_AT_MOST:
            return
        zeros = bytes(_CHUNK)
        done = 0
        while done < size:
            done += os.write(fd, zeros[: min(_CHUNK, size - done)])
        os.fsync(fd)
    finally:
        os.close(fd)
