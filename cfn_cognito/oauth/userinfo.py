"""GET|POST /oauth2/userInfo: the signed-in user's attributes for an access token that holds
the openid scope, limited by its other OIDC scopes as the ID token is.

As AWS's sample answers show, values are the stored strings ("email_verified": "true") and
`username` comes last.
"""

from __future__ import annotations

from cfn_cognito.context import Context
from cfn_cognito.errors import AwsError
from cfn_cognito.idp.accounts import attributes
from cfn_cognito.idp.issuer import tokens
from cfn_cognito.oauth.errors import InvalidRequestError, InvalidTokenError, OAuthError
from cfn_cognito.oauth.reply import Reply, json_reply
from cfn_cognito.oauth.scopes import OPENID

BAD_REQUEST = "Bad OAuth2 request at UserInfo Endpoint"
BAD_TOKEN = ("Access token is expired, disabled, or deleted, or the user has globally "
             "signed out.")
NO_OPENID = "Access token does not contain openid scope"


def _challenge(err: OAuthError) -> dict:
    return {"WWW-Authenticate": f'error="{err.error}", error_description="{err.description}"'}


def _bearer(authorization: str | None) -> str | None:
    if not authorization or authorization[:7].lower() != "bearer ":
        return None
    return authorization[7:].strip() or None


def userinfo(ctx: Context, authorization: str | None, host_pool_id: str | None = None) -> Reply:
    """The answer for this Authorization header; on a pool's domain (`host_pool_id`), only that
    pool's access tokens are good."""
    try:
        return json_reply(_claims(ctx, authorization, host_pool_id))
    except OAuthError as err:
        return err.json_reply(_challenge(err))


def _claims(ctx: Context, authorization: str | None, host_pool_id: str | None) -> dict:
    token = _bearer(authorization)
    if token is None:
        raise InvalidRequestError(BAD_REQUEST, public=True)
    try:
        claims = tokens.verify_access_token(ctx, token, pool_id=host_pool_id)
    except AwsError:
        raise InvalidTokenError(BAD_TOKEN, public=True) from None
    granted = str(claims.get("scope", "")).split()
    if OPENID not in granted:
        raise InvalidTokenError(NO_OPENID, public=True)
    pool_id = claims["iss"].rsplit("/", 1)[1]
    user = ctx.store.users.get_by_sub(pool_id, claims["sub"])
    if user is None or not user.enabled:
        raise InvalidTokenError(BAD_TOKEN, public=True)
    client = ctx.store.clients.get(pool_id, str(claims.get("client_id", "")))
    visible = attributes.readable(client, [a for a in user.doc.get("Attributes", [])
                                           if a["Name"] != "sub"])
    released = tokens.released_attributes(granted)
    body = {"sub": user.sub}
    for attr in attributes.aws_order(visible):
        if (released is None or attr["Name"] in released) and attr.get("Value") not in (None, ""):
            body[attr["Name"]] = attr["Value"]
    body["username"] = user.username
    return body
