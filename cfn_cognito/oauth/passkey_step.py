"""The hosted UI's passkey sign-in (where the pool allows WEB_AUTHN, as AWS's managed login
offers it): the user names themselves, the /passkey page runs navigator.credentials.get()
with the WEB_AUTHN challenge's options, and posts the assertion back. Both halves are the
API's own USER_AUTH code (through idp/signin.py): the same checks and refusals."""

from __future__ import annotations

import json

from cfn_cognito.context import Context
from cfn_cognito.idp import signin as idp_signin
from cfn_cognito.idp.appclients import secret_hash
from cfn_cognito.idp.errors import NotAuthorizedException
from cfn_cognito.oauth import signin
from cfn_cognito.oauth.authorize import AuthorizeRequest

PASSKEY = "passkey"


def offered(areq: AuthorizeRequest) -> bool:
    return idp_signin.passkeys_enabled(areq.pool)


def _params(areq: AuthorizeRequest, username: str) -> dict:
    """The hosted UI knows the client's secret, so it signs its requests with it."""
    if not areq.client.get("ClientSecret"):
        return {}
    return {"SECRET_HASH": secret_hash.compute(areq.client["ClientId"],
                                               areq.client["ClientSecret"], username)}


def start(ctx: Context, areq: AuthorizeRequest, username: str) -> signin.Step:
    """The page that asks the browser for the user's passkey."""
    if not username:
        raise NotAuthorizedException(idp_signin.INCORRECT)
    req = signin.auth_request(ctx, areq, _params(areq, username))
    challenge = idp_signin.passkey_challenge(req, username)
    return signin.Step(PASSKEY, values={
        "username": username, "session": challenge["Session"],
        # Parsed, so that the page writes it back escaped (tojson) inside its script tag.
        "options": json.loads(challenge["ChallengeParameters"]["CREDENTIAL_REQUEST_OPTIONS"])})


def answer(ctx: Context, areq: AuthorizeRequest, username: str, session: str,
           credential: str) -> signin.Step:
    """Signed in by the passkey: no MFA step follows (a passkey is offered only where it
    may stand alone, idp/auth/user_auth.py)."""
    req = signin.auth_request(ctx, areq, _params(areq, username), session)
    user = idp_signin.passkey(req, username, credential)
    idp_signin.finished(req, user)
    return signin.Step(signin.DONE, user=user)
