"""The hosted UI's MFA step: after the password (or the new password), the same MFA
challenge InitiateAuth would give (idp/signin.py), answered on the /mfa page.

MFA_SETUP shows the new authenticator secret (and its otpauth:// URI) straight away and
takes the first code; SELECT_MFA_TYPE offers the user's methods; the code challenges take
the code. Answers are checked by the API's own code (through idp/signin.py).
"""

from __future__ import annotations

import json
from urllib.parse import quote, urlencode

from cfn_cognito.context import Context
from cfn_cognito.idp.appclients import secret_hash
from cfn_cognito.idp import signin as idp_signin
from cfn_cognito.oauth import signin
from cfn_cognito.oauth.authorize import AuthorizeRequest

MFA = "mfa"
LABELS = {"SMS_MFA": "a code by SMS", "EMAIL_OTP": "a code by email",
          "SOFTWARE_TOKEN_MFA": "an authenticator app"}


def first(ctx: Context, areq: AuthorizeRequest, user):
    """The MFA Step for `user` who just proved their password, or None (no MFA)."""
    challenge = idp_signin.mfa_challenge(signin.auth_request(ctx, areq), user)
    return None if challenge is None else _step(ctx, areq, challenge, user.username)


def _step(ctx: Context, areq: AuthorizeRequest, challenge: dict, username: str):
    name, parameters = challenge["ChallengeName"], challenge["ChallengeParameters"]
    values = {"username": username, "challenge": name, "session": challenge["Session"]}
    if name == idp_signin.MFA_SETUP:
        associated = idp_signin.associate_software_token(ctx, challenge["Session"])
        values.update(session=associated["Session"], secret=associated["SecretCode"])
    elif name == idp_signin.SELECT_MFA_TYPE:
        values["methods"] = json.loads(parameters["MFAS_CAN_CHOOSE"])
    else:
        values["destination"] = parameters.get("CODE_DELIVERY_DESTINATION", "")
    return signin.Step(MFA, values=page_values(areq, values))


def page_values(areq: AuthorizeRequest, values: dict) -> dict:
    """What the MFA page shows for a step's values (kept in its form between tries)."""
    out = dict(values)
    if out.get("secret"):
        issuer = areq.pool.get("Name", "cfn-cognito")
        label = quote(f"{issuer}:{out['username']}", safe=":@")
        out["otpauth"] = f"otpauth://totp/{label}?" + urlencode(
            {"secret": out["secret"], "issuer": issuer})
    out["labels"] = LABELS
    return out


def answer(ctx: Context, areq: AuthorizeRequest, values: dict, code: str, choice: str):
    """The MFA form: the next Step (DONE once the code is right); AwsError if refused."""
    username, name, session = values["username"], values["challenge"], values["session"]
    params = {"USERNAME": username}
    if areq.client.get("ClientSecret"):
        params["SECRET_HASH"] = secret_hash.compute(areq.client["ClientId"],
                                                    areq.client["ClientSecret"], username)
    if name == idp_signin.SELECT_MFA_TYPE:
        req = signin.auth_request(ctx, areq, {**params, "ANSWER": choice}, session)
        return _step(ctx, areq, idp_signin.select_mfa_type(req), username)
    user = idp_signin.answer_mfa(signin.auth_request(ctx, areq, params, session), name, code)
    idp_signin.finished(signin.auth_request(ctx, areq), user)
    return signin.Step(signin.DONE, user=user)
