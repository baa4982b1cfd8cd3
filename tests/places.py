"""Real places a database can be found in: read-only media, a full disk, a locked folder.

Each is the real thing, not a stand-in: a read-only bind mount, a small tmpfs filled to the
last byte (both need the mount privilege, as CI's container has), and a folder its owner may
not write (which root ignores). A test skips only where the machine cannot make the place.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest


def fingerprint(path: Path) -> dict[str, str]:
    """The hash of a database and of each side file beside it: what must not change."""
    found = {}
    for suffix in ("", "-wal", "-shm", "-journal"):
        side = Path(f"{path}{suffix}")
        if side.exists():
            found[side.name] = hashlib.sha256(side.read_bytes()).hexdigest()
    return found


def _mount(*arguments: str) -> None:
    # CI's machine can mount (it runs as root): there a missing mount fails, never skips.
    cannot = pytest.fail if os.environ.get("CI") else pytest.skip
    if shutil.which("mount") is None:
        cannot("this machine has no mount command")
    result = subprocess.run(["mount", *arguments], capture_output=True, text=True)
    if result.returncode != 0:
        cannot(f"this machine cannot mount here: {result.stderr.strip()}")


@contextlib.contextmanager
def read_only_media(database: Path, folder: Path) -> Iterator[Path]:
    """database, copied onto read-only media mounted at folder; yields the copy's path."""
    source = folder.with_name(folder.name + "-source")
    source.mkdir()
    shutil.copy(database, source / database.name)  # a closed database: one self-contained file
    folder.mkdir()
    _mount("--bind", str(source), str(folder))
    try:
        _mount("-o", "remount,bind,ro", str(folder))
        yield folder / database.name
    finally:
        subprocess.run(["umount", "--lazy", str(folder)], check=True)  # even if still open


@contextlib.contextmanager
def full_disk(database: Path, folder: Path) -> Iterator[Path]:
    """database, copied onto a small disk then filled to its last byte; yields the copy."""
    folder.mkdir()
    size = database.stat().st_size * 3 + 1_000_000
    _mount("-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder))
    try:
        shutil.copy(database, folder / database.name)
        filler = os.open(folder / "filler", os.O_WRONLY | os.O_CREAT, 0o600)
        try:
            for block in (65536, 1):  # then the last few bytes
                with contextlib.suppress(OSError):  # ENOSPC: the disk is full
                    while os.write(filler, b"\0" * block):
                        pass
        finally:
            os.close(filler)
        yield folder / database.name
    finally:
        subprocess.run(["umount", "--lazy", str(folder)], check=True)  # even if still open


ROOT = Path(__file__).resolve().parent.parent
ORDINARY_USER = "nobody"


def ran_as_ordinary_user(request: pytest.FixtureRequest) -> bool:
    """Root reads and writes any file, so a test of permissions means nothing as root (CI
    runs as root): there it runs again as nobody, in a process of its own, and passes or
    fails with it (True: done). As an ordinary user it runs here (False)."""
    if os.geteuid() != 0:
        return False
    drop = ("setpriv", f"--reuid={ORDINARY_USER}", "--regid=nogroup", "--clear-groups")
    probe = subprocess.run([*drop, sys.executable, "-c", "import pytest, facilitator"], cwd="/")
    if probe.returncode != 0:  # a checkout (or venv) in a folder only root may enter
        pytest.skip(f"{ORDINARY_USER} cannot run this checkout's Python: run as an ordinary user")
    command = [
        *drop,
        *(sys.executable, "-m", "pytest", "-p", "no:cacheprovider", request.node.nodeid),
    ]
    env = os.environ | {"HOME": "/tmp"}
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, env=env)
    said = f"as {ORDINARY_USER}:\n{result.stdout[-4000:]}{result.stderr}"
    assert result.returncode == 0 and "1 passed" in result.stdout, said
    return True


@contextlib.contextmanager
def read_only_folder(database: Path) -> Iterator[Path]:
    """database in a folder (and as a file) its owner may only read (see ran_as_ordinary_user)."""
    folder = database.parent
    os.chmod(database, 0o400)
    os.chmod(folder, 0o500)
    try:
        yield database
    finally:
        os.chmod(folder, 0o700)
        os.chmod(database, 0o600)
