"""Token sessions: what the user session API lists and revokes.

While a pool tracks sessions (SetUserPoolSessionConfiguration, UserSessionTracking ENABLED),
every authentication that issues a refresh token opens a token session for that app client;
the session is the authentication, named by the origin_jti every token of it carries, so
revoking it (store/tokens.py revoke_origin) refuses its refresh token and its access and ID
tokens wherever they are checked. A refresh marks the session used. At MaxPerUser a new
sign-in first evicts the user's least recently used sessions ([D] API reference,
UserPoolTokenSessionConfigType).

    user_sessions.opened(ctx, pool, client, sub, origin_jti, expires)   # tokens.sign_in
    user_sessions.used(ctx, pool_id, origin_jti, expires)               # tokens.refreshed
"""

from __future__ import annotations

import string

from cfn_cognito.context import Context
from cfn_cognito.idp.errors import OperationNotEnabledException
from cfn_cognito.store.user_sessions import SessionRecord

ENABLED, DISABLED = "ENABLED", "DISABLED"
# [D] GetUserPoolSessionConfiguration: the values of a pool never configured.
DEFAULT_MAX_PER_USER = 20
TOKEN_PREFIX = "tkn"
_ID_ALPHABET = string.ascii_lowercase + string.digits
_ID_LENGTH = 25   # the model's SessionIdType: ^(tkn|sso)[a-z0-9]{25}$


def pool_configuration(ctx: Context, pool_id: str) -> dict:
    """The pool's session configuration in GetUserPoolSessionConfiguration's shape."""
    doc = ctx.store.session_configurations.get(pool_id, "")
    return doc or {"UserPoolId": pool_id, "UserSessionTracking": DISABLED,
                   "TokenSession": {"MaxPerUser": DEFAULT_MAX_PER_USER}}


def tracking(ctx: Context, pool_id: str) -> bool:
    return pool_configuration(ctx, pool_id)["UserSessionTracking"] == ENABLED


def require_tracking(ctx: Context, pool_id: str) -> None:
    if not tracking(ctx, pool_id):
        raise OperationNotEnabledException(  # [U] wording
            "User session tracking is not enabled for this user pool.")


def opened(ctx: Context, pool: dict, client: dict, sub: str, origin_jti: str,
           expires: float) -> None:
    """Record the token session of a new authentication, when the pool tracks sessions."""
    config = pool_configuration(ctx, pool["Id"])
    if config["UserSessionTracking"] != ENABLED:
        return
    now = ctx.now()
    with ctx.store.write():
        active = ctx.store.user_sessions.active(pool["Id"], sub, now)
        excess = len(active) - config["TokenSession"]["MaxPerUser"] + 1
        for evicted in active[:max(excess, 0)]:
            revoke(ctx, evicted)
        ctx.store.user_sessions.add(SessionRecord(
            pool_id=pool["Id"], session_id=_new_id(ctx), origin_jti=origin_jti, sub=sub,
            client_id=client["ClientId"], created=now, last_active=now, expires=expires,
            last_ip=ctx.client_ip))


def used(ctx: Context, pool_id: str, origin_jti: str, expires: float) -> None:
    """A refresh of the session's tokens (a no-op for an untracked authentication)."""
    ctx.store.user_sessions.touch(pool_id, origin_jti, ctx.now(), expires, ctx.client_ip)


def active(ctx: Context, pool_id: str, sub: str) -> list[SessionRecord]:
    """The user's active sessions, most recently used first."""
    return list(reversed(ctx.store.user_sessions.active(pool_id, sub, ctx.now())))


def revoke(ctx: Context, record: SessionRecord) -> None:
    """Revoke every token of the session and delete its record ([D] RevokeUserSession)."""
    with ctx.store.write():
        ctx.store.tokens.revoke_origin(record.pool_id, record.origin_jti, ctx.now())
        ctx.store.user_sessions.delete(record.pool_id, record.session_id)


def shape(record: SessionRecord, current_origin: str | None = None) -> dict:
    """A SessionType of the API; IsCurrentSession says whether the caller's access token is
    of this session (always false for AdminListUserSessions, which takes none: pass None).
    Device type and location are left out: the service parses no user agent and has no
    map of addresses."""
    out = {"SessionId": record.session_id, "SessionType": "TOKEN",
           "ClientId": record.client_id, "CreateDate": record.created,
           "LastActiveDate": record.last_active}
    if record.last_ip:
        out["LastIPAddress"] = record.last_ip
    out["IsCurrentSession"] = current_origin is not None and record.origin_jti == current_origin
    return out


def _new_id(ctx: Context) -> str:
    return TOKEN_PREFIX + "".join(ctx.rng.choice(_ID_ALPHABET) for _ in range(_ID_LENGTH))
