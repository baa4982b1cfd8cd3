"""The lock PIN: what a facilitator types to unlock the app or take it out of door mode.

Kept as a salted scrypt hash, never as the digits, so a copy of the file does not tell it."""

from __future__ import annotations

import hashlib
import hmac
import secrets

from facilitator.core.errors import InputError

_SCRYPT = {"n": 2**14, "r": 8, "p": 1}


def check_pin(text: str) -> str:
    """A PIN is 4 to 8 ASCII digits: check_pin(" 2468 ") -> "2468"."""
    pin = text.strip()
    if not (4 <= len(pin) <= 8 and pin.isascii() and pin.isdigit()):
        raise InputError("must be 4 to 8 digits (0-9)", "lock PIN")
    return pin


def hash_pin(pin: str, salt: bytes | None = None) -> str:
    """What is stored for a PIN: "scrypt$<salt hex>$<hash hex>"."""
    salt = salt if salt is not None else secrets.token_bytes(16)
    digest = hashlib.scrypt(check_pin(pin).encode(), salt=salt, **_SCRYPT)
    return f"scrypt${salt.hex()}${digest.hex()}"


def pin_matches(pin: str, stored: str) -> bool:
    """Whether a typed PIN is the one stored (compared in constant time)."""
    try:
        _kind, salt, _digest = stored.split("$")
        expected = hash_pin(pin, bytes.fromhex(salt))
    except (ValueError, InputError):
        return False
    return hmac.compare_digest(expected, stored)
