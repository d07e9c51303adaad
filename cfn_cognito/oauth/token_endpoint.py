"""POST /oauth2/token: authenticate the client, then hand the form to the grant it names."""

from __future__ import annotations

from typing import Mapping

from cfn_cognito.context import Context
from cfn_cognito.oauth import client_auth
from cfn_cognito.oauth.errors import InvalidRequestError, OAuthError, UnsupportedGrantTypeError
from cfn_cognito.oauth.grants import GRANTS
from cfn_cognito.oauth.reply import Reply, json_reply

FORM = "application/x-www-form-urlencoded"


def token(ctx: Context, form: Mapping, *, content_type: str, authorization: str | None,
          host_pool_id: str | None) -> Reply:
    try:
        if content_type.split(";")[0].strip().lower() != FORM:
            raise InvalidRequestError(f"Content-Type must be {FORM}")
        grant_type = form.get("grant_type")
        if not grant_type:
            raise InvalidRequestError("grant_type is required")
        grant = GRANTS.get(grant_type)
        if grant is None:
            raise UnsupportedGrantTypeError(f"grant_type {grant_type!r}")
        pool, client = client_auth.authenticate(ctx, form, authorization, host_pool_id)
        return json_reply(grant.exchange(ctx, pool, client, form))
    except OAuthError as err:
        return err.json_reply()
