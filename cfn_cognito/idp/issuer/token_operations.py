"""Operations on refresh tokens and sessions: GetTokensFromRefreshToken, RevokeToken,
AdminUserGlobalSignOut."""

from __future__ import annotations

from cfn_cognito.context import Context
from cfn_cognito.idp.issuer import refresh_tokens
from cfn_cognito.idp.appclients import secret_hash
from cfn_cognito.idp.accounts import users
from cfn_cognito.idp.auth import refresh_flow
from cfn_cognito.idp.auth.request import AuthRequest
from cfn_cognito.idp.appclients.clients import find_client
from cfn_cognito.idp.errors import (
    NotAuthorizedException,
    UnauthorizedException,
    UnsupportedOperationException,
    UnsupportedTokenTypeException,
)
from cfn_cognito.idp.userpools.pools import get_pool


def _check_client_secret(client: dict, given: str | None, error) -> None:
    if client.get("ClientSecret") and not secret_hash.is_secret_of(client, given):
        raise error


def get_tokens_from_refresh_token(ctx: Context, req: dict) -> dict:
    client = find_client(ctx, req["ClientId"])
    pool = get_pool(ctx, client["UserPoolId"])
    _check_client_secret(client, req.get("ClientSecret"), NotAuthorizedException(
        f"Unable to verify secret hash for client {client['ClientId']}"))
    rotation = (client.get("RefreshTokenRotation") or {}).get("Feature") == "ENABLED"
    # DeviceKey is InitiateAuth's DEVICE_KEY by another name.
    params = {"DEVICE_KEY": req["DeviceKey"]} if req.get("DeviceKey") else {}
    request = AuthRequest(ctx, pool, client, params, admin=False,
                          client_metadata=dict(req.get("ClientMetadata") or {}))
    result = refresh_flow.renew(request, req["RefreshToken"], rotate=rotation,
                                 secret_hash_due=False)
    return {"AuthenticationResult": result}


def revoke_token(ctx: Context, req: dict) -> dict:
    client = find_client(ctx, req["ClientId"])
    _check_client_secret(client, req.get("ClientSecret"),
                         UnauthorizedException("Client authentication failed."))
    if client.get("EnableTokenRevocation") is False:
        raise UnsupportedOperationException("Token revocation is not enabled for this client.")
    token = req["Token"]
    if token.count(".") == 2:
        raise UnsupportedTokenTypeException("The token type is not supported.")
    try:
        record = refresh_tokens.lookup(ctx, token, client["ClientId"])
    except NotAuthorizedException:
        # Revoking a token that is unknown, expired or revoked already changes nothing.
        return {}
    refresh_tokens.revoke(ctx, record)
    return {}


def admin_user_global_sign_out(ctx: Context, req: dict) -> dict:
    pool = get_pool(ctx, req["UserPoolId"])
    user = users.get_user(ctx, pool, req["Username"])
    refresh_tokens.revoke_all_for_user(ctx, pool["Id"], user.sub)
    return {}
