"""The answer to NEW_PASSWORD_REQUIRED: a permanent password (and any required attributes)
for a user who signed in with a temporary one."""

from __future__ import annotations

from cfn_cognito.idp.accounts import attributes
from cfn_cognito.idp.appclients import secret_hash
from cfn_cognito.idp.accounts import users
from cfn_cognito.idp.auth import outcome, sessions
from cfn_cognito.idp.auth.request import AuthRequest
from cfn_cognito.idp.errors import InvalidParameterException, NotAuthorizedException
from cfn_cognito.idp.triggers import pre_token_generation

PREFIX = "userAttributes."


def answer(req: AuthRequest) -> dict:
    username = req.require("USERNAME")
    password = req.require("NEW_PASSWORD")
    secret_hash.check(req.client, username, req.params.get("SECRET_HASH"))
    return outcome.signed_in(req, set_new_password(req, password),
                             pre_token_generation.NEW_PASSWORD_CHALLENGE)


def set_new_password(req: AuthRequest, password: str):
    """Give the user of the NEW_PASSWORD_REQUIRED session `req.session` its permanent password
    and the `userAttributes.*` of `req.params`; returns the user, now CONFIRMED. A password or
    attributes that fail validation leave the session usable. (The hosted UI's new-password
    page uses this too.)"""
    if not req.session:
        raise InvalidParameterException("Missing required parameter Session")
    ctx, pool = req.ctx, req.pool
    record = sessions.find(ctx, req.client, session=req.session)
    user = ctx.store.users.get_by_sub(pool["Id"], record["state"].get("sub", ""))
    if user is None or record["challenge"] != outcome.NEW_PASSWORD_REQUIRED:
        raise NotAuthorizedException(sessions.EXPIRED)
    given = {k[len(PREFIX):]: v for k, v in req.params.items() if k.startswith(PREFIX)}
    changes = attributes.parse(pool, [{"Name": k, "Value": v} for k, v in given.items()])
    attributes.check_client_write(req.client, changes)
    merged = {**attributes.values(user), **changes}
    attributes.check_required(pool, merged)
    creds = users.prepare_password(ctx, pool, user, user.username, password)
    sessions.use(ctx, record)

    def change(u):
        attributes.put(u, changes)
        users.apply_credentials(ctx, pool, u, creds, permanent=True)

    return users.modify(ctx, pool, user, change)
