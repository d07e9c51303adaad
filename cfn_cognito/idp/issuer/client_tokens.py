"""Machine-to-machine access tokens: an app client's own token, carrying resource-server
scopes only; `sub` is the client id, there is no user, no ID token and no refresh token.
Issued by /oauth2/token's client_credentials grant and by GetClientToken alike (the
PreTokenGeneration trigger does not run for either here, so ClientMetadata has no reader)."""

from __future__ import annotations

from cfn_cognito.context import Context
from cfn_cognito.idp.appclients import clients, secret_hash
from cfn_cognito.idp.appclients.clients import token_validity_seconds
from cfn_cognito.idp.errors import InvalidParameterException, NotAuthorizedException
from cfn_cognito.idp.issuer import keys, tokens


def resource_server_scopes(ctx: Context, pool_id: str) -> set[str]:
    """Every `identifier/scope` the pool's resource servers define."""
    return {f"{server['Identifier']}/{scope['ScopeName']}"
            for server in ctx.store.resource_servers.all(pool_id)
            for scope in server.get("Scopes", [])}


def issue(ctx: Context, pool: dict, client: dict, scopes: list[str]) -> tuple[str, int]:
    """(the signed access token, its lifetime in seconds) for `scopes` already granted."""
    now = int(ctx.now())
    lifetime = token_validity_seconds(client, "AccessToken")
    claims = {
        "sub": client["ClientId"],
        "token_use": keys.ACCESS,
        "scope": " ".join(scopes),
        "auth_time": now,
        "iss": tokens.issuer(ctx.settings, pool["Id"]),
        "exp": now + lifetime,
        "iat": now,
        "version": tokens.OAUTH_TOKEN_VERSION,
        "jti": tokens.new_uuid(ctx),
        "client_id": client["ClientId"],
    }
    return tokens.sign(keys.signing_key(ctx, pool["Id"], keys.ACCESS), claims), lifetime


def get_client_token(ctx: Context, req: dict) -> dict:
    """[D] GetClientToken: the client's ID and an active secret, the client allowing
    ALLOW_CLIENT_TOKEN_AUTH; the requested Scopes (each a resource-server scope the client
    may have), or without them every scope configured for the client."""
    pool, client = clients.find(ctx, req["ClientId"])
    if not secret_hash.is_secret_of(client, req["Secret"]):
        raise NotAuthorizedException("Client authentication failed.")  # [U] wording
    if clients.CLIENT_TOKEN_FLOW not in clients.auth_flows(client):
        raise InvalidParameterException("Auth flow not enabled for this client")
    allowed = [s for s in client.get("AllowedOAuthScopes") or []
               if s not in clients.RESERVED_SCOPES]
    existing = resource_server_scopes(ctx, pool["Id"])
    requested = req.get("Scopes")
    for scope in requested or []:
        if scope not in allowed or scope not in existing:
            raise InvalidParameterException(  # [U] wording
                f"Invalid scope requested: {scope}")
    granted = [s for s in (requested or allowed) if s in existing]
    if not granted:
        raise InvalidParameterException(  # [U] wording
            "The app client has no resource-server scope to grant.")
    access_token, lifetime = issue(ctx, pool, client, granted)
    return {"ClientAuthenticationResult": {"AccessToken": access_token, "ExpiresIn": lifetime,
                                           "TokenType": "Bearer"}}
