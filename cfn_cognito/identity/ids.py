"""Identifiers and secrets in the forms AWS gives them."""

from __future__ import annotations

import base64
import string
import uuid

_UPPER_ALNUM = string.ascii_uppercase + string.digits
_SECRET_ALPHABET = string.ascii_letters + string.digits + "+/"


def _uuid(rng) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def identity_pool_id(rng, region: str) -> str:
    """`{region}:{uuid}`, e.g. `us-east-1:0b5a7c3e-...`."""
    return f"{region}:{_uuid(rng)}"


def identity_id(rng, region: str) -> str:
    """`{region}:{uuid}`, the same form as a pool's."""
    return f"{region}:{_uuid(rng)}"


def identity_pool_arn(region: str, account: str, pool_id: str) -> str:
    return f"arn:aws:cognito-identity:{region}:{account}:identitypool/{pool_id}"


def region_of(an_id: str) -> str:
    """The region an identity (pool) id or a user pool id starts with."""
    return an_id.split(":", 1)[0].split("_", 1)[0]


def access_key_id(rng) -> str:
    """A temporary access key id: `ASIA` + 16 uppercase alphanumerics, as STS gives them."""
    return "ASIA" + "".join(rng.choice(_UPPER_ALNUM) for _ in range(16))


def secret_key(rng) -> str:
    """40 characters of base64's alphabet, as AWS secret keys look."""
    return "".join(rng.choice(_SECRET_ALPHABET) for _ in range(40))


def session_token(rng) -> str:
    """An opaque session token (base64 of 240 random bytes)."""
    return base64.b64encode(rng.getrandbits(240 * 8).to_bytes(240, "big")).decode("ascii")
