"""In a real terminal, everything the app draws goes to the terminal's alternate screen, so
nothing of it (an alias, a check-in) is left in the scrollback once it locks or quits."""

from __future__ import annotations

import fcntl
import os
import pty
import select
import struct
import subprocess
import sys
import termios
import time

from facilitator.store import Store
from tests.conftest import FROZEN_NOW

ENTER_ALTERNATE, LEAVE_ALTERNATE = b"\x1b[?1049h", b"\x1b[?1049l"
NAME = b"zebedee-circle.db"  # the file's name, in the header of the first screen


def read_until(fd: int, wanted: bytes, seen: bytearray, seconds: float = 30) -> bool:
    """Read the terminal's output into seen until wanted shows up (True) or time runs out."""
    deadline = time.monotonic() + seconds
    while wanted not in seen and time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.2)
        if ready:
            try:
                seen += os.read(fd, 65536)
            except OSError:  # the app closed the terminal
                break
    return wanted in seen


def test_the_app_draws_only_on_the_alternate_screen_so_the_scrollback_keeps_nothing(tmp_path):
    path = tmp_path / NAME.decode()
    Store(path, now=lambda: FROZEN_NOW).close()
    main, child = pty.openpty()
    fcntl.ioctl(child, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "80", "LINES": "24"}
    app = subprocess.Popen(
        [sys.executable, "-m", "facilitator", "--db", str(path)],
        stdin=child,
        stdout=child,
        stderr=child,
        env=env,
        start_new_session=True,
    )
    os.close(child)
    seen = bytearray()
    try:
        assert read_until(main, NAME, seen), bytes(seen[-500:])
        os.write(main, b"\x0c")  # ctrl+l: locked
        assert read_until(main, b"Locked", seen)
        os.write(main, b"\r")  # no lock PIN is set: Enter unlocks
        time.sleep(0.5)
        os.write(main, b"\x11")  # ctrl+q
        read_until(main, LEAVE_ALTERNATE, seen)
        assert app.wait(timeout=30) == 0
    finally:
        if app.poll() is None:
            app.kill()
        os.close(main)
    output = bytes(seen)
    entered, left = output.find(ENTER_ALTERNATE), output.rfind(LEAVE_ALTERNATE)
    assert 0 <= entered < output.find(NAME)
    assert output.rfind(NAME) < left
    assert NAME not in output[left:]
