"""grant_type=client_credentials: an access token for the client itself (machine to machine,
idp/issuer/client_tokens.py), carrying resource-server scopes only."""

from __future__ import annotations

from typing import Mapping

from cfn_cognito.context import Context
from cfn_cognito.idp.issuer import client_tokens
from cfn_cognito.oauth import scopes as scope_rules
from cfn_cognito.oauth.errors import InvalidScopeError
from cfn_cognito.oauth.grants.flows import require_flow

GRANT_TYPE = "client_credentials"


def exchange(ctx: Context, pool: dict, client: dict, form: Mapping) -> dict:
    require_flow(client, "client_credentials")
    allowed = scope_rules.custom(client.get("AllowedOAuthScopes") or [])
    requested = scope_rules.parse(form.get("scope"))
    if requested is not None and any(scope not in allowed for scope in requested):
        raise InvalidScopeError("a requested scope is not allowed for the client")
    existing = client_tokens.resource_server_scopes(ctx, pool["Id"])
    granted = [s for s in (allowed if requested is None else requested) if s in existing]
    if not granted:
        raise InvalidScopeError("no resource-server scope to grant")
    access_token, lifetime = client_tokens.issue(ctx, pool, client, granted)
    return {"access_token": access_token, "expires_in": lifetime, "token_type": "Bearer"}
