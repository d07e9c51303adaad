"""grant_type=authorization_code: a code from /oauth2/authorize for ID, access and refresh
tokens. The code must be this client's, sent with the same redirect_uri, and with PKCE's
code_verifier when it was issued with a code_challenge."""

from __future__ import annotations

from typing import Mapping

from cfn_cognito.context import Context
from cfn_cognito.errors import AwsError
from cfn_cognito.idp.issuer import authorization_codes as codes
from cfn_cognito.idp import signin
from cfn_cognito.idp.accounts import users
from cfn_cognito.oauth import pkce
from cfn_cognito.oauth.errors import InvalidGrantError, InvalidRequestError
from cfn_cognito.oauth.grants.flows import require_flow
from cfn_cognito.oauth.grants.response import token_response

GRANT_TYPE = "authorization_code"


def exchange(ctx: Context, pool: dict, client: dict, form: Mapping) -> dict:
    require_flow(client, "code")
    code = form.get("code")
    if not code:
        raise InvalidRequestError("code is required")
    record = codes.redeem(ctx, code)
    if record is None:
        raise InvalidGrantError("the code is unknown, used or expired")
    if record.client_id != client["ClientId"] or record.pool_id != pool["Id"]:
        raise InvalidGrantError("the code was issued to another client")
    if form.get("redirect_uri") != record.redirect_uri:
        raise InvalidGrantError("redirect_uri differs from the authorization request's")
    if record.code_challenge and not pkce.verifies(record.code_challenge,
                                                   form.get("code_verifier")):
        raise InvalidGrantError("code_verifier does not match the code_challenge")
    user = ctx.store.users.get_by_sub(pool["Id"], record.sub)
    if user is None or not user.enabled or user.status != users.CONFIRMED:
        raise InvalidGrantError("the user can no longer sign in")
    try:
        result = signin.issue_tokens(signin.request(ctx, pool, client), user,
                                     scopes=record.scopes, nonce=record.nonce,
                                     auth_time=record.auth_time,
                                     origin_session=record.sso_session)
    except AwsError as err:
        raise InvalidGrantError(err.message) from None
    return token_response(result, record.scopes)
