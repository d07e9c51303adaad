"""AssociateSoftwareToken and VerifySoftwareToken: with an access token (a signed-in user
adding an authenticator) or with the Session of an MFA_SETUP challenge (a sign-in that must
set one up first; see auth/mfa_answers.py)."""

from __future__ import annotations

from cfn_cognito.context import Context
from cfn_cognito.idp.userpools import mfa_settings
from cfn_cognito.idp.accounts.access_token_operations import caller
from cfn_cognito.idp.auth import mfa_answers
from cfn_cognito.idp.errors import InvalidParameterException


def _need_one(req: dict) -> None:
    if not req.get("AccessToken") and not req.get("Session"):
        raise InvalidParameterException(  # [U] wording
            "Either AccessToken or Session must be provided.")


def associate_software_token(ctx: Context, req: dict) -> dict:
    _need_one(req)
    if req.get("AccessToken"):
        c = caller(ctx, req["AccessToken"])
        return {"SecretCode": mfa_settings.associate_token(ctx, c.pool, c.user)}
    return mfa_answers.associate_in_session(ctx, req["Session"])


def verify_software_token(ctx: Context, req: dict) -> dict:
    _need_one(req)
    if req.get("AccessToken"):
        c = caller(ctx, req["AccessToken"])
        mfa_settings.verify_token(ctx, c.pool, c.user, req["UserCode"], enable=False)
        return {"Status": "SUCCESS"}
    return mfa_answers.verify_in_session(ctx, req["Session"], req["UserCode"])
