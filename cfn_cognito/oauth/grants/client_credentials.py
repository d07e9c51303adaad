"""grant_type=client_credentials: an access token for the client itself (machine to machine),
carrying resource-server scopes only. `sub` is the client id; there is no user, no ID token
and no refresh token."""

from __future__ import annotations

from typing import Mapping

from cfn_cognito.context import Context
from cfn_cognito.idp.issuer import keys
from cfn_cognito.idp.issuer import tokens
from cfn_cognito.idp.appclients.clients import token_validity_seconds
from cfn_cognito.oauth import scopes as scope_rules
from cfn_cognito.oauth.errors import InvalidScopeError
from cfn_cognito.oauth.grants.flows import require_flow

GRANT_TYPE = "client_credentials"


def _existing_scopes(ctx: Context, pool_id: str) -> set[str]:
    return {f"{server['Identifier']}/{scope['ScopeName']}"
            for server in ctx.store.resource_servers.all(pool_id)
            for scope in server.get("Scopes", [])}


def exchange(ctx: Context, pool: dict, client: dict, form: Mapping) -> dict:
    require_flow(client, "client_credentials")
    allowed = scope_rules.custom(client.get("AllowedOAuthScopes") or [])
    requested = scope_rules.parse(form.get("scope"))
    if requested is not None and any(scope not in allowed for scope in requested):
        raise InvalidScopeError("a requested scope is not allowed for the client")
    existing = _existing_scopes(ctx, pool["Id"])
    granted = [s for s in (allowed if requested is None else requested) if s in existing]
    if not granted:
        raise InvalidScopeError("no resource-server scope to grant")
    now = int(ctx.now())
    lifetime = token_validity_seconds(client, "AccessToken")
    claims = {
        "sub": client["ClientId"],
        "token_use": keys.ACCESS,
        "scope": " ".join(granted),
        "auth_time": now,
        "iss": tokens.issuer(ctx.settings, pool["Id"]),
        "exp": now + lifetime,
        "iat": now,
        "version": tokens.OAUTH_TOKEN_VERSION,
        "jti": tokens.new_uuid(ctx),
        "client_id": client["ClientId"],
    }
    access_token = tokens.sign(keys.signing_key(ctx, pool["Id"], keys.ACCESS), claims)
    return {"access_token": access_token, "expires_in": lifetime, "token_type": "Bearer"}
