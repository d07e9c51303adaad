"""The table of challenge answers, shared by RespondToAuthChallenge and
AdminRespondToAuthChallenge."""

from __future__ import annotations

from cfn_cognito.idp.auth import (
    custom_auth,
    device_srp,
    mfa_answers,
    new_password,
    outcome,
    user_auth,
    user_srp,
)
from cfn_cognito.idp.auth.request import AuthRequest


def _password_verifier(req: AuthRequest) -> dict:
    """The SRP proof, for USER_SRP_AUTH or for the SRP step a CUSTOM_AUTH began with (whose
    challenge loop then goes on)."""
    user, record = user_srp.prove(req)
    if custom_auth.began_with_srp(record):
        return custom_auth.after_password(req, user, record)
    return outcome.signed_in(req, user)


def _email_otp(req: AuthRequest) -> dict:
    """The code of a passwordless sign-in (USER_AUTH) or of email MFA: both are EMAIL_OTP."""
    if user_auth.is_first_factor(req):
        return user_auth.answer_email_otp(req)
    return mfa_answers.email_otp(req)


CHALLENGES = {
    "PASSWORD_VERIFIER": _password_verifier,
    "NEW_PASSWORD_REQUIRED": new_password.answer,
    custom_auth.CUSTOM_CHALLENGE: custom_auth.answer,
    **mfa_answers.CHALLENGES,
    **device_srp.CHALLENGES,
    **user_auth.CHALLENGES,
    user_auth.EMAIL_OTP: _email_otp,
}
