"""Signing in on the hosted UI, without any web framework: the password form and the
new-password step of a FORCE_CHANGE_PASSWORD user.

The checks are those of the API's password flow (idp/signin.py's password: unknown
user, disabled, reset required, lockout, the password), so the page refuses exactly what
InitiateAuth refuses, with the same messages. Each function returns the Step the browser
goes to next; AwsError (with AWS's message, shown on the page) when the form was refused.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from cfn_cognito.context import Context
from cfn_cognito.errors import AwsError
from cfn_cognito.idp import signin
from cfn_cognito.idp.appclients import secret_hash
from cfn_cognito.idp.accounts import users
from cfn_cognito.idp.errors import NotAuthorizedException, UserNotConfirmedException
from cfn_cognito.idp.accounts.sign_up import resend_confirmation_code
from cfn_cognito.oauth.authorize import AuthorizeRequest

DONE = "done"
CONFIRM = "confirm"
NEW_PASSWORD = "new_password"
NOT_CONFIRMED = signin.NOT_CONFIRMED


@dataclass
class Step:
    """Where the browser goes next: DONE (signed in: `user` is set) or the page to show, with
    what it needs (`values`). CONFIRM with a `user` is the account of someone who proved its
    password in this browser (signing up or in): confirming the code signs them in."""

    page: str
    user: object = None
    values: dict = field(default_factory=dict)


def auth_request(ctx: Context, areq: AuthorizeRequest, params: dict | None = None,
                 session: str | None = None):
    return signin.request(ctx, areq.pool, areq.client, params, session)


def with_secret_hash(client: dict, username: str, req: dict) -> dict:
    """An API request made on the user's behalf by the hosted UI, which knows the client's
    secret and so signs for it."""
    if client.get("ClientSecret"):
        req["SecretHash"] = secret_hash.compute(client["ClientId"], client["ClientSecret"],
                                                username)
    return req


def delivery_notice(details: dict | None) -> str:
    """What the confirm pages say about where the code went."""
    if not details:
        return "We have sent you a code. Enter it below."
    medium = "SMS" if details.get("DeliveryMedium") == "SMS" else "email"
    return f"We have sent a code by {medium} to {details.get('Destination', '')}. Enter it below."


def password(ctx: Context, areq: AuthorizeRequest, username: str, secret: str) -> Step:
    """The sign-in form: who the user is, then where they go."""
    if not username or not secret:
        raise NotAuthorizedException(signin.INCORRECT)
    user = signin.password(auth_request(ctx, areq), username, secret)
    return after_password(ctx, areq, user, username)


def after_password(ctx: Context, areq: AuthorizeRequest, user, username: str) -> Step:
    if user.status == users.UNCONFIRMED:
        # As the hosted UI does: a fresh code, and the page to enter it.
        try:
            sent = resend_confirmation_code(ctx, with_secret_hash(
                areq.client, username, {"ClientId": areq.client["ClientId"], "Username": username}))
        except AwsError:
            raise UserNotConfirmedException(NOT_CONFIRMED) from None
        return Step(CONFIRM, user=user, values={
            "username": username, "notice": delivery_notice(sent.get("CodeDeliveryDetails"))})
    if user.status == users.FORCE_CHANGE_PASSWORD:
        if users.temporary_password_expired(ctx, user):
            raise NotAuthorizedException(
                "Temporary password has expired and must be reset by an administrator.")
        challenge = signin.new_password_challenge(auth_request(ctx, areq), user)
        required = json.loads(challenge["ChallengeParameters"]["requiredAttributes"])
        return Step(NEW_PASSWORD, values={
            "username": user.username, "session": challenge["Session"],
            "required": [name.removeprefix(signin.ATTRIBUTE_PREFIX) for name in required]})
    return _mfa_or_done(ctx, areq, user)


def _mfa_or_done(ctx: Context, areq: AuthorizeRequest, user) -> Step:
    """The MFA page when the user has a challenge to answer (oauth/mfa_step.py); else done."""
    from cfn_cognito.oauth import mfa_step  # it builds on this module's Step
    step = mfa_step.first(ctx, areq, user)
    if step is not None:
        return step
    signin.finished(auth_request(ctx, areq), user)
    return Step(DONE, user=user)


def set_new_password(ctx: Context, areq: AuthorizeRequest, session: str, secret: str,
                     required: dict[str, str]) -> Step:
    """The new-password page: the permanent password (and any required attributes)."""
    params = {signin.ATTRIBUTE_PREFIX + name: value for name, value in required.items()}
    user = signin.set_new_password(auth_request(ctx, areq, params, session), secret)
    return _mfa_or_done(ctx, areq, user)
