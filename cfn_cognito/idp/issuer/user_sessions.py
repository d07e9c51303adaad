"""Sessions: what the user session API lists and revokes.

While a pool tracks sessions (SetUserPoolSessionConfiguration, UserSessionTracking ENABLED):
- every authentication that issues a refresh token opens a token session for that app
  client; the session is the authentication, named by the origin_jti every token of it
  carries, so revoking it (store/tokens.py revoke_origin) refuses its refresh token and its
  access and ID tokens wherever they are checked. A refresh marks it used. At MaxPerUser a
  new sign-in first evicts the user's least recently used token sessions ([D] API
  reference, UserPoolTokenSessionConfigType);
- every hosted UI sign-in opens an SSO session (the browser's `cognito` cookie,
  issuer/hosted_sessions.py); token sessions of codes issued in it name it as their
  OriginSessionId. Revoking it ends the cookie. Linked sessions ([U] RevokeAssociatedSessions
  LINKED) are an SSO session and the token sessions that came through it.

    user_sessions.opened(ctx, pool, client, sub, origin_jti, expires)   # tokens.sign_in
    user_sessions.used(ctx, pool_id, origin_jti, expires)               # tokens.refreshed
    user_sessions.opened_sso(ctx, pool_id, client_id, sub, id_hash, expires)
"""

from __future__ import annotations

import string

from cfn_cognito.context import Context
from cfn_cognito.idp.errors import OperationNotEnabledException
from cfn_cognito.store.user_sessions import SSO_ORIGIN, SSO_PREFIX, SessionRecord

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
           expires: float, origin_session: str | None = None) -> None:
    """Record the token session of a new authentication, when the pool tracks sessions;
    `origin_session` is the SSO session it came through."""
    config = pool_configuration(ctx, pool["Id"])
    if config["UserSessionTracking"] != ENABLED:
        return
    now = ctx.now()
    with ctx.store.write():
        active = [s for s in ctx.store.user_sessions.active(pool["Id"], sub, now)
                  if not s.is_sso]
        excess = len(active) - config["TokenSession"]["MaxPerUser"] + 1
        for evicted in active[:max(excess, 0)]:
            revoke(ctx, evicted)
        ctx.store.user_sessions.add(SessionRecord(
            pool_id=pool["Id"], session_id=_new_id(ctx, TOKEN_PREFIX), origin_jti=origin_jti,
            sub=sub, client_id=client["ClientId"], created=now, last_active=now,
            expires=expires, last_ip=ctx.client_ip, origin_session=origin_session or ""))


def opened_sso(ctx: Context, pool_id: str, client_id: str, sub: str, id_hash: str,
               expires: float) -> None:
    """Record the SSO session of a hosted UI sign-in (its cookie's id_hash), when tracked."""
    if not tracking(ctx, pool_id):
        return
    now = ctx.now()
    ctx.store.user_sessions.add(SessionRecord(
        pool_id=pool_id, session_id=_new_id(ctx, SSO_PREFIX), origin_jti=SSO_ORIGIN + id_hash,
        sub=sub, client_id=client_id, created=now, last_active=now, expires=expires,
        last_ip=ctx.client_ip))


def ended_sso(ctx: Context, id_hash: str) -> None:
    """Forget the SSO session of a hosted UI session that ended (sign-out, a new sign-in)."""
    ctx.store.user_sessions.delete_origin(SSO_ORIGIN + id_hash)


def sso_session(ctx: Context, pool_id: str, id_hash: str) -> SessionRecord | None:
    """The SSO session record of a hosted UI session, if it is tracked."""
    return ctx.store.user_sessions.by_origin(pool_id, SSO_ORIGIN + id_hash)


def sso_reusable(ctx: Context, pool_id: str, client_id: str, id_hash: str,
                 auth_time: float) -> bool:
    """Whether a hosted UI session may sign the user in to `client_id` without the form:
    its SSO session not revoked, and younger than the client's SSO MaxValidityMinutes
    ([D] SetUserPoolClientSessionConfiguration: "the maximum validity period for silent
    reuse of an SSO session"). Untracked pools (and sessions from before tracking) keep the
    hosted UI's hour."""
    if not tracking(ctx, pool_id):
        return True
    record = sso_session(ctx, pool_id, id_hash)
    if record is None:
        # Started before tracking was turned on (a revoked one has no cookie session left).
        return True
    doc = ctx.store.session_configurations.get(pool_id, client_id)
    if doc is not None and ctx.now() - auth_time > 60 * doc["SSOSession"]["MaxValidityMinutes"]:
        return False
    ctx.store.user_sessions.touch(pool_id, record.origin_jti, ctx.now(), record.expires,
                                  ctx.client_ip)
    return True


def linked(ctx: Context, record: SessionRecord) -> list[SessionRecord]:
    """The session and those linked to it: an SSO session with the token sessions that came
    through it (for a token session, its SSO session's)."""
    sso_id = record.session_id if record.is_sso else record.origin_session
    if not sso_id:
        return [record]
    group = [s for s in active(ctx, record.pool_id, record.sub)
             if s.session_id == sso_id or s.origin_session == sso_id]
    return group if record in group else [record, *group]


def used(ctx: Context, pool_id: str, origin_jti: str, expires: float) -> None:
    """A refresh of the session's tokens (a no-op for an untracked authentication)."""
    ctx.store.user_sessions.touch(pool_id, origin_jti, ctx.now(), expires, ctx.client_ip)


def active(ctx: Context, pool_id: str, sub: str) -> list[SessionRecord]:
    """The user's active sessions, most recently used first."""
    return list(reversed(ctx.store.user_sessions.active(pool_id, sub, ctx.now())))


def revoke(ctx: Context, record: SessionRecord) -> None:
    """Revoke every token of a token session, or end an SSO session's hosted UI session, and
    delete its record ([D] RevokeUserSession)."""
    with ctx.store.write():
        if record.is_sso:
            ctx.store.oauth.delete_session(record.origin_jti[len(SSO_ORIGIN):])
        else:
            ctx.store.tokens.revoke_origin(record.pool_id, record.origin_jti, ctx.now())
        ctx.store.user_sessions.delete(record.pool_id, record.session_id)


def shape(record: SessionRecord, current_origin: str | None = None) -> dict:
    """A SessionType of the API; IsCurrentSession says whether the caller's access token is
    of this session (always false for AdminListUserSessions, which takes none: pass None).
    Device type and location are left out: the service parses no user agent and has no
    map of addresses."""
    out = {"SessionId": record.session_id, "SessionType": "SSO" if record.is_sso else "TOKEN",
           "ClientId": record.client_id, "CreateDate": record.created,
           "LastActiveDate": record.last_active}
    if record.last_ip:
        out["LastIPAddress"] = record.last_ip
    if record.origin_session:
        out["OriginSessionId"] = record.origin_session
    out["IsCurrentSession"] = current_origin is not None and record.origin_jti == current_origin
    return out


def _new_id(ctx: Context, prefix: str) -> str:
    return prefix + "".join(ctx.rng.choice(_ID_ALPHABET) for _ in range(_ID_LENGTH))
