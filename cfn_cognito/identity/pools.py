"""Identity pools: Create/Describe/List/Update/DeleteIdentityPool.

A pool is stored as one document: the IdentityPool shape under "IdentityPool", and beside it
what other operations set: "Roles" and "RoleMappings" (SetIdentityPoolRoles) and
"PrincipalTags" (SetPrincipalTagAttributeMap, by provider name).
"""

from __future__ import annotations

import copy

from cfn_cognito.context import Context
from cfn_cognito.identity import ids, providers
from cfn_cognito.identity.errors import InvalidParameterException, ResourceNotFoundException
from cfn_cognito.idp import pagination

# The optional members of a Create/UpdateIdentityPool request that configure the pool.
_OPTIONAL = ("SupportedLoginProviders", "DeveloperProviderName", "OpenIdConnectProviderARNs",
             "CognitoIdentityProviders", "SamlProviderARNs")


def get_pool_doc(ctx: Context, pool_id: str) -> dict:
    """The stored pool document, or ResourceNotFoundException as AWS words it."""
    doc = ctx.store.identity.pools.get("", pool_id)
    if doc is None:
        raise ResourceNotFoundException(f"IdentityPool '{pool_id}' not found.")
    return doc


def get_identity_pool(ctx: Context, pool_id: str) -> dict:
    """The IdentityPool shape of a pool (ResourceNotFoundException if there is none)."""
    return get_pool_doc(ctx, pool_id)["IdentityPool"]


def save_pool_doc(ctx: Context, doc: dict) -> None:
    ctx.store.identity.pools.replace("", doc["IdentityPool"]["IdentityPoolId"], doc)


def _cognito_providers(ctx: Context, given: list[dict]) -> list[dict]:
    out, seen = [], set()
    for provider in given:
        name, client_id = provider.get("ProviderName"), provider.get("ClientId")
        if not name or providers.user_pool_id(ctx.settings, name) is None:
            raise InvalidParameterException(
                f"Invalid Cognito Identity Provider name: {name or 'null'}. Expected "
                "cognito-idp.<region>.amazonaws.com/<user pool id>.")
        if not client_id:
            raise InvalidParameterException(
                f"A ClientId is required for Cognito Identity Provider {name}.")
        key = (providers.canonical(ctx.settings, name), client_id)
        if key in seen:
            raise InvalidParameterException(
                f"Duplicate Cognito Identity Provider: {name} with ClientId {client_id}.")
        seen.add(key)
        out.append({"ProviderName": name, "ClientId": client_id,
                    "ServerSideTokenCheck": bool(provider.get("ServerSideTokenCheck", False))})
    return out


def _configured(ctx: Context, req: dict, pool_id: str, previous: dict | None) -> dict:
    """The IdentityPool shape for a Create or Update request."""
    req = dict(req)
    kept = (previous or {}).get("DeveloperProviderName")
    if kept:
        # Once set it stays: an update may repeat it or leave it out, not change it.
        if req.setdefault("DeveloperProviderName", kept) != kept:
            raise InvalidParameterException(
                "DeveloperProviderName cannot be changed once it is set.")
    pool = {"IdentityPoolId": pool_id, "IdentityPoolName": req["IdentityPoolName"],
            "AllowUnauthenticatedIdentities": req["AllowUnauthenticatedIdentities"],
            "AllowClassicFlow": bool(req.get("AllowClassicFlow", False))}
    for member in _OPTIONAL:
        value = req.get(member)
        if member == "CognitoIdentityProviders" and value:
            value = _cognito_providers(ctx, value)
        if value:
            pool[member] = copy.deepcopy(value)
    if "IdentityPoolTags" in req or previous is None:
        pool["IdentityPoolTags"] = dict(req.get("IdentityPoolTags") or {})
    else:
        pool["IdentityPoolTags"] = dict(previous.get("IdentityPoolTags") or {})
    return pool


def create_identity_pool(ctx: Context, req: dict) -> dict:
    pool_id = ids.identity_pool_id(ctx.rng, ctx.settings.region)
    pool = _configured(ctx, req, pool_id, None)
    doc = {"IdentityPool": pool, "Roles": {}, "RoleMappings": {}, "PrincipalTags": {}}
    ctx.store.identity.pools.insert("", pool_id, doc)
    return copy.deepcopy(pool)


def describe_identity_pool(ctx: Context, req: dict) -> dict:
    return copy.deepcopy(get_identity_pool(ctx, req["IdentityPoolId"]))


def list_identity_pools(ctx: Context, req: dict) -> dict:
    after = pagination.decode(req.get("NextToken"))
    docs, next_after = ctx.store.identity.pools.page("", after, req["MaxResults"])
    result = {"IdentityPools": [
        {k: d["IdentityPool"][k] for k in ("IdentityPoolId", "IdentityPoolName")} for d in docs]}
    if next_after is not None:
        result["NextToken"] = pagination.encode(next_after)
    return result


def update_identity_pool(ctx: Context, req: dict) -> dict:
    with ctx.store.write():
        doc = get_pool_doc(ctx, req["IdentityPoolId"])
        doc["IdentityPool"] = _configured(ctx, req, req["IdentityPoolId"], doc["IdentityPool"])
        save_pool_doc(ctx, doc)
    return copy.deepcopy(doc["IdentityPool"])


def delete_identity_pool(ctx: Context, req: dict) -> dict:
    with ctx.store.write():
        get_pool_doc(ctx, req["IdentityPoolId"])
        ctx.store.identity.delete_pool(req["IdentityPoolId"])
    return {}
