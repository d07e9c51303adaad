"""POST /oauth2/revoke: revoke a refresh token (and the access tokens issued with it) as the
RevokeToken operation does. An unknown or already revoked token is a success too."""

from __future__ import annotations

from typing import Mapping

from cfn_cognito.context import Context
from cfn_cognito.idp.errors import UnsupportedOperationException, UnsupportedTokenTypeException
from cfn_cognito.idp.issuer.token_operations import revoke_token
from cfn_cognito.oauth import client_auth
from cfn_cognito.oauth.errors import (
    InvalidClientError,
    InvalidRequestError,
    OAuthError,
    UnsupportedTokenTypeError,
)
from cfn_cognito.oauth.reply import NO_STORE, Reply


class _InvalidClient(InvalidClientError):
    status = 401


def revoke(ctx: Context, form: Mapping, *, authorization: str | None,
           host_pool_id: str | None) -> Reply:
    try:
        token = form.get("token")
        if not token:
            raise InvalidRequestError("token is required")
        try:
            _, client = client_auth.authenticate(ctx, form, authorization, host_pool_id)
        except InvalidClientError as err:
            raise _InvalidClient(err.description) from None
        try:
            revoke_token(ctx, {"ClientId": client["ClientId"], "Token": token,
                               "ClientSecret": client.get("ClientSecret")})
        except UnsupportedOperationException as err:
            raise InvalidRequestError(err.message) from None
        except UnsupportedTokenTypeException as err:
            raise UnsupportedTokenTypeError(err.message) from None
    except OAuthError as err:
        return err.json_reply()
    return Reply(200, "", dict(NO_STORE))
