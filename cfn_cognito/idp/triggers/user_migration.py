"""UserMigration: a password sign-in (USER_PASSWORD_AUTH, ADMIN_USER_PASSWORD_AUTH, the hosted
UI) or a ForgotPassword for a name the pool does not know asks the function, which looks the
user up in the old directory and answers with their attributes; the user is then created.

- Signing in, the password given becomes the user's password (the pool's policy is not
  applied, as AWS documents) and the user is CONFIRMED, or RESET_REQUIRED when
  `finalUserStatus` says so. In the ForgotPassword case there is no password: the user is
  RESET_REQUIRED and the reset code that follows sets one.
- `forceAliasCreation` takes an email / phone alias from another user; `messageAction`
  SUPPRESS skips the welcome message, otherwise it goes by `desiredDeliveryMediums`
  (default SMS). [U] AWS does not show the welcome message; it is sent here as the pool's
  invitation (the AdminCreateUser message, whose `{####}` is the password the user signed
  in with) and only on sign-in, since on ForgotPassword the reset code goes out at once.
- An answer without userAttributes migrates nobody: UserNotFoundException "Exception
  migrating user in app client {clientId}" (captured, re:Post), or, with
  PreventUserExistenceErrors on, whatever the operation answers for an unknown user.
"""

from __future__ import annotations

import logging

from cfn_cognito.context import Context
from cfn_cognito.idp.accounts import admin_users
from cfn_cognito.idp.accounts import attributes
from cfn_cognito.idp.accounts import users
from cfn_cognito.idp.errors import UserNotFoundException
from cfn_cognito.idp.triggers import event, fields, invoke

LOG = logging.getLogger(__name__)

TRIGGER = "UserMigration"
AUTHENTICATION = "UserMigration_Authentication"
FORGOT_PASSWORD = "UserMigration_ForgotPassword"
_STATUSES = (None, users.CONFIRMED, users.RESET_REQUIRED)
_ACTIONS = (None, "SUPPRESS", "RESEND")
_MEDIUMS = ("EMAIL", "SMS")


def on_sign_in(req, username: str, password: str):
    """The user migrated for a sign-in as `username` with `password`, or None."""
    request = {"password": password, "validationData": event.initiate_metadata(req)}
    return _migrate(req.ctx, req.pool, req.client, username, AUTHENTICATION, request, password)


def on_forgot_password(ctx: Context, pool: dict, client: dict, username: str,
                       client_metadata: dict | None = None):
    """The user migrated for a ForgotPassword of `username`, or None."""
    request = event.with_metadata({"validationData": None}, client_metadata)
    return _migrate(ctx, pool, client, username, FORGOT_PASSWORD, request, None)


def _migrate(ctx: Context, pool: dict, client: dict, username: str, source: str,
             request: dict, password: str | None):
    if not invoke.function_of(pool, TRIGGER):
        return None
    response = {"userAttributes": None, "finalUserStatus": None, "messageAction": None,
                "desiredDeliveryMediums": None, "forceAliasCreation": None,
                "enableSMSMFA": None}
    answer = invoke.call(ctx, pool, TRIGGER, event.envelope(
        ctx, pool, source, username, client["ClientId"], request, response))
    given = fields.string_map(answer, "userAttributes")
    status = fields.string(answer, "finalUserStatus")
    action = fields.string(answer, "messageAction")
    mediums = fields.string_list(answer, "desiredDeliveryMediums")
    force = fields.boolean(answer, "forceAliasCreation")
    fields.boolean(answer, "enableSMSMFA")  # read for its type only: no SMS MFA here
    if (status not in _STATUSES or action not in _ACTIONS
            or any(medium not in _MEDIUMS for medium in mediums or ())):
        raise fields.invalid()
    if not given:
        if event.hides_existence(client):
            return None
        raise UserNotFoundException(
            f"Exception migrating user in app client {client['ClientId']}")
    if password is None:
        status = users.RESET_REQUIRED
    user = _create(ctx, pool, username, given, status or users.CONFIRMED, password, bool(force))
    LOG.info("UserMigration created user %s in pool %s (%s)", user.username, pool["Id"],
             user.status)
    if password is not None and action != "SUPPRESS":
        admin_users.invite(ctx, pool, user, password, mediums)
    return user


def _create(ctx: Context, pool: dict, username: str, given: dict[str, str], status: str,
            password: str | None, force_alias: bool):
    name, implied = users.plan_username(pool, username, ctx.rng)
    values = {**implied, **attributes.parse(pool, [{"Name": k, "Value": v}
                                                    for k, v in given.items()])}
    attributes.check_flags_have_values(values)
    attributes.check_required(pool, values)
    user = users.new_user(ctx, pool, name, status, values)
    if password is not None:
        creds = users.prepare_password(ctx, pool, None, user.username, password, check=False)
        users.apply_credentials(ctx, pool, user, creds, permanent=True)
        user.status = status
    users.insert(ctx, pool, user, exists_message="User already exists", force_alias=force_alias)
    return user
