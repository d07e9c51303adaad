"""grant_type=urn:ietf:params:oauth:grant-type:token-exchange (RFC 8693): GetDerivedToken
through the token endpoint ([D] AWS's token exchange guide: "directly with the AWS SDK, or
through the Token endpoint with a token-exchange grant"). The form's RFC 8693 parameters
become GetDerivedToken's request; the exchange itself is idp/issuer/token_exchange.py."""

from __future__ import annotations

from typing import Mapping

from cfn_cognito.context import Context
from cfn_cognito.errors import AwsError
from cfn_cognito.idp.issuer import token_exchange
from cfn_cognito.oauth.errors import (
    InvalidGrantError,
    InvalidRequestError,
    InvalidScopeError,
    UnauthorizedClientError,
)

GRANT_TYPE = "urn:ietf:params:oauth:grant-type:token-exchange"
_PREFIX = "urn:ietf:params:oauth:token-type:"
# RFC 8693 §3 token type URIs and GetDerivedToken's names for them.
TOKEN_TYPES = {_PREFIX + "access_token": "ACCESS_TOKEN", _PREFIX + "id_token": "ID_TOKEN",
               _PREFIX + "saml2": "SAML2"}
ISSUED = {"ACCESS_TOKEN": _PREFIX + "access_token", "ID_TOKEN": _PREFIX + "id_token"}


def _type(form: Mapping, name: str, required: bool) -> str | None:
    value = form.get(name)
    if not value:
        if required:
            raise InvalidRequestError(f"{name} is required")
        return None
    if value not in TOKEN_TYPES:
        raise InvalidRequestError(f"unsupported {name}")
    return TOKEN_TYPES[value]


def exchange(ctx: Context, pool: dict, client: dict, form: Mapping) -> dict:
    if not form.get("subject_token"):
        raise InvalidRequestError("subject_token is required")
    req = {"SubjectToken": form["subject_token"],
           "SubjectTokenType": _type(form, "subject_token_type", True)}
    if form.get("actor_token"):
        req.update(ActorToken=form["actor_token"],
                   ActorTokenType=_type(form, "actor_token_type", True))
    requested = _type(form, "requested_token_type", False)
    if requested == "SAML2":
        raise InvalidRequestError("a SAML 2.0 assertion can not be issued")
    if requested:
        req["RequestedTokenType"] = requested
    if form.get("scope"):
        req["Scopes"] = form["scope"].split()
    for name, member in (("audience", "Audiences"), ("resource", "Resources")):
        if form.get(name):
            # RFC 8693 §2.1: either may be given more than once.
            req[member] = form.getlist(name) if hasattr(form, "getlist") else [form[name]]
    try:
        out = token_exchange.derive(ctx, pool, client, req)
    except AwsError as err:
        raise _oauth_error(err) from None
    return {"access_token": out["IssuedToken"], "issued_token_type": ISSUED[out["IssuedTokenType"]],
            "token_type": out["TokenType"], "expires_in": out["ExpiresIn"],
            "scope": " ".join(out["Scopes"])}


def _oauth_error(err: AwsError):
    """RFC 8693 §2.2.2 / RFC 6749 §5.2 errors for the exchange's refusals."""
    if err.code == "NotAuthorizedException":
        return InvalidGrantError(err.message)
    if "flow not enabled" in err.message:
        return UnauthorizedClientError(err.message)
    if "scope" in err.message.lower():
        return InvalidScopeError(err.message)
    return InvalidRequestError(err.message)
