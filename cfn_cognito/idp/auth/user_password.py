"""USER_PASSWORD_AUTH, and ADMIN_USER_PASSWORD_AUTH (legacy name ADMIN_NO_SRP_AUTH) on the
Admin entry point: the password itself is sent and checked."""

from __future__ import annotations

from cfn_cognito.idp.auth import events as auth_events
from cfn_cognito.idp.accounts import passwords
from cfn_cognito.idp.appclients import secret_hash
from cfn_cognito.idp.accounts import users
from cfn_cognito.idp.auth import lockout, outcome
from cfn_cognito.idp.auth.request import AuthRequest
from cfn_cognito.idp.errors import NotAuthorizedException
from cfn_cognito.idp.triggers import pre_authentication, user_migration


def sign_in(req: AuthRequest) -> dict:
    username = req.require("USERNAME")
    password = req.require("PASSWORD")
    secret_hash.check(req.client, username, req.params.get("SECRET_HASH"))
    return outcome.signed_in(req, authenticate(req, username, password))


def authenticate(req: AuthRequest, username: str, password: str, *,
                 confirmed_first: bool = True):
    """The user whose password this is, with the same refusals, lockout and counting as the
    password flows (the hosted UI's sign-in form uses it too); raises otherwise. A name the
    pool does not know goes to the UserMigration trigger; the PreAuthentication trigger runs
    before the password is checked. Without `confirmed_first` an unconfirmed user is
    returned once the password is right (the hosted UI then offers the confirm page)."""
    ctx, pool_id = req.ctx, req.pool["Id"]
    user = users.find_user(ctx, req.pool, username) \
        or user_migration.on_sign_in(req, username, password)
    if user is None:
        pre_authentication.run(req, None, username)
        raise outcome.unknown_user(req)
    lockout.check(ctx, pool_id, user.sub)
    outcome.check_can_try(user)
    if confirmed_first:
        outcome.check_confirmed(user)
    pre_authentication.run(req, user, username)
    if not passwords.verify(user, password):
        lockout.record_failure(ctx, pool_id, user.sub)
        auth_events.record(ctx, req.pool, user, auth_events.SIGN_IN, auth_events.FAIL)
        raise NotAuthorizedException(outcome.INCORRECT)
    lockout.record_success(ctx, pool_id, user.sub)
    return user
