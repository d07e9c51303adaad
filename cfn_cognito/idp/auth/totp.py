"""RFC 6238 TOTP as authenticator apps compute it: HMAC-SHA-1, 30-second steps, 6 digits.

Secrets are base32 (no padding), 20 random bytes, as AssociateSoftwareToken's SecretCode.
A code is accepted for the step it was made in and one step either side (clock skew).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import struct

STEP_SECONDS = 30
DIGITS = 6
SKEW_STEPS = 1
SECRET_BYTES = 20


def new_secret(rng) -> str:
    """A fresh base32 secret (32 characters) from `rng`."""
    return base64.b32encode(rng.randbytes(SECRET_BYTES)).decode("ascii").rstrip("=")


def _key(secret: str) -> bytes:
    padded = secret.upper() + "=" * (-len(secret) % 8)
    return base64.b32decode(padded)


def code_at(secret: str, when: float) -> str:
    """The code an authenticator shows at epoch second `when`."""
    return _hotp(_key(secret), int(when) // STEP_SECONDS)


def _hotp(key: bytes, counter: int) -> str:
    digest = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset:offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 10 ** DIGITS:0{DIGITS}d}"


def matches(secret: str, code: str, now: float) -> bool:
    """Whether `code` is the secret's code at `now`, give or take one step."""
    if not secret or not code or len(code) != DIGITS or not code.isdigit():
        return False
    try:
        key = _key(secret)
    except (binascii.Error, ValueError):
        return False
    step = int(now) // STEP_SECONDS
    return any(hmac.compare_digest(_hotp(key, step + d), code)
               for d in range(-SKEW_STEPS, SKEW_STEPS + 1))
