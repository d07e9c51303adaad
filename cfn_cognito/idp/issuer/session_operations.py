"""The user session API: ListUserSessions, AdminListUserSessions, RevokeUserSession,
AdminRevokeUserSession (sessions themselves: user_sessions.py).

Only token sessions are tracked: the hosted UI's sign-in cookie is not kept as an SSO session
record, so no `sso` session is ever listed and LINKED revocation has nothing more to reach.
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
    record = _session(ctx, c.pool["Id"], c.user.sub, req["SessionId"])
    if record.origin_jti == c.claims.get("origin_jti"):
        # [D] RevokeUserSession: "You can't revoke the session that the calling access token
        # belongs to."
        raise InvalidParameterException(  # [U] wording
            "You can't revoke the session that the access token belongs to.")
    user_sessions.revoke(ctx, record)
    return {}


def admin_revoke_user_session(ctx: Context, req: dict) -> dict:
    pool = get_pool(ctx, req["UserPoolId"])
    user = users.get_user(ctx, pool, req["Username"])
    user_sessions.require_tracking(ctx, pool["Id"])
    user_sessions.revoke(ctx, _session(ctx, pool["Id"], user.sub, req["SessionId"]))
    return {}


def _session(ctx: Context, pool_id: str, sub: str, session_id: str):
    for record in user_sessions.active(ctx, pool_id, sub):
        if record.session_id == session_id:
            return record
    raise ResourceNotFoundException(f"Session {session_id} does not exist.")  # [U] wording
