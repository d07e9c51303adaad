"""The hosted UI's passkeys, where the pool allows WEB_AUTHN and has a managed login
(version 2) domain, as AWS's managed login offers them (the classic hosted UI has none).

Sign-in: the user names themselves, the /passkey page runs navigator.credentials.get()
with the WEB_AUTHN challenge's options and posts the assertion back; both halves are the
API's own USER_AUTH code (through idp/signin.py), with the same checks and refusals.
Registration: a user who signed in another way and has no passkey is offered to add one
(/passkeyAdd runs navigator.credentials.create()), or to go on to the app without."""

from __future__ import annotations

import json

from cfn_cognito.context import Context
from cfn_cognito.idp import signin as idp_signin
from cfn_cognito.idp.appclients import secret_hash
from cfn_cognito.idp.errors import InvalidParameterException, NotAuthorizedException
from cfn_cognito.oauth import signin
from cfn_cognito.oauth.authorize import AuthorizeRequest

PASSKEY = "passkey"


def offered(ctx: Context, areq: AuthorizeRequest) -> bool:
    return idp_signin.passkeys_offered(ctx, areq.pool)


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


PASSKEY_ADD = "passkey_add"


def prompt(ctx: Context, areq: AuthorizeRequest, user) -> dict | None:
    """The values of the add-a-passkey page for `user`, just signed in, or None when it is
    not due."""
    if not idp_signin.passkey_prompt_due(ctx, areq.pool, user):
        return None
    return {"username": user.username,
            "options": idp_signin.passkey_registration(ctx, areq.pool, user)}


def add(ctx: Context, areq: AuthorizeRequest, user, credential: str) -> None:
    """Keep the passkey the browser made; AWS's refusals of CompleteWebAuthnRegistration
    otherwise."""
    try:
        parsed = json.loads(credential)
    except ValueError:
        parsed = None
    if not isinstance(parsed, dict):
        raise InvalidParameterException("The credential is not a WebAuthn credential.")
    idp_signin.register_passkey(ctx, areq.pool, user, parsed)
