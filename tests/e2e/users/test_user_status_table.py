"""User status x operation: what AWS answers each (status, operation) pair, one row each.

Each row: (status, operation, expected, source). `expected` is Ok(status after, enabled
after), Tokens(), Challenge(name), Gone() or Err(code, message). `source` says where AWS
says so: [D] AWS documentation or the service model (botocore's API reference text), [O] a
capture of a real AWS answer (OBS#n ids as in /work/shared/reference/cognito-facts.md), or
"unknown: no AWS source" where nothing was found (then the row pins our current, sane answer).

EXTERNAL_PROVIDER is absent: cfn-cognito has no federated sign-in, so no such user can exist.
ChangePassword needs an access token, so it has rows only for statuses a user can hold one
in (signed in while CONFIRMED, then reset or disabled).
"""

from dataclasses import dataclass
from itertools import count

import pytest
from user_helpers import PASSWORD, attrs, inbox

NEW = "N3w-Passw0rd!"
_serial = count()


@dataclass(frozen=True)
class Ok:
    status: str | None = None      # UserStatus afterwards (None: not checked)
    enabled: bool | None = None    # Enabled afterwards


@dataclass(frozen=True)
class Err:
    code: str
    message: str | None = None     # None: the code is sourced, the wording is not


@dataclass(frozen=True)
class Tokens:
    pass


@dataclass(frozen=True)
class Challenge:
    name: str


@dataclass(frozen=True)
class Gone:
    pass


# -- sources ----------------------------------------------------------------------------------
NO_SOURCE = "unknown: no AWS source"
NOT_CONFIRMED = "[O] OBS#8937974096 (UserNotConfirmedException 'User is not confirmed.')"
RESET_SIGN_IN = ("[D] API AdminResetUserPassword: a later sign-in gets "
                 "PasswordResetRequiredException; [O] OBS#8937974096 for the message")
DISABLED_SIGN_IN = ("[D] API AdminDisableUser: 'A deactivated user can't sign in'; "
                    "[O] OBS#68366549955 for the message")
SIGN_IN_OK = "[D] API InitiateAuth/AdminInitiateAuth: a CONFIRMED user with the right password"
NEW_PASSWORD = ("[D] API AdminSetUserPassword: a temporary password makes the next sign-in "
                "answer NEW_PASSWORD_REQUIRED")
NO_VERIFIED = ("[D] API ForgotPassword: 'If neither a verified phone number nor a verified "
               "email exists, Amazon Cognito responds with an InvalidParameterException'; "
               "[O] message (facts 3.2)")
NO_VERIFIED_ADMIN = ("[D] DG managing-users-passwords 'Recovering unverified users': recovery "
                     "messages go only to a verified email/phone; message as ForgotPassword's")
FORCE_NO_RESET = ("[O] OBS#8122527045 (AdminResetUserPassword on FORCE_CHANGE_PASSWORD: "
                  "'User password cannot be reset in the current state.'); ForgotPassword "
                  "likewise in many public captures (find_string ids 69464295438, 56765722263)")
FORGOT_OK = "[D] API ForgotPassword: sends a code to the verified email/phone"
RESET_FORGOT = ("[D] API AdminResetUserPassword: the app 'must then perform ... the "
                "forgot-password flow'")
DISABLED_PUBLIC = ("[D] DG cognito-user-pool-managing-errors: PreventUserExistenceErrors=ENABLED "
                   "hides disabled users, so LEGACY reports them; wording: " + NO_SOURCE)
ADMIN_RESET_OK = "[D] API AdminResetUserPassword: sets RESET_REQUIRED"
ANY_USER = "[D] API AdminResetUserPassword (reference text): 'Works on any user'"
CONFIRM_OK = "[D] API ConfirmSignUp / AdminConfirmSignUp: the account becomes active (CONFIRMED)"
ALREADY_CONFIRMED = "[O] facts 3.2: 'User cannot be confirmed. Current status is CONFIRMED'"
ADMIN_ALREADY_CONFIRMED = ("[O] AdminConfirmSignUp on a CONFIRMED user, public capture "
                           "(find_string id 24217224951)")
RESEND_OK = "[D] API ResendConfirmationCode: resends the sign-up code"
RESEND_CONFIRMED = "[O] facts 3.2: InvalidParameterException 'User is already confirmed.'"
SET_PERMANENT = ("[D] API AdminSetUserPassword: Permanent=true permits immediate sign-in "
                 "(CONFIRMED)")
SET_TEMPORARY = ("[D] API AdminSetUserPassword: 'If the password is temporary, the user's "
                 "Status becomes FORCE_CHANGE_PASSWORD'")
CHANGE_OK = "[D] API ChangePassword: changes the signed-in user's password"
CHANGE_RESET = ("[D] service model: ChangePassword lists PasswordResetRequiredException; "
                "wording as sign-in's, [O] OBS#8937974096")
CHANGE_DISABLED = ("[D] API AdminDisableUser: 'revokes all access tokens'; API "
                   "AdminUserGlobalSignOut: revoked tokens get 'Access Token has been revoked'")
RESEND_INVITE = ("[D] API AdminCreateUser MessageAction: RESEND sends the invitation again "
                 "with a new temporary password")
RESEND_REFUSED = ("[D] service model UnsupportedUserStateException: 'the user is in an "
                  "unsupported state' (only an invited user has an invitation); wording: "
                  + NO_SOURCE)
GET_USER = "[D] service model UserStatusType and AdminGetUserResponse.Enabled"
DISABLE = "[D] API AdminDisableUser: deactivates the user (Enabled false), any status"
ENABLE = "[D] API AdminEnableUser: activates the user (Enabled true), any status"
SIGN_OUT = "[D] API AdminUserGlobalSignOut: invalidates the user's tokens; no status refused"
DELETE = "[D] API AdminDeleteUser: deletes the user profile; no status refused"
UPDATE = "[D] API AdminUpdateUserAttributes: updates attributes; no status refused"

CANNOT_CONFIRM = "User cannot be confirmed. Current status is {}"
DISABLED_MSG = "User is disabled."
NO_ADDRESS = ("Cannot reset password for the user as there is no registered/verified email "
              "or phone_number")
NOT_RESETTABLE = "User password cannot be reset in the current state."

U, C, F, R, X = "UNCONFIRMED", "CONFIRMED", "FORCE_CHANGE_PASSWORD", "RESET_REQUIRED", "DISABLED"

TABLE = [
    # InitiateAuth USER_PASSWORD_AUTH / AdminInitiateAuth ADMIN_USER_PASSWORD_AUTH
    *[row for op in ("InitiateAuth", "AdminInitiateAuth") for row in (
        (U, op, Err("UserNotConfirmedException", "User is not confirmed."), NOT_CONFIRMED),
        (C, op, Tokens(), SIGN_IN_OK),
        (F, op, Challenge("NEW_PASSWORD_REQUIRED"), NEW_PASSWORD),
        (R, op, Err("PasswordResetRequiredException", "Password reset required for the user"),
         RESET_SIGN_IN),
        (X, op, Err("NotAuthorizedException", DISABLED_MSG), DISABLED_SIGN_IN),
    )],
    (U, "ForgotPassword", Err("InvalidParameterException", NO_ADDRESS), NO_VERIFIED),
    (C, "ForgotPassword", Ok(C), FORGOT_OK),
    (F, "ForgotPassword", Err("NotAuthorizedException", NOT_RESETTABLE), FORCE_NO_RESET),
    (R, "ForgotPassword", Ok(R), RESET_FORGOT),
    (X, "ForgotPassword", Err("NotAuthorizedException", DISABLED_MSG), DISABLED_PUBLIC),
    (U, "AdminResetUserPassword", Err("InvalidParameterException", NO_ADDRESS), NO_VERIFIED_ADMIN),
    (C, "AdminResetUserPassword", Ok(R), ADMIN_RESET_OK),
    (F, "AdminResetUserPassword", Err("NotAuthorizedException", NOT_RESETTABLE), FORCE_NO_RESET),
    (R, "AdminResetUserPassword", Ok(R), NO_SOURCE),
    (X, "AdminResetUserPassword", Ok(R, False), ANY_USER),
    (U, "ConfirmSignUp", Ok(C), CONFIRM_OK),
    (C, "ConfirmSignUp", Err("NotAuthorizedException", CANNOT_CONFIRM.format(C)),
     ALREADY_CONFIRMED),
    (F, "ConfirmSignUp", Err("NotAuthorizedException", CANNOT_CONFIRM.format(F)), NO_SOURCE),
    (R, "ConfirmSignUp", Err("NotAuthorizedException", CANNOT_CONFIRM.format(R)), NO_SOURCE),
    (X, "ConfirmSignUp", Err("NotAuthorizedException", DISABLED_MSG), DISABLED_PUBLIC),
    (U, "AdminConfirmSignUp", Ok(C), CONFIRM_OK),
    (C, "AdminConfirmSignUp", Err("NotAuthorizedException", CANNOT_CONFIRM.format(C)),
     ADMIN_ALREADY_CONFIRMED),
    (F, "AdminConfirmSignUp", Err("NotAuthorizedException", CANNOT_CONFIRM.format(F)), NO_SOURCE),
    (R, "AdminConfirmSignUp", Err("NotAuthorizedException", CANNOT_CONFIRM.format(R)), NO_SOURCE),
    (X, "AdminConfirmSignUp", Err("NotAuthorizedException", CANNOT_CONFIRM.format(C)), NO_SOURCE),
    (U, "ResendConfirmationCode", Ok(U), RESEND_OK),
    (C, "ResendConfirmationCode", Err("InvalidParameterException", "User is already confirmed."),
     RESEND_CONFIRMED),
    (F, "ResendConfirmationCode", Err("InvalidParameterException", "User is already confirmed."),
     NO_SOURCE),
    (R, "ResendConfirmationCode", Err("InvalidParameterException", "User is already confirmed."),
     NO_SOURCE),
    (X, "ResendConfirmationCode", Err("NotAuthorizedException", DISABLED_MSG), DISABLED_PUBLIC),
    *[(s, "AdminSetUserPassword permanent", Ok(C, s != X), SET_PERMANENT) for s in (U, C, F, R, X)],
    *[(s, "AdminSetUserPassword temporary", Ok(F, s != X), SET_TEMPORARY) for s in (U, C, F, R, X)],
    (C, "ChangePassword", Ok(C), CHANGE_OK),
    (R, "ChangePassword", Err("PasswordResetRequiredException",
                              "Password reset required for the user"), CHANGE_RESET),
    (X, "ChangePassword", Err("NotAuthorizedException", "Access Token has been revoked"),
     CHANGE_DISABLED),
    (F, "AdminCreateUser RESEND", Ok(F), RESEND_INVITE),
    *[(s, "AdminCreateUser RESEND", Err("UnsupportedUserStateException"), RESEND_REFUSED)
      for s in (U, C, R, X)],
    *[(s, "AdminGetUser", Ok(C if s == X else s, s != X), GET_USER) for s in (U, C, F, R, X)],
    *[(s, "AdminDisableUser", Ok(C if s == X else s, False), DISABLE) for s in (U, C, F, R, X)],
    *[(s, "AdminEnableUser", Ok(C if s == X else s, True), ENABLE) for s in (U, C, F, R, X)],
    *[(s, "AdminUserGlobalSignOut", Ok(C if s == X else s, s != X), SIGN_OUT)
      for s in (U, C, F, R, X)],
    *[(s, "AdminDeleteUser", Gone(), DELETE) for s in (U, C, F, R, X)],
    *[(s, "AdminUpdateUserAttributes", Ok(C if s == X else s, s != X), UPDATE)
      for s in (U, C, F, R, X)],
]


@pytest.fixture(scope="module")
def world(idp):
    pool = idp.create_user_pool(PoolName="status-table", AutoVerifiedAttributes=["email"])["UserPool"]
    client = idp.create_user_pool_client(
        UserPoolId=pool["Id"], ClientName="app",
        ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH", "ALLOW_ADMIN_USER_PASSWORD_AUTH",
                           "ALLOW_REFRESH_TOKEN_AUTH"])["UserPoolClient"]
    yield pool, client
    idp.delete_user_pool(UserPoolId=pool["Id"])


def _user_in(idp, pool, client, status) -> tuple[str, str | None]:
    """A fresh user in `status`, and an access token where one can exist."""
    name = f"u{next(_serial)}"
    if status == U:
        idp.sign_up(ClientId=client["ClientId"], Username=name, Password=PASSWORD,
                    UserAttributes=attrs(email=f"{name}@example.com"))
        return name, None
    idp.admin_create_user(UserPoolId=pool["Id"], Username=name, MessageAction="SUPPRESS",
                          TemporaryPassword=PASSWORD,
                          UserAttributes=attrs(email=f"{name}@example.com", email_verified="true"))
    if status == F:
        return name, None
    idp.admin_set_user_password(UserPoolId=pool["Id"], Username=name, Password=PASSWORD,
                                Permanent=True)
    token = idp.initiate_auth(ClientId=client["ClientId"], AuthFlow="USER_PASSWORD_AUTH",
                              AuthParameters={"USERNAME": name, "PASSWORD": PASSWORD}
                              )["AuthenticationResult"]["AccessToken"]
    if status == R:
        idp.admin_reset_user_password(UserPoolId=pool["Id"], Username=name)
    if status == X:
        idp.admin_disable_user(UserPoolId=pool["Id"], Username=name)
    return name, token


def _call(idp, url, pool, client, op, name, token):
    pid, cid = pool["Id"], client["ClientId"]
    login = {"USERNAME": name, "PASSWORD": PASSWORD}
    calls = {
        "InitiateAuth": lambda: idp.initiate_auth(
            ClientId=cid, AuthFlow="USER_PASSWORD_AUTH", AuthParameters=login),
        "AdminInitiateAuth": lambda: idp.admin_initiate_auth(
            UserPoolId=pid, ClientId=cid, AuthFlow="ADMIN_USER_PASSWORD_AUTH",
            AuthParameters=login),
        "ForgotPassword": lambda: idp.forgot_password(ClientId=cid, Username=name),
        "AdminResetUserPassword": lambda: idp.admin_reset_user_password(
            UserPoolId=pid, Username=name),
        "ConfirmSignUp": lambda: idp.confirm_sign_up(
            ClientId=cid, Username=name, ConfirmationCode=(
                inbox(url, pool, name, "SignUp") or [{"code": "123456"}])[-1]["code"]),
        "AdminConfirmSignUp": lambda: idp.admin_confirm_sign_up(UserPoolId=pid, Username=name),
        "ResendConfirmationCode": lambda: idp.resend_confirmation_code(ClientId=cid, Username=name),
        "AdminSetUserPassword permanent": lambda: idp.admin_set_user_password(
            UserPoolId=pid, Username=name, Password=NEW, Permanent=True),
        "AdminSetUserPassword temporary": lambda: idp.admin_set_user_password(
            UserPoolId=pid, Username=name, Password=NEW, Permanent=False),
        "ChangePassword": lambda: idp.change_password(
            AccessToken=token, PreviousPassword=PASSWORD, ProposedPassword=NEW),
        "AdminCreateUser RESEND": lambda: idp.admin_create_user(
            UserPoolId=pid, Username=name, MessageAction="RESEND"),
        "AdminGetUser": lambda: idp.admin_get_user(UserPoolId=pid, Username=name),
        "AdminDisableUser": lambda: idp.admin_disable_user(UserPoolId=pid, Username=name),
        "AdminEnableUser": lambda: idp.admin_enable_user(UserPoolId=pid, Username=name),
        "AdminUserGlobalSignOut": lambda: idp.admin_user_global_sign_out(
            UserPoolId=pid, Username=name),
        "AdminDeleteUser": lambda: idp.admin_delete_user(UserPoolId=pid, Username=name),
        "AdminUpdateUserAttributes": lambda: idp.admin_update_user_attributes(
            UserPoolId=pid, Username=name, UserAttributes=attrs(given_name="Pat")),
    }
    return calls[op]()


@pytest.mark.parametrize("status, operation, expected, source", TABLE,
                         ids=[f"{s}-{o}" for s, o, _, _ in TABLE])
def test_status_x_operation(idp, cognito_url, world, status, operation, expected, source):
    assert source
    pool, client = world
    name, token = _user_in(idp, pool, client, status)
    try:
        answer = _call(idp, cognito_url, pool, client, operation, name, token)
    except idp.exceptions.ClientError as err:
        got = err.response["Error"]
        assert isinstance(expected, Err), f"{got['Code']}: {got['Message']}"
        assert got["Code"] == expected.code
        if expected.message is not None:
            assert got["Message"] == expected.message
        return
    assert not isinstance(expected, Err), f"succeeded, expected {expected}"
    if isinstance(expected, Tokens):
        assert answer["AuthenticationResult"]["AccessToken"]
    elif isinstance(expected, Challenge):
        assert answer["ChallengeName"] == expected.name
    elif isinstance(expected, Gone):
        with pytest.raises(idp.exceptions.UserNotFoundException):
            idp.admin_get_user(UserPoolId=pool["Id"], Username=name)
    else:
        user = idp.admin_get_user(UserPoolId=pool["Id"], Username=name)
        if expected.status is not None:
            assert user["UserStatus"] == expected.status
        if expected.enabled is not None:
            assert user["Enabled"] is expected.enabled
