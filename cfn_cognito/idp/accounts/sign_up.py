"""Self sign-up: SignUp, ConfirmSignUp, ResendConfirmationCode, AdminConfirmSignUp."""

from __future__ import annotations

from cfn_cognito.context import Context
from cfn_cognito.idp.accounts import attributes
from cfn_cognito.idp.appclients import client_requests
from cfn_cognito.idp.accounts import codes
from cfn_cognito.idp.accounts import inbox
from cfn_cognito.idp.accounts import passwords
from cfn_cognito.idp.accounts import users
from cfn_cognito.idp.errors import (
    AliasExistsException,
    CodeMismatchException,
    InvalidParameterException,
    NotAuthorizedException,
    UsernameExistsException,
    UserNotFoundException,
)
from cfn_cognito.idp.auth import user_auth
from cfn_cognito.idp.userpools.pools import get_pool
from cfn_cognito.idp.triggers import post_confirmation, pre_sign_up

UNKNOWN_USER = "Username/client id combination not found."
DISABLED = "User is disabled."


def _unverified_contacts(pool: dict, values: dict[str, str]) -> dict[str, str]:
    """Auto-verified addresses start out explicitly unverified at sign-up, as AWS shows them."""
    auto = pool.get("AutoVerifiedAttributes") or []
    return {flag: "false" for contact, flag in attributes.VERIFIED_FLAG.items()
            if contact in auto and values.get(contact) and flag not in values}


def sign_up(ctx: Context, req: dict) -> dict:
    pool, client = client_requests.resolve(ctx, req)
    if (pool.get("AdminCreateUserConfig") or {}).get("AllowAdminCreateUserOnly"):
        raise NotAuthorizedException("SignUp is not permitted for this user pool")
    given = attributes.parse(pool, req.get("UserAttributes"))
    attributes.check_client_write(client, given)
    username, implied = users.plan_username(pool, req["Username"], ctx.rng)
    values = {**given, **implied}
    attributes.check_flags_have_values(values)
    attributes.check_required(pool, values)
    password = req.get("Password")
    if password is not None or not passwords.passwordless_allowed(pool):
        passwords.check_policy(pool, password or "")
    if ctx.store.users.get(pool["Id"], users.name_key(pool, username)):
        raise UsernameExistsException("User already exists")

    user = users.new_user(ctx, pool, username, users.UNCONFIRMED, values)
    if password is not None:
        creds = users.prepare_password(ctx, pool, None, user.username, password, check=False)
        users.apply_credentials(ctx, pool, user, creds, permanent=True)
    force_alias = pre_sign_up.run(ctx, pool, user, pre_sign_up.SIGN_UP, req, client["ClientId"])
    attributes.put(user, _unverified_contacts(pool, attributes.values(user)))
    confirmed = user.status == users.CONFIRMED
    with ctx.store.write():
        try:
            users.insert(ctx, pool, user, exists_message="User already exists",
                         force_alias=force_alias)
        except AliasExistsException as clash:
            if pool.get("UsernameAttributes"):
                raise UsernameExistsException(clash.message) from None
            raise
        if not confirmed:
            contact = inbox.verification_contact(pool, user)
            code = codes.issue(ctx, pool["Id"], user.sub, codes.SIGN_UP, contact or "")
    details = None
    if confirmed:
        # Auto-confirmed by PreSignUp: no code to send, and the user is confirmed now.
        post_confirmation.run(ctx, pool, user, post_confirmation.CONFIRM_SIGN_UP,
                              client["ClientId"], req.get("ClientMetadata"))
    else:
        details = inbox.deliver(ctx, pool, user, inbox.SIGN_UP, code, contact,
                                client_id=client["ClientId"],
                                client_metadata=req.get("ClientMetadata"))
    result = {"UserConfirmed": confirmed}
    if details:
        result["CodeDeliveryDetails"] = details
    result["UserSub"] = user.sub
    return result


def _confirm(ctx: Context, pool: dict, user, record=None, force_alias: bool = False,
             client_id: str | None = None, client_metadata: dict | None = None) -> None:
    """Make an UNCONFIRMED user CONFIRMED; the address the code went to becomes verified.
    Then the PostConfirmation trigger runs (its failure does not undo the confirmation)."""
    if user.status != users.UNCONFIRMED:
        raise NotAuthorizedException(f"User cannot be confirmed. Current status is {user.status}")

    def confirm(u):
        u.status = users.CONFIRMED
        if record is not None and record.attribute:
            attributes.put(u, {attributes.VERIFIED_FLAG[record.attribute]: "true"})

    with ctx.store.write():
        if record is not None:
            codes.consume(ctx, pool["Id"], user.sub, codes.SIGN_UP, record)
        else:
            codes.discard(ctx, pool["Id"], user.sub, codes.SIGN_UP)
        user = users.modify(ctx, pool, user, confirm, force_alias=force_alias)
    post_confirmation.run(ctx, pool, user, post_confirmation.CONFIRM_SIGN_UP, client_id,
                          client_metadata)


def confirm_sign_up(ctx: Context, req: dict) -> dict:
    pool, client = client_requests.resolve(ctx, req)
    hide = client_requests.hides_existence(client)
    user = users.find_user(ctx, pool, req["Username"])
    if user is None:
        raise CodeMismatchException(codes.MISMATCH) if hide else UserNotFoundException(UNKNOWN_USER)
    if not user.enabled:
        raise CodeMismatchException(codes.MISMATCH) if hide else NotAuthorizedException(DISABLED)
    if user.status != users.UNCONFIRMED:
        raise NotAuthorizedException(f"User cannot be confirmed. Current status is {user.status}")
    record = codes.check(ctx, pool["Id"], user.sub, codes.SIGN_UP, req["ConfirmationCode"])
    _confirm(ctx, pool, user, record, force_alias=bool(req.get("ForceAliasCreation")),
             client_id=client["ClientId"], client_metadata=req.get("ClientMetadata"))
    session = user_auth.confirmation_session(ctx, pool, client, user)
    return {"Session": session} if session else {}


def resend_confirmation_code(ctx: Context, req: dict) -> dict:
    pool, client = client_requests.resolve(ctx, req)
    user = users.find_user(ctx, pool, req["Username"])
    if user is None or not user.enabled:
        if client_requests.hides_existence(client):
            simulated = client_requests.simulated_delivery(pool, req["Username"])
            return {"CodeDeliveryDetails": simulated}
        if user is None:
            raise UserNotFoundException(UNKNOWN_USER)
        raise NotAuthorizedException(DISABLED)
    if user.status != users.UNCONFIRMED:
        raise InvalidParameterException("User is already confirmed.")
    if not pool.get("AutoVerifiedAttributes"):
        raise InvalidParameterException("Cannot resend codes. Auto verification not turned on.")
    contact = inbox.verification_contact(pool, user)
    code = codes.issue(ctx, pool["Id"], user.sub, codes.SIGN_UP, contact or "")
    details = inbox.deliver(ctx, pool, user, inbox.RESEND_CODE, code, contact,
                            client_id=client["ClientId"], client_metadata=req.get("ClientMetadata"))
    return {"CodeDeliveryDetails": details} if details else {}


def admin_confirm_sign_up(ctx: Context, req: dict) -> dict:
    pool = get_pool(ctx, req["UserPoolId"])
    user = users.get_user(ctx, pool, req["Username"])
    _confirm(ctx, pool, user, client_metadata=req.get("ClientMetadata"))
    return {}
