"""Password recovery: ForgotPassword and ConfirmForgotPassword."""

from __future__ import annotations

from cfn_cognito.context import Context
from cfn_cognito.idp.appclients import client_requests
from cfn_cognito.idp.accounts import codes
from cfn_cognito.idp.accounts import inbox
from cfn_cognito.idp.accounts import users
from cfn_cognito.idp.errors import (
    CodeMismatchException,
    InvalidParameterException,
    NotAuthorizedException,
    UserNotFoundException,
)
from cfn_cognito.idp.accounts.sign_up import DISABLED, UNKNOWN_USER
from cfn_cognito.idp.triggers import post_confirmation, user_migration



def forgot_password(ctx: Context, req: dict) -> dict:
    pool, client = client_requests.resolve(ctx, req)
    hide = client_requests.hides_existence(client)
    user = users.find_user(ctx, pool, req["Username"]) or user_migration.on_forgot_password(
        ctx, pool, client, req["Username"], req.get("ClientMetadata"))
    contact = inbox.recovery_contact(pool, user) if user is not None and user.enabled else None
    if contact is None and hide:
        return {"CodeDeliveryDetails": client_requests.simulated_delivery(pool, req["Username"])}
    if user is None:
        raise UserNotFoundException(UNKNOWN_USER)
    if not user.enabled:
        raise NotAuthorizedException(DISABLED)
    if user.status == users.FORCE_CHANGE_PASSWORD:
        raise NotAuthorizedException("User password cannot be reset in the current state.")
    if contact is None:
        raise InvalidParameterException(inbox.NO_RECOVERY_CONTACT)
    code = codes.issue(ctx, pool["Id"], user.sub, codes.FORGOT_PASSWORD, contact)
    details = inbox.deliver(ctx, pool, user, inbox.FORGOT_PASSWORD, code, contact,
                            client_id=client["ClientId"], client_metadata=req.get("ClientMetadata"))
    return {"CodeDeliveryDetails": details}


def confirm_forgot_password(ctx: Context, req: dict) -> dict:
    pool, client = client_requests.resolve(ctx, req)
    hide = client_requests.hides_existence(client)
    user = users.find_user(ctx, pool, req["Username"])
    if user is None:
        raise CodeMismatchException(codes.MISMATCH) if hide else UserNotFoundException(UNKNOWN_USER)
    if not user.enabled:
        raise CodeMismatchException(codes.MISMATCH) if hide else NotAuthorizedException(DISABLED)
    record = codes.check(ctx, pool["Id"], user.sub, codes.FORGOT_PASSWORD, req["ConfirmationCode"])
    creds = users.prepare_password(ctx, pool, user, user.username, req["Password"])

    def change(u):
        users.apply_credentials(ctx, pool, u, creds, permanent=True)
        u.status = users.CONFIRMED

    with ctx.store.write():
        codes.consume(ctx, pool["Id"], user.sub, codes.FORGOT_PASSWORD, record)
        user = users.modify(ctx, pool, user, change)
    post_confirmation.run(ctx, pool, user, post_confirmation.CONFIRM_FORGOT_PASSWORD,
                          client["ClientId"], req.get("ClientMetadata"))
    return {}
