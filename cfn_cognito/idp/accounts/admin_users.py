"""Administering users: AdminCreateUser, AdminGetUser, AdminDeleteUser, AdminEnableUser,
AdminDisableUser, AdminSetUserPassword, AdminResetUserPassword,
AdminUpdateUserAttributes, AdminDeleteUserAttributes."""

from __future__ import annotations

from cfn_cognito.context import Context
from cfn_cognito.idp.accounts import attribute_updates
from cfn_cognito.idp.accounts import attributes
from cfn_cognito.idp.accounts import codes
from cfn_cognito.idp.accounts import inbox
from cfn_cognito.idp.accounts import passwords
from cfn_cognito.idp.issuer import refresh_tokens
from cfn_cognito.idp.accounts import users
from cfn_cognito.idp.errors import (
    AliasExistsException,
    InvalidParameterException,
    NotAuthorizedException,
    UnsupportedUserStateException,
    UsernameExistsException,
)
from cfn_cognito.idp.userpools.pools import get_pool
from cfn_cognito.idp.triggers import pre_sign_up

EXISTS = "User account already exists"
RESET_REFUSED = "User password cannot be reset in the current state."
_CONTACT_OF_MEDIUM = {"EMAIL": "email", "SMS": "phone_number"}


def invite(ctx: Context, pool: dict, user, password: str, mediums: list[str] | None,
           client_metadata: dict | None = None) -> None:
    """Send the invitation with the temporary password by each desired medium the user has
    an address for (AWS's default medium is SMS); with none of those, by whichever address
    the user has; with no address at all it is only recorded in the inbox and the log.
    Call it outside any transaction (the CustomMessage trigger may run)."""
    contacts = [_CONTACT_OF_MEDIUM[m] for m in dict.fromkeys(mediums or ["SMS"])]
    reachable = [c for c in contacts if attributes.get(user, c)]
    if not reachable:
        reachable = [c for c in ("email", "phone_number") if attributes.get(user, c)][:1]
    for contact in reachable or [None]:
        inbox.deliver(ctx, pool, user, inbox.ADMIN_CREATE_USER, password, contact,
                      client_metadata=client_metadata)


def _resend_invitation(ctx: Context, pool: dict, req: dict) -> dict:
    user = users.get_user(ctx, pool, req["Username"])
    if user.status != users.FORCE_CHANGE_PASSWORD:
        # [U] wording
        raise UnsupportedUserStateException(f"Resend not possible. User status is {user.status}")
    password = req.get("TemporaryPassword")
    if password is not None:
        passwords.check_policy(pool, password)
    password = password or passwords.generate_temporary(pool, ctx.rng)
    creds = users.prepare_password(ctx, pool, user, user.username, password, check=False)
    user = users.modify(ctx, pool, user, lambda u: users.apply_credentials(
        ctx, pool, u, creds, permanent=False))
    invite(ctx, pool, user, password, req.get("DesiredDeliveryMediums"), req.get("ClientMetadata"))
    return {"User": users.to_user_type(user)}


def admin_create_user(ctx: Context, req: dict) -> dict:
    pool = get_pool(ctx, req["UserPoolId"])
    action = req.get("MessageAction")
    if action == "RESEND":
        return _resend_invitation(ctx, pool, req)
    given = attributes.parse(pool, req.get("UserAttributes"))
    username, implied = users.plan_username(pool, req["Username"], ctx.rng)
    values = {**given, **implied}
    attributes.check_flags_have_values(values)
    attributes.check_required(pool, values)
    password = req.get("TemporaryPassword")
    if password is not None:
        passwords.check_policy(pool, password)
    if ctx.store.users.get(pool["Id"], users.name_key(pool, username)):
        raise UsernameExistsException(EXISTS)

    passwordless = password is None and passwords.passwordless_allowed(pool)
    user = users.new_user(ctx, pool, username,
                          users.CONFIRMED if passwordless else users.FORCE_CHANGE_PASSWORD, values)
    if not passwordless:
        if password is None and action == "SUPPRESS":
            creds = passwords.UNUSABLE
        else:
            password = password or passwords.generate_temporary(pool, ctx.rng)
            creds = users.prepare_password(ctx, pool, None, user.username, password,
                                           check=False)
        users.apply_credentials(ctx, pool, user, creds, permanent=False)
    pre_sign_up.run(ctx, pool, user, pre_sign_up.ADMIN_CREATE_USER, req)
    try:
        users.insert(ctx, pool, user, exists_message=EXISTS,
                     force_alias=bool(req.get("ForceAliasCreation")))
    except AliasExistsException as clash:
        if pool.get("UsernameAttributes"):
            raise UsernameExistsException(clash.message) from None
        raise
    if action != "SUPPRESS" and not passwordless:
        invite(ctx, pool, user, password, req.get("DesiredDeliveryMediums"),
               req.get("ClientMetadata"))
    return {"User": users.to_user_type(user)}


def admin_get_user(ctx: Context, req: dict) -> dict:
    pool = get_pool(ctx, req["UserPoolId"])
    return users.to_admin_get_user(users.get_user(ctx, pool, req["Username"]))


def admin_delete_user(ctx: Context, req: dict) -> dict:
    pool = get_pool(ctx, req["UserPoolId"])
    users.delete(ctx, pool, users.get_user(ctx, pool, req["Username"]))
    return {}


def _set_enabled(ctx: Context, req: dict, enabled: bool):
    pool = get_pool(ctx, req["UserPoolId"])
    user = users.get_user(ctx, pool, req["Username"])

    def change(u):
        u.enabled = enabled

    return pool, users.modify(ctx, pool, user, change)


def admin_enable_user(ctx: Context, req: dict) -> dict:
    _set_enabled(ctx, req, True)
    return {}


def admin_disable_user(ctx: Context, req: dict) -> dict:
    """Disable a user and, as AWS does, revoke their tokens (enabling again does not bring
    them back)."""
    pool, user = _set_enabled(ctx, req, False)
    refresh_tokens.revoke_all_for_user(ctx, pool["Id"], user.sub)
    return {}


def admin_set_user_password(ctx: Context, req: dict) -> dict:
    pool = get_pool(ctx, req["UserPoolId"])
    user = users.get_user(ctx, pool, req["Username"])
    permanent = bool(req.get("Permanent"))
    creds = users.prepare_password(ctx, pool, user, user.username, req["Password"])

    def change(u):
        users.apply_credentials(ctx, pool, u, creds, permanent)
        if permanent:
            u.status = users.CONFIRMED

    users.modify(ctx, pool, user, change)
    return {}


def admin_reset_user_password(ctx: Context, req: dict) -> dict:
    """RESET_REQUIRED: sign-in now needs ForgotPassword's code (sent here, to the user's
    verified recovery address) and ConfirmForgotPassword."""
    pool = get_pool(ctx, req["UserPoolId"])
    user = users.get_user(ctx, pool, req["Username"])
    _check_resettable(pool, user)

    def change(u):
        u.status = users.RESET_REQUIRED

    with ctx.store.write():
        user = users.modify(ctx, pool, user, change)
        contact = inbox.recovery_contact(pool, user)
        code = codes.issue(ctx, pool["Id"], user.sub, codes.FORGOT_PASSWORD, contact)
    inbox.deliver(ctx, pool, user, inbox.FORGOT_PASSWORD, code, contact,
                  client_metadata=req.get("ClientMetadata"))
    return {}


def _check_resettable(pool: dict, user) -> None:
    """What AdminResetUserPassword refuses. A user who never set a password of their own
    (FORCE_CHANGE_PASSWORD) gets NotAuthorizedException, as captured from AWS (OBS#8122527045:
    "An error occurred (NotAuthorizedException) when calling the AdminResetUserPassword
    operation: User password cannot be reset in the current state."). A user with nowhere to
    send the code gets ForgotPassword's InvalidParameterException: AWS's guide says recovery
    messages go only to a verified email or phone, and an administrator must first mark one
    verified (DG managing-users-passwords, "Recovering unverified users"). A disabled user is
    not refused: the API reference says the operation "Works on any user"."""
    if user.status == users.FORCE_CHANGE_PASSWORD:
        raise NotAuthorizedException(RESET_REFUSED)
    if inbox.recovery_contact(pool, user) is None:
        raise InvalidParameterException(inbox.NO_RECOVERY_CONTACT)


def admin_update_user_attributes(ctx: Context, req: dict) -> dict:
    pool = get_pool(ctx, req["UserPoolId"])
    user = users.get_user(ctx, pool, req["Username"])
    attribute_updates.update_attributes(ctx, pool, user, req["UserAttributes"],
                                        client_metadata=req.get("ClientMetadata"))
    return {}


def admin_delete_user_attributes(ctx: Context, req: dict) -> dict:
    pool = get_pool(ctx, req["UserPoolId"])
    user = users.get_user(ctx, pool, req["Username"])
    attribute_updates.delete_attributes(ctx, pool, user, req["UserAttributeNames"])
    return {}
