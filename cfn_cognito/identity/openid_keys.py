"""The key that signs this service's OpenID tokens (GetOpenIdToken*), and its JWKS.

One RSA key for the whole service, as cognito-identity has one key set per region: made on
first need, stored, and parsed once per process. AWS signs these tokens RS512 and names
its keys `<region>-<n>`; so do we.
"""

from __future__ import annotations

import base64
import threading
from dataclasses import dataclass

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from cfn_cognito.context import Context

ALGORITHM = "RS512"
KEY_BITS = 2048
_GENERATING = threading.Lock()


@dataclass(frozen=True)
class OpenIdKey:
    kid: str
    private_key: rsa.RSAPrivateKey
    public_key: rsa.RSAPublicKey
    jwk: dict


def signing_key(ctx: Context) -> OpenIdKey:
    """The service's OpenID token key, created on first need."""
    key = _known_key(ctx)
    if key is not None:
        return key
    with _GENERATING:
        key = _known_key(ctx)
        if key is None:
            private = rsa.generate_private_key(public_exponent=65537, key_size=KEY_BITS)
            pem = private.private_bytes(serialization.Encoding.PEM,
                                        serialization.PrivateFormat.PKCS8,
                                        serialization.NoEncryption()).decode("ascii")
            kid = f"{ctx.settings.region}-{ctx.rng.randrange(1, 1000)}"
            ctx.store.identity.add_signing_key(kid, pem, ctx.now())
            key = _known_key(ctx)
        return key


def find_key(ctx: Context, kid: str) -> OpenIdKey | None:
    """The key with this kid, or None (never creates one)."""
    key = _known_key(ctx)
    return key if key is not None and key.kid == kid else None


def jwks(ctx: Context) -> dict:
    """`{"keys": [...]}` as served at `.well-known/jwks_uri`."""
    return {"keys": [signing_key(ctx).jwk]}


def _known_key(ctx: Context) -> OpenIdKey | None:
    # The stored key is read on every use (one small row): another worker process, or an
    # instance sharing the database, may have reset the store and made a new key; only the
    # parsing is kept, by kid.
    stored = ctx.store.identity.signing_key()
    if stored is None:
        return None
    memo = ctx.store.identity.key_memo
    key = memo.get(stored[0])
    if key is None:
        key = memo[stored[0]] = _load(*stored)
    return key


def _load(kid: str, pem: str) -> OpenIdKey:
    private = serialization.load_pem_private_key(pem.encode("ascii"), password=None,
                                                 unsafe_skip_rsa_key_validation=True)
    public = private.public_key()
    numbers = public.public_numbers()
    jwk = {"kty": "RSA", "alg": ALGORITHM, "use": "sig", "kid": kid,
           "n": _b64url_int(numbers.n), "e": _b64url_int(numbers.e)}
    return OpenIdKey(kid=kid, private_key=private, public_key=public, jwk=jwk)


def _b64url_int(value: int) -> str:
    raw = value.to_bytes((value.bit_length() + 7) // 8, "big")
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")
