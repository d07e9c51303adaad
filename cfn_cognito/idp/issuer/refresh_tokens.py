"""Refresh tokens: opaque, shaped like AWS's, remembered by hash, revocable and rotatable.

A token looks like AWS's (a JWE in compact form: the fixed header
{"cty":"JWT","enc":"A256GCM","alg":"RSA-OAEP"}, a 256-byte key, 12-byte IV, ciphertext and
16-byte tag) but is random bytes: nothing is encrypted in it, the store holds what it stands
for under its SHA-256.

    token = refresh_tokens.create(ctx, pool_id=..., client=..., sub=..., username=...,
                                  origin_jti=..., event_id=..., auth_time=...)
    record = refresh_tokens.lookup(ctx, token, client_id)     # RefreshRecord, or raises
    new_token = refresh_tokens.replace(ctx, record, client)  # rotation
    refresh_tokens.revoke(ctx, record)                        # RevokeToken
    refresh_tokens.revoke_all_for_user(ctx, pool_id, sub)    # GlobalSignOut
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import replace as _replace

from cfn_cognito.context import Context
from cfn_cognito.idp.appclients.clients import token_validity_seconds
from cfn_cognito.idp.errors import NotAuthorizedException, RefreshTokenReuseException
from cfn_cognito.store.tokens import RefreshRecord

__all__ = ["RefreshRecord", "create", "lookup", "replace", "revoke", "revoke_all_for_user"]

HEADER = "eyJjdHkiOiJKV1QiLCJlbmMiOiJBMjU2R0NNIiwiYWxnIjoiUlNBLU9BRVAifQ"
# Sizes of the encrypted key, IV, ciphertext and tag segments (bytes).
SEGMENT_BYTES = (256, 12, 1024, 16)


def create(ctx: Context, *, pool_id: str, client: dict, sub: str, username: str,
           origin_jti: str, event_id: str, auth_time: float) -> str:
    """A new refresh token for a sign-in, valid for the client's RefreshTokenValidity."""
    now = ctx.now()
    token = _new_token(ctx.rng)
    ctx.store.tokens.add_refresh(RefreshRecord(
        token_hash=_hash(token), pool_id=pool_id, client_id=client["ClientId"], sub=sub,
        username=username, origin_jti=origin_jti, event_id=event_id,
        auth_time=int(auth_time), created=now,
        expires=now + token_validity_seconds(client, "RefreshToken")))
    return token


def lookup(ctx: Context, token: str, client_id: str) -> RefreshRecord:
    """The record of a usable refresh token of this client, else NotAuthorizedException
    ("Invalid Refresh Token", "Refresh Token has different Client", "Refresh Token has been
    revoked", "Refresh Token has expired")
    or RefreshTokenReuseException (a rotated-out token after its grace period)."""
    record = ctx.store.tokens.refresh(_hash(token)) if _well_formed(token) else None
    if record is not None and record.client_id != client_id \
            and ctx.store.clients.get(record.pool_id, client_id) is not None:
        # Another client of the same pool: AWS's words since 2022 (aws/aws-sdk-js#4016).
        raise NotAuthorizedException("Refresh Token has different Client")
    _check(record, client_id, ctx.now())
    return record


def replace(ctx: Context, record: RefreshRecord, client: dict) -> str:
    """Rotation: a new refresh token for the same sign-in; the old one keeps working for the
    client's RetryGracePeriodSeconds (0 by default), then gives RefreshTokenReuseException."""
    grace = (client.get("RefreshTokenRotation") or {}).get("RetryGracePeriodSeconds") or 0
    with ctx.store.write():
        # Again under the write lock: two rotations of one token must not both pass.
        current = ctx.store.tokens.refresh(record.token_hash)
        now = ctx.now()
        _check(current, client["ClientId"], now)
        ctx.store.tokens.mark_replaced(record.token_hash, now + grace)
        token = _new_token(ctx.rng)
        ctx.store.tokens.add_refresh(_replace(
            current, token_hash=_hash(token), created=now, revoked=False, grace_until=None,
            expires=now + token_validity_seconds(client, "RefreshToken")))
    return token


def revoke(ctx: Context, record: RefreshRecord) -> None:
    """Revoke a refresh token, the tokens rotated from the same sign-in, and every access
    token they gave (all share its origin_jti)."""
    ctx.store.tokens.revoke_origin(record.pool_id, record.origin_jti, ctx.now())


def revoke_all_for_user(ctx: Context, pool_id: str, sub: str, now: float | None = None) -> None:
    """Global sign-out: every refresh token of the user is revoked, and access tokens issued
    before now stop working."""
    ctx.store.tokens.revoke_user(pool_id, sub, ctx.now() if now is None else now)


def _check(record: RefreshRecord | None, client_id: str, now: float) -> None:
    if record is None or record.client_id != client_id:
        raise NotAuthorizedException("Invalid Refresh Token")
    if record.revoked:
        raise NotAuthorizedException("Refresh Token has been revoked")
    if record.grace_until is not None and now >= record.grace_until:
        raise RefreshTokenReuseException("Refresh Token has already been used")
    if now >= record.expires:
        raise NotAuthorizedException("Refresh Token has expired")


def _new_token(rng) -> str:
    segments = [HEADER]
    for size in SEGMENT_BYTES:
        raw = rng.getrandbits(size * 8).to_bytes(size, "big")
        segments.append(base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii"))
    return ".".join(segments)


def _well_formed(token) -> bool:
    if not isinstance(token, str):
        return False
    parts = token.split(".")
    return len(parts) == 5 and parts[0] == HEADER


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()
