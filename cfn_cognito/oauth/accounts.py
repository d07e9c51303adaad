"""The hosted UI's account pages, without any web framework: sign-up, confirming it with the
code, and resetting a forgotten password.

Each is the API operation itself (SignUp, ConfirmSignUp, ResendConfirmationCode,
ForgotPassword, ConfirmForgotPassword) called with the request the API would get, so the
pages behave exactly as the API does and show its messages.
"""

from __future__ import annotations

from dataclasses import dataclass

from cfn_cognito.context import Context
from cfn_cognito.idp.accounts import users
from cfn_cognito.idp.accounts.attributes import schema_of
from cfn_cognito.idp.accounts.forgot_password import confirm_forgot_password, forgot_password
from cfn_cognito.idp.accounts.sign_up import confirm_sign_up, resend_confirmation_code, sign_up
from cfn_cognito.oauth.authorize import AuthorizeRequest
from cfn_cognito.oauth.signin import CONFIRM, DONE, Step, delivery_notice, with_secret_hash

LOGIN = "login"
CONFIRM_FORGOT_PASSWORD = "confirm_forgot_password"

# name → (label, input type, autocomplete token) of attributes a page may ask for.
_FIELDS = {
    "email": ("Email", "email", "email"),
    "phone_number": ("Phone number", "tel", "tel"),
    "name": ("Name", "text", "name"),
    "given_name": ("Given name", "text", "given-name"),
    "family_name": ("Family name", "text", "family-name"),
    "middle_name": ("Middle name", "text", "additional-name"),
    "nickname": ("Nickname", "text", "nickname"),
    "preferred_username": ("Preferred username", "text", "username"),
    "birthdate": ("Birthdate", "text", "bday"),
    "address": ("Address", "text", "street-address"),
    "gender": ("Gender", "text", "sex"),
    "locale": ("Locale", "text", "language"),
    "picture": ("Picture URL", "url", "photo"),
    "profile": ("Profile URL", "url", "url"),
    "website": ("Website", "url", "url"),
    "zoneinfo": ("Time zone", "text", "off"),
}


@dataclass(frozen=True)
class Field:
    name: str
    label: str
    type: str
    autocomplete: str


def field_for(name: str) -> Field:
    label, kind, autocomplete = _FIELDS.get(
        name, (name.removeprefix("custom:").replace("_", " ").capitalize(), "text", "off"))
    return Field(name, label, kind, autocomplete)


def username_field(pool: dict) -> Field:
    """The sign-in name as the pool has it: a username, an email and/or a phone number."""
    kinds = pool.get("UsernameAttributes") or []
    if kinds == ["email"]:
        return Field("username", "Email", "email", "username")
    if kinds == ["phone_number"]:
        return Field("username", "Phone number", "tel", "username")
    if kinds:
        return Field("username", "Email or phone number", "text", "username")
    return Field("username", "Username", "text", "username")


def sign_up_fields(pool: dict) -> list[Field]:
    """The attributes the sign-up page asks for: the required ones, and the addresses codes
    are sent to; not those the username itself is."""
    schema = schema_of(pool)
    implied = set(pool.get("UsernameAttributes") or [])
    wanted = [name for name, spec in schema.items() if spec.get("Required") and name != "sub"]
    wanted += [name for name in pool.get("AutoVerifiedAttributes") or [] if name not in wanted]
    return [field_for(name) for name in wanted if name not in implied and name in schema]


def register(ctx: Context, areq: AuthorizeRequest, username: str, secret: str,
             values: dict[str, str]) -> Step:
    """SignUp: DONE when the pool confirms users at once, else the confirm page."""
    attributes = [{"Name": name, "Value": value} for name, value in values.items() if value]
    client = areq.client
    result = sign_up(ctx, with_secret_hash(client, username, {
        "ClientId": client["ClientId"], "Username": username, "Password": secret,
        "UserAttributes": attributes}))
    user = ctx.store.users.get_by_sub(areq.pool["Id"], result["UserSub"])
    if result["UserConfirmed"]:
        return Step(DONE, user=user)
    return Step(CONFIRM, user=user, values={"username": username, "notice": delivery_notice(
        result.get("CodeDeliveryDetails"))})


def confirm(ctx: Context, pool: dict, client: dict, username: str, code: str):
    """ConfirmSignUp; returns the user, now CONFIRMED."""
    confirm_sign_up(ctx, with_secret_hash(client, username, {
        "ClientId": client["ClientId"], "Username": username, "ConfirmationCode": code}))
    return users.find_user(ctx, pool, username)


def resend(ctx: Context, areq: AuthorizeRequest, username: str) -> Step:
    """ResendConfirmationCode: the confirm page again, saying where the new code went."""
    client = areq.client
    sent = resend_confirmation_code(ctx, with_secret_hash(client, username, {
        "ClientId": client["ClientId"], "Username": username}))
    return Step(CONFIRM, values={"username": username,
                                 "notice": delivery_notice(sent.get("CodeDeliveryDetails"))})


def forgot(ctx: Context, areq: AuthorizeRequest, username: str) -> Step:
    """ForgotPassword: the page to enter the code and a new password."""
    client = areq.client
    sent = forgot_password(ctx, with_secret_hash(client, username, {
        "ClientId": client["ClientId"], "Username": username}))
    return Step(CONFIRM_FORGOT_PASSWORD, values={
        "username": username, "notice": delivery_notice(sent.get("CodeDeliveryDetails"))})


def reset(ctx: Context, areq: AuthorizeRequest, username: str, code: str, secret: str) -> Step:
    """ConfirmForgotPassword: back to the sign-in page with the new password."""
    client = areq.client
    confirm_forgot_password(ctx, with_secret_hash(client, username, {
        "ClientId": client["ClientId"], "Username": username, "ConfirmationCode": code,
        "Password": secret}))
    return Step(LOGIN, values={"username": username,
                               "notice": "Your password has been reset. Sign in with your new "
                                         "password."})
