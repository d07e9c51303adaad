"""Identifiers in the forms AWS gives them."""

from __future__ import annotations

import base64
import string

_ALNUM = string.ascii_letters + string.digits
_LOWER_ALNUM = string.ascii_lowercase + string.digits


def pool_id(rng, region: str) -> str:
    """`{region}_{9 alphanumerics}`, e.g. `us-east-1_gMChMjwSW`."""
    return f"{region}_" + "".join(rng.choice(_ALNUM) for _ in range(9))


def client_id(rng) -> str:
    """26 lowercase characters as AWS's look: base32hex (0-9a-v) of 128 random bits."""
    raw = rng.getrandbits(128).to_bytes(16, "big")
    return base64.b32hexencode(raw).decode().rstrip("=").lower()[:26]


def client_secret(rng) -> str:
    """A generated app client secret: 51 lowercase alphanumerics."""
    return "".join(rng.choice(_LOWER_ALNUM) for _ in range(51))


def pool_arn(region: str, account: str, pool: str) -> str:
    return f"arn:aws:cognito-idp:{region}:{account}:userpool/{pool}"
