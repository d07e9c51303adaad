"""The user session API: ListUserSessions, AdminListUserSessions, RevokeUserSession,
AdminRevokeUserSession (the sessions themselves, token and SSO: user_sessions.py).
RevokeAssociatedSessions LINKED revokes the session's linked ones too (user_sessions.linked).
"""

from __future__ import annotations

from cfn_cognito.context import Context
from cfn_cognito.idp.accounts import users
from cfn_cognito.idp.accounts.access_token_operations import caller
from cfn_cognito.idp.errors import InvalidParameterException, ResourceNotFoundException
from cfn_cognito.idp.issuer import user_sessions
from cfn_cognito.idp.userpools.pools import get_pool


def list_user_sessions(ctx: Context, req: dict) -> dict:
    c = caller(ctx, req["AccessToken"])
    user_sessions.require_tracking(ctx, c.pool["Id"])
    current = c.claims.get("origin_jti")
    return {"Sessions": [user_sessions.shape(s, current)
                         for s in user_sessions.active(ctx, c.pool["Id"], c.user.sub)]}


def admin_list_user_sessions(ctx: Context, req: dict) -> dict:
    pool = get_pool(ctx, req["UserPoolId"])
    user = users.get_user(ctx, pool, req["Username"])
    user_sessions.require_tracking(ctx, pool["Id"])
    # [D] AdminListUserSessions: every session in a single page (at most MaxPerUser, <= 100).
    return {"Sessions": [user_sessions.shape(s)
                         for s in user_sessions.active(ctx, pool["Id"], user.sub)]}


def revoke_user_session(ctx: Context, req: dict) -> dict:
    c = caller(ctx, req["AccessToken"])
    user_sessions.require_tracking(ctx, c.pool["Id"])
    doomed = _doomed(ctx, _session(ctx, c.pool["Id"], c.user.sub, req["SessionId"]), req)
    if any(record.origin_jti == c.claims.get("origin_jti") for record in doomed):
        # [D] RevokeUserSession: "You can't revoke the session that the calling access token
        # belongs to."
        raise InvalidParameterException(  # [U] wording
            "You can't revoke the session that the access token belongs to.")
    _revoke(ctx, doomed)
    return {}


def admin_revoke_user_session(ctx: Context, req: dict) -> dict:
    pool = get_pool(ctx, req["UserPoolId"])
    user = users.get_user(ctx, pool, req["Username"])
    user_sessions.require_tracking(ctx, pool["Id"])
    _revoke(ctx, _doomed(ctx, _session(ctx, pool["Id"], user.sub, req["SessionId"]), req))
    return {}


def _doomed(ctx: Context, record, req: dict) -> list:
    if req.get("RevokeAssociatedSessions") == "LINKED":
        return user_sessions.linked(ctx, record)
    return [record]


def _revoke(ctx: Context, records: list) -> None:
    with ctx.store.write():
        for record in records:
            user_sessions.revoke(ctx, record)


def _session(ctx: Context, pool_id: str, sub: str, session_id: str):
    for record in user_sessions.active(ctx, pool_id, sub):
        if record.session_id == session_id:
            return record
    raise ResourceNotFoundException(f"Session {session_id} does not exist.")  # [U] wording
