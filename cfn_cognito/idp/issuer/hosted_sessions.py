"""Hosted UI sessions: the `cognito` cookie that lets a browser that signed in go through
/oauth2/authorize again without the form, for AWS's fixed hour. The cookie holds a random id;
the store keeps only its SHA-256."""

from __future__ import annotations

import base64
import hashlib

from cfn_cognito.context import Context
from cfn_cognito.store.oauth import SessionRecord

COOKIE = "cognito"
LIFETIME_SECONDS = 3600
_ID_BYTES = 32


def _hash(session_id: str) -> str:
    return hashlib.sha256(session_id.encode("utf-8", "surrogatepass")).hexdigest()


def start(ctx: Context, pool_id: str, sub: str, *, confirming: bool = False) -> str:
    """A new session for a user who just signed in (or, `confirming`, who just signed up and
    has a code to enter); returns the cookie value."""
    session_id = base64.urlsafe_b64encode(
        ctx.rng.getrandbits(_ID_BYTES * 8).to_bytes(_ID_BYTES, "big")).rstrip(b"=").decode()
    now = ctx.now()
    ctx.store.oauth.add_session(_hash(session_id), SessionRecord(
        pool_id=pool_id, sub=sub, auth_time=int(now), expires=now + LIFETIME_SECONDS,
        confirming=confirming), now)
    return session_id


def current(ctx: Context, session_id: str | None, pool_id: str) -> SessionRecord | None:
    """The live session of this pool the cookie names, or None."""
    if not session_id:
        return None
    record = ctx.store.oauth.session(_hash(session_id))
    if record is None or record.pool_id != pool_id or ctx.now() >= record.expires:
        return None
    return record


def end(ctx: Context, session_id: str | None) -> None:
    if session_id:
        ctx.store.oauth.delete_session(_hash(session_id))
