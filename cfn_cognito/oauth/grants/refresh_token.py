"""grant_type=refresh_token: new ID and access tokens from a refresh token of this client,
with the scopes of the sign-in it came from (and a new refresh token when the client rotates
them)."""

from __future__ import annotations

from typing import Mapping

from cfn_cognito.context import Context
from cfn_cognito.errors import AwsError
from cfn_cognito.idp import signin
from cfn_cognito.idp.issuer import refresh_tokens
from cfn_cognito.oauth.errors import InvalidGrantError, InvalidRequestError
from cfn_cognito.oauth.grants.response import token_response

GRANT_TYPE = "refresh_token"


def exchange(ctx: Context, pool: dict, client: dict, form: Mapping) -> dict:
    token = form.get("refresh_token")
    if not token:
        raise InvalidRequestError("refresh_token is required")
    rotate = (client.get("RefreshTokenRotation") or {}).get("Feature") == "ENABLED"
    try:
        record = refresh_tokens.lookup(ctx, token, client["ClientId"])
        # The client proved itself with its secret already: no SECRET_HASH here.
        result = signin.refresh(signin.request(ctx, pool, client), token, rotate=rotate)
    except AwsError as err:
        raise InvalidGrantError(err.message) from None
    return token_response(result, ctx.store.oauth.grant_scopes(pool["Id"], record.origin_jti))
