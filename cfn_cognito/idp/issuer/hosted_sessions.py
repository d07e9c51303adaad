"""Hosted UI sessions: the `cognito` cookie that lets a browser that signed in go through
/oauth2/authorize again without the form, for AWS's fixed hour. The cookie holds a random id;
the store keeps only its SHA-256."""

from __future__ import annotations

import base64
import hashlib

from cfn_cognito.context import Context
from cfn_cognito.idp.issuer import user_sessions
from cfn_cognito.store.oauth import SessionRecord

COOKIE = "cognito"
LIFETIME_SECONDS = 3600
_ID_BYTES = 32


def _hash(session_id: str) -> str:
    return hashlib.sha256(session_id.encode("utf-8", "surrogatepass")).hexdigest()


def start(ctx: Context, pool_id: str, sub: str, *, confirming: bool = False,
          client_id: str | None = None) -> str:
    """A new session for a user who just signed in through `client_id` (or, `confirming`,
    who just signed up and has a code to enter); returns the cookie value. A sign-in is an
    SSO session of the user session API when the pool tracks sessions."""
    session_id = base64.urlsafe_b64encode(
        ctx.rng.getrandbits(_ID_BYTES * 8).to_bytes(_ID_BYTES, "big")).rstrip(b"=").decode()
    now = ctx.now()
    with ctx.store.write():
        ctx.store.oauth.add_session(_hash(session_id), SessionRecord(
            pool_id=pool_id, sub=sub, auth_time=int(now), expires=now + LIFETIME_SECONDS,
            confirming=confirming), now)
        if not confirming and client_id:
            user_sessions.opened_sso(ctx, pool_id, client_id, sub, _hash(session_id),
                                     now + LIFETIME_SECONDS)
    return session_id


def current(ctx: Context, session_id: str | None, pool_id: str,
            client_id: str | None = None) -> SessionRecord | None:
    """The live session of this pool the cookie names, or None; with `client_id`, only if
    it may sign the user in to that client without the form (user_sessions.sso_reusable)."""
    if not session_id:
        return None
    record = ctx.store.oauth.session(_hash(session_id))
    if record is None or record.pool_id != pool_id or ctx.now() >= record.expires:
        return None
    if client_id and not record.confirming and not user_sessions.sso_reusable(
            ctx, pool_id, client_id, _hash(session_id), record.auth_time):
        return None
    return record


def sso_session_id(ctx: Context, session_id: str | None, pool_id: str) -> str | None:
    """The SSO session id (sso...) of the cookie's session, when the pool tracks it."""
    if not session_id:
        return None
    record = user_sessions.sso_session(ctx, pool_id, _hash(session_id))
    return record.session_id if record else None


def end(ctx: Context, session_id: str | None) -> None:
    if session_id:
        with ctx.store.write():
            ctx.store.oauth.delete_session(_hash(session_id))
            user_sessions.ended_sso(ctx, _hash(session_id))
