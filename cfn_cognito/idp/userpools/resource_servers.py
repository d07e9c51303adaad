"""Resource servers (custom OAuth scopes): Create/Describe/List/Update/DeleteResourceServer."""

from __future__ import annotations

from cfn_cognito.context import Context
from cfn_cognito.idp import pagination
from cfn_cognito.idp.errors import InvalidParameterException, ResourceNotFoundException
from cfn_cognito.idp.userpools.pools import get_pool

MAX_PAGE = 50  # the model's largest MaxResults for ListResourceServers


def _server(pool_id: str, req: dict) -> dict:
    scopes = [dict(s) for s in req.get("Scopes") or []]
    names = [s["ScopeName"] for s in scopes]
    if len(set(names)) != len(names):
        raise InvalidParameterException("Scope names must be unique within a resource server.")
    return {"UserPoolId": pool_id, "Identifier": req["Identifier"], "Name": req["Name"],
            "Scopes": scopes}


def _get(ctx: Context, pool_id: str, identifier: str) -> dict:
    server = ctx.store.resource_servers.get(pool_id, identifier)
    if server is None:
        raise ResourceNotFoundException(f"Resource server {identifier} does not exist.")
    return server


def create_resource_server(ctx: Context, req: dict) -> dict:
    pool = get_pool(ctx, req["UserPoolId"])
    server = _server(pool["Id"], req)
    if not ctx.store.resource_servers.insert(pool["Id"], server["Identifier"], server):
        raise InvalidParameterException(
            f"{server['Identifier']} already exists in user pool {pool['Id']}.")
    return {"ResourceServer": server}


def describe_resource_server(ctx: Context, req: dict) -> dict:
    pool = get_pool(ctx, req["UserPoolId"])
    return {"ResourceServer": _get(ctx, pool["Id"], req["Identifier"])}


def list_resource_servers(ctx: Context, req: dict) -> dict:
    pool = get_pool(ctx, req["UserPoolId"])
    after = pagination.decode(req.get("NextToken"))
    # MaxResults is optional in the model; without it, a page as large as it may be.
    limit = req.get("MaxResults") or MAX_PAGE
    servers, next_after = ctx.store.resource_servers.page(pool["Id"], after, limit)
    result = {"ResourceServers": servers}
    if next_after is not None:
        result["NextToken"] = pagination.encode(next_after)
    return result


def update_resource_server(ctx: Context, req: dict) -> dict:
    with ctx.store.write():
        pool = get_pool(ctx, req["UserPoolId"])
        _get(ctx, pool["Id"], req["Identifier"])
        server = _server(pool["Id"], req)
        ctx.store.resource_servers.replace(pool["Id"], server["Identifier"], server)
    return {"ResourceServer": server}


def delete_resource_server(ctx: Context, req: dict) -> dict:
    with ctx.store.write():
        pool = get_pool(ctx, req["UserPoolId"])
        _get(ctx, pool["Id"], req["Identifier"])
        ctx.store.resource_servers.delete(pool["Id"], req["Identifier"])
    return {}
