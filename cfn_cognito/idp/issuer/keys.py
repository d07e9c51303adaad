"""Per-pool token signing keys and the pool's JWKS.

Each pool has two RSA-2048 keys, as AWS's JWKS shows: one signs ID tokens, the other access
tokens. They are made on first need (RSA key generation is slow, so not at CreateUserPool),
stored as PEM with the pool, and kept in memory once loaded (they never change).
"""

from __future__ import annotations

import base64
import hashlib
import threading
from dataclasses import dataclass

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from cfn_cognito.context import Context
from cfn_cognito.idp.userpools.pools import get_pool

ID = "id"
ACCESS = "access"
USES = (ID, ACCESS)  # JWKS order: the ID-token key first
KEY_BITS = 2048

# One generator at a time in this process: two first requests for a pool should not both pay
# for key generation. Other processes are handled by the store (first insert wins).
_GENERATING = threading.Lock()


@dataclass(frozen=True)
class SigningKey:
    use: str  # "id" or "access": the token_use this key signs
    kid: str
    private_key: rsa.RSAPrivateKey
    public_key: rsa.RSAPublicKey
    jwk: dict


def signing_key(ctx: Context, pool_id: str, use: str) -> SigningKey:
    """The key that signs `use` ("id" or "access") tokens of a pool, created on first need.

    Raises ResourceNotFoundException for an unknown pool.
    """
    return pool_keys(ctx, pool_id)[use]


def pool_keys(ctx: Context, pool_id: str) -> dict[str, SigningKey]:
    """Both keys of a pool by use, created on first need."""
    keys = _known_keys(ctx, pool_id)
    if keys is not None:
        return keys
    with _GENERATING:
        keys = _known_keys(ctx, pool_id)
        if keys is not None:
            return keys
        get_pool(ctx, pool_id)
        fresh = [(use, *_new_key()) for use in USES]
        with ctx.store.write():
            # Checked again inside the transaction: keys must not outlive a deleted pool.
            get_pool(ctx, pool_id)
            ctx.store.keys.add_missing(pool_id, fresh, ctx.now())
        return _known_keys(ctx, pool_id)


def find_key(ctx: Context, pool_id: str, kid: str) -> SigningKey | None:
    """The pool's key with this kid, or None. Never creates keys (tokens name any pool)."""
    keys = _known_keys(ctx, pool_id) or {}
    return next((key for key in keys.values() if key.kid == kid), None)


def jwks(ctx: Context, pool_id: str) -> dict:
    """The pool's JSON Web Key Set, `{"keys": [...]}`, as served at .well-known/jwks.json.

    Raises ResourceNotFoundException for an unknown pool (checked even when the keys are in
    memory: another process may have deleted the pool)."""
    get_pool(ctx, pool_id)
    keys = pool_keys(ctx, pool_id)
    return {"keys": [keys[use].jwk for use in USES]}


def _known_keys(ctx: Context, pool_id: str) -> dict[str, SigningKey] | None:
    memo = ctx.store.keys.memo
    keys = memo.get(pool_id)
    if keys is None:
        rows = ctx.store.keys.get(pool_id)
        if len(rows) < len(USES):
            return None
        keys = memo[pool_id] = {use: _load(use, kid, pem) for use, kid, pem in rows}
    return keys


def _new_key() -> tuple[str, str]:
    """(kid, private PEM) of a fresh RSA key."""
    private = rsa.generate_private_key(public_exponent=65537, key_size=KEY_BITS)
    pem = private.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption()).decode("ascii")
    return _kid(private.public_key()), pem


def _kid(public: rsa.RSAPublicKey) -> str:
    """Standard base64 (padded, 44 chars) of the SHA-256 of the public key, as AWS's look."""
    der = public.public_bytes(serialization.Encoding.DER,
                              serialization.PublicFormat.SubjectPublicKeyInfo)
    return base64.b64encode(hashlib.sha256(der).digest()).decode("ascii")


def _load(use: str, kid: str, pem: str) -> SigningKey:
    # We made and stored these keys ourselves: skip the costly consistency checks.
    private = serialization.load_pem_private_key(pem.encode("ascii"), password=None,
                                                 unsafe_skip_rsa_key_validation=True)
    public = private.public_key()
    numbers = public.public_numbers()
    jwk = {"alg": "RS256", "e": _b64url_int(numbers.e), "kid": kid, "kty": "RSA",
           "n": _b64url_int(numbers.n), "use": "sig"}
    return SigningKey(use=use, kid=kid, private_key=private, public_key=public, jwk=jwk)


def _b64url_int(value: int) -> str:
    raw = value.to_bytes((value.bit_length() + 7) // 8, "big")
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")
