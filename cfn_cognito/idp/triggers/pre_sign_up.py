"""PreSignUp: before SignUp or AdminCreateUser stores a new user.

A failure stores nothing. For SignUp the answer can confirm the user and mark their email /
phone number verified (which, when that address is a sign-in alias, takes the alias from any
other user, as AWS documents); for AdminCreateUser all three answers are ignored.
"""

from __future__ import annotations

from cfn_cognito.context import Context
from cfn_cognito.idp.accounts import attributes
from cfn_cognito.idp.accounts import users
from cfn_cognito.idp.errors import InvalidParameterException
from cfn_cognito.idp.triggers import event, fields, invoke

TRIGGER = "PreSignUp"
SIGN_UP = "PreSignUp_SignUp"
ADMIN_CREATE_USER = "PreSignUp_AdminCreateUser"
_AUTO_VERIFY = {"autoVerifyEmail": "email", "autoVerifyPhone": "phone_number"}


def run(ctx: Context, pool: dict, user, source: str, req: dict,
        client_id: str | None = None) -> bool:
    """Ask the trigger about the new `user` (not stored yet) of request `req` (its
    ValidationData and ClientMetadata go to the function). For SignUp its answer is applied
    to `user`. Returns whether the user's aliases must be forced (an address was verified)."""
    if not invoke.function_of(pool, TRIGGER):
        return False
    given = {name: value for name, value in attributes.values(user).items() if name != "sub"}
    request = event.with_metadata(
        {"userAttributes": given, "validationData": _pairs(req.get("ValidationData"))},
        req.get("ClientMetadata"))
    response = {"autoConfirmUser": False, "autoVerifyEmail": False, "autoVerifyPhone": False}
    answer = invoke.call(ctx, pool, TRIGGER, event.envelope(
        ctx, pool, source, user.username, client_id, request, response))
    confirm = fields.boolean(answer, "autoConfirmUser")
    verify = {contact for key, contact in _AUTO_VERIFY.items() if fields.boolean(answer, key)}
    if source != SIGN_UP:
        return False
    for contact in sorted(verify):
        if not attributes.get(user, contact):
            # [U] wording: AWS only documents that "an error will occur".
            raise InvalidParameterException(
                f"Cannot auto-verify {contact}: the user has no {contact} attribute.")
        attributes.put(user, {attributes.VERIFIED_FLAG[contact]: "true"})
    if confirm:
        user.status = users.CONFIRMED
    return bool(verify)


def _pairs(given: list[dict] | None) -> dict | None:
    """ValidationData's [{"Name", "Value"}] as the event's map (null when none was sent)."""
    if not given:
        return None
    return {item["Name"]: item.get("Value", "") for item in given}
