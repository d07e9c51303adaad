"""Answers to the MFA challenges (SMS_MFA, SOFTWARE_TOKEN_MFA, EMAIL_OTP, SELECT_MFA_TYPE,
MFA_SETUP), and the MFA_SETUP steps AssociateSoftwareToken(Session) and
VerifySoftwareToken(Session), each of which uses up its Session and returns the next one.

A wrong code leaves the session usable (AWS allowed six wrong tries in a row without a
lockout); the right one uses it up.
"""

from __future__ import annotations

from cfn_cognito.context import Context
from cfn_cognito.idp.userpools import mfa_settings as settings
from cfn_cognito.idp.appclients import secret_hash
from cfn_cognito.idp.auth import totp
from cfn_cognito.idp.auth import mfa, outcome, sessions
from cfn_cognito.idp.auth.request import AuthRequest
from cfn_cognito.idp.errors import (
    CodeMismatchException,
    InvalidParameterException,
    NotAuthorizedException,
)
from cfn_cognito.idp.userpools.pools import get_pool

INVALID_CODE = "Invalid code or auth state for the user."
# In an MFA_SETUP session's state: the authenticator's code was checked.
VERIFIED = "verified"


def challenge_session(req: AuthRequest, name: str):
    """(session record, user) of the challenge `name` this answer is for (USERNAME and
    SECRET_HASH checked); CodeMismatchException if the session is another challenge's or
    its user is gone. The session is still to be used up."""
    username = req.require("USERNAME")
    secret_hash.check(req.client, username, req.params.get("SECRET_HASH"))
    if not req.session:
        raise InvalidParameterException("Missing required parameter Session")
    record = sessions.find(req.ctx, req.client, session=req.session)
    user = req.ctx.store.users.get_by_sub(req.pool["Id"], record["state"].get(mfa.SUB, ""))
    if record["challenge"] != name or user is None:
        raise CodeMismatchException(INVALID_CODE)
    return record, user


def _signed_in(req: AuthRequest, record: dict, user) -> dict:
    sessions.use(req.ctx, record)
    return outcome.signed_in(req, user, record["state"][mfa.SOURCE], mfa_done=True)


CODE_PARAMETERS = {settings.SMS: "SMS_MFA_CODE", settings.TOTP: "SOFTWARE_TOKEN_MFA_CODE",
                   settings.EMAIL: "EMAIL_OTP_CODE"}


def proven(req: AuthRequest, name: str):
    """(session record, user) once the code answering challenge `name` (SMS_MFA,
    SOFTWARE_TOKEN_MFA, EMAIL_OTP) is right; CodeMismatchException otherwise. The session
    is still to be used up. (The hosted UI's MFA page uses this too.)"""
    record, user = challenge_session(req, name)
    code = req.require(CODE_PARAMETERS[name])
    if name == settings.TOTP:
        ok = totp.matches(user.doc.get(settings.TOKEN, ""), code, req.ctx.clock())
    else:
        ok = mfa.code_matches(record["state"], code)
    if not ok:
        raise CodeMismatchException(INVALID_CODE)
    return record, user


def _code_answer(name: str):
    def answer(req: AuthRequest) -> dict:
        record, user = proven(req, name)
        return _signed_in(req, record, user)
    return answer


sms_mfa = _code_answer(settings.SMS)
software_token_mfa = _code_answer(settings.TOTP)
email_otp = _code_answer(settings.EMAIL)


def select_mfa_type(req: AuthRequest) -> dict:
    """The challenge of the method chosen (ANSWER) from SELECT_MFA_TYPE's."""
    record, user = challenge_session(req, mfa.SELECT_MFA_TYPE)
    chosen = req.require("ANSWER")
    if chosen not in record["state"].get(mfa.METHODS, []):
        raise InvalidParameterException(f"Invalid MFA type {chosen}")  # [U] wording
    sessions.use(req.ctx, record)
    return mfa.ask(req, user, chosen, record["state"][mfa.SOURCE])


def set_up(req: AuthRequest):
    """(session record, user) of an MFA_SETUP session whose authenticator was verified."""
    record, user = challenge_session(req, mfa.MFA_SETUP)
    if not record["state"].get(VERIFIED):
        raise CodeMismatchException(INVALID_CODE)
    return record, user


def mfa_setup(req: AuthRequest) -> dict:
    record, user = set_up(req)
    return _signed_in(req, record, user)


CHALLENGES = {
    settings.SMS: sms_mfa,
    settings.TOTP: software_token_mfa,
    settings.EMAIL: email_otp,
    mfa.SELECT_MFA_TYPE: select_mfa_type,
    mfa.MFA_SETUP: mfa_setup,
}


# -- AssociateSoftwareToken / VerifySoftwareToken with an MFA_SETUP Session ---------------

def _setup_session(ctx: Context, session: str):
    record = sessions.find_by_token(ctx, session)
    if record["challenge"] != mfa.MFA_SETUP:
        raise NotAuthorizedException(sessions.EXPIRED)
    pool = get_pool(ctx, record["pool_id"])
    client = ctx.store.clients.get(pool["Id"], record["client_id"])
    user = ctx.store.users.get_by_sub(pool["Id"], record["state"].get(mfa.SUB, ""))
    if user is None or client is None:
        raise NotAuthorizedException(sessions.EXPIRED)
    return record, pool, client, user


def _next(ctx: Context, record: dict, pool: dict, client: dict, user, **state) -> str:
    sessions.use(ctx, record)
    return sessions.create(ctx, pool, client, user.username, mfa.MFA_SETUP,
                           {**record["state"], **state})


def associate_in_session(ctx: Context, session: str) -> dict:
    record, pool, client, user = _setup_session(ctx, session)
    secret = settings.associate_token(ctx, pool, user)
    return {"SecretCode": secret, "Session": _next(ctx, record, pool, client, user)}


def verify_in_session(ctx: Context, session: str, code: str) -> dict:
    record, pool, client, user = _setup_session(ctx, session)
    settings.verify_token(ctx, pool, user, code, enable=True)
    return {"Status": "SUCCESS",
            "Session": _next(ctx, record, pool, client, user, **{VERIFIED: True})}
