"""App clients: Create/Describe/List/Update/DeleteUserPoolClient."""

from __future__ import annotations

import copy
from urllib.parse import urlsplit

from cfn_cognito.context import Context
from cfn_cognito.idp import ids, pagination
from cfn_cognito.idp.appclients import client_settings
from cfn_cognito.idp.federation import identity_providers
from cfn_cognito.idp.errors import (
    InvalidOAuthFlowException,
    InvalidParameterException,
    ResourceNotFoundException,
    ScopeDoesNotExistException,
)
from cfn_cognito.idp.userpools.pools import get_pool
from cfn_cognito.idp.appclients.secret_hash import ACTIVE_SECRETS

# When a client names no ExplicitAuthFlows, these are the flows it allows.
DEFAULT_AUTH_FLOWS = ("ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_USER_SRP_AUTH", "ALLOW_CUSTOM_AUTH")
# Legacy ExplicitAuthFlows values and the ALLOW_ value each stands for.
LEGACY_AUTH_FLOWS = {
    "ADMIN_NO_SRP_AUTH": "ALLOW_ADMIN_USER_PASSWORD_AUTH",
    "CUSTOM_AUTH_FLOW_ONLY": "ALLOW_CUSTOM_AUTH",
    "USER_PASSWORD_AUTH": "ALLOW_USER_PASSWORD_AUTH",
}
RESERVED_SCOPES = {"openid", "email", "phone", "profile", "aws.cognito.signin.user.admin"}
# The hosts a callback URL may reach over plain HTTP (testing only, says AWS).
LOOPBACK_HOSTS = ("localhost", "127.0.0.1", "::1")

_SECONDS = {"seconds": 1, "minutes": 60, "hours": 3600, "days": 86400}
# (member, unit key, default unit, default value, lowest seconds, highest seconds)
_VALIDITY = (
    ("AccessTokenValidity", "AccessToken", "hours", 1, 300, 86400),
    ("IdTokenValidity", "IdToken", "hours", 1, 300, 86400),
    ("RefreshTokenValidity", "RefreshToken", "days", 30, 3600, 315360000),
)

# Members a client takes from Create/Update requests as they are given.
_COPIED = ("ReadAttributes", "WriteAttributes", "ExplicitAuthFlows", "SupportedIdentityProviders",
           "CallbackURLs", "LogoutURLs", "DefaultRedirectURI", "AllowedOAuthFlows",
           "AllowedOAuthScopes", "AnalyticsConfiguration", "PreventUserExistenceErrors",
           "RefreshTokenRotation")


def get_client(ctx: Context, pool_id: str, client_id: str) -> dict:
    client = ctx.store.clients.get(pool_id, client_id)
    if client is None:
        raise ResourceNotFoundException(f"User pool client {client_id} does not exist.")
    return client


def find_client(ctx: Context, client_id: str) -> dict:
    """The client with this id in any pool (the public API names only the client)."""
    found = ctx.store.clients.find(client_id)
    if found is None:
        raise ResourceNotFoundException(f"User pool client {client_id} does not exist.")
    return found[1]


def find(ctx: Context, client_id: str, pool_id: str | None = None) -> tuple[dict, dict]:
    """(pool, client) of a client id, in `pool_id` when given (a pool's own domain names it);
    ResourceNotFoundException when there is no such client or its pool is gone."""
    found = ctx.store.clients.find(client_id)
    if found is None or pool_id is not None and found[0] != pool_id:
        raise ResourceNotFoundException(f"User pool client {client_id} does not exist.")
    return get_pool(ctx, found[0]), found[1]


def auth_flows(client: dict) -> set[str]:
    """The ALLOW_ flows a client permits, legacy values translated."""
    given = client.get("ExplicitAuthFlows")
    if not given:
        return set(DEFAULT_AUTH_FLOWS)
    flows = {LEGACY_AUTH_FLOWS.get(flow, flow) for flow in given}
    if any(flow in LEGACY_AUTH_FLOWS for flow in given):
        flows |= _legacy_implied(given)
    return flows


def _legacy_implied(given: list[str]) -> set[str]:
    """What a client with the legacy (pre-ALLOW_) values permits besides what it names.

    The legacy values date from before 2019-11-14, when AWS added "support to enable or disable
    specific authentication flows for a user pool client" (API change log,
    awsapichanges.info/archive/changes/1fa7bd-cognito-idp.html): until then SRP and refresh
    had no switch, so such clients keep both. Refresh can never be turned off even with ALLOW_
    values (AWS: "REFRESH_TOKEN_AUTH should always be allowed.", aws-cdk#7625).
    CUSTOM_AUTH_FLOW_ONLY is the old console's "Only allow Custom Authentication": no
    stand-alone USER_SRP_AUTH (SRP still works inside CUSTOM_AUTH through SRP_A, as the
    Amplify Android custom-auth test against such a client does); refresh stays.
    DescribeUserPoolClient answers the values as given (they are stored untranslated)."""
    implied = {"ALLOW_REFRESH_TOKEN_AUTH"}
    if "CUSTOM_AUTH_FLOW_ONLY" not in given:
        implied.add("ALLOW_USER_SRP_AUTH")
    return implied


def token_validity_seconds(client: dict, kind: str) -> int:
    """Lifetime in seconds of an "AccessToken", "IdToken" or "RefreshToken" from this client."""
    for member, unit_key, default_unit, default_value, _, _ in _VALIDITY:
        if unit_key == kind:
            value = client.get(member) or default_value
            unit = (client.get("TokenValidityUnits") or {}).get(unit_key, default_unit)
            return value * _SECONDS[unit]
    raise KeyError(kind)


def _check_validity(client: dict) -> None:
    units = client.get("TokenValidityUnits") or {}
    for member, unit_key, default_unit, _, low, high in _VALIDITY:
        value = client.get(member)
        if value is None:
            continue
        seconds = value * _SECONDS[units.get(unit_key, default_unit)]
        if not low <= seconds <= high:
            raise InvalidParameterException(
                f"Invalid range for token validity: {member} must be between "
                f"{low} and {high} seconds.")


def _check_urls(client: dict) -> None:
    for member in ("CallbackURLs", "LogoutURLs"):
        for url in client.get(member) or []:
            parts = urlsplit(url)
            if not parts.scheme or parts.fragment:
                raise InvalidParameterException(f"{url} is not a valid URL for {member}.")
            if parts.scheme == "http" and parts.hostname not in LOOPBACK_HOSTS:
                raise InvalidParameterException(
                    f"{url} is not valid for {member}: HTTPS is required over HTTP "
                    "except for http://localhost, http://127.0.0.1 and http://[::1].")
    default = client.get("DefaultRedirectURI")
    if default and default not in (client.get("CallbackURLs") or []):
        raise InvalidParameterException("DefaultRedirectURI should be one of the CallbackURLs.")


def _check_attributes(pool: dict, client: dict) -> None:
    names = {a["Name"] for a in pool["SchemaAttributes"]}
    for member, verb in (("ReadAttributes", "read"), ("WriteAttributes", "write")):
        for name in client.get(member) or []:
            if name not in names or name == "sub" and verb == "write":
                raise InvalidParameterException(
                    f"Invalid {verb} attributes specified while creating a client")


CLIENT_TOKEN_FLOW = "ALLOW_CLIENT_TOKEN_AUTH"


def _check_client_token(client: dict) -> None:
    """[D] GetClientToken: ALLOW_CLIENT_TOKEN_AUTH needs a client secret and is mutually
    exclusive with the user flows (it must be the client's only flow)."""
    flows = client.get("ExplicitAuthFlows") or []
    if CLIENT_TOKEN_FLOW not in flows:
        return
    if len(set(flows)) > 1:
        raise InvalidParameterException(  # [U] wording
            "ALLOW_CLIENT_TOKEN_AUTH can not be combined with other ExplicitAuthFlows.")
    if not client.get("ClientSecret"):
        raise InvalidParameterException(  # [U] wording
            "ALLOW_CLIENT_TOKEN_AUTH can not be selected if client does not have a client "
            "secret.")


def _check_oauth(ctx: Context, pool: dict, client: dict) -> None:
    flows = client.get("AllowedOAuthFlows") or []
    scopes = client.get("AllowedOAuthScopes") or []
    if "client_credentials" in flows:
        if len(flows) > 1:
            raise InvalidOAuthFlowException(
                "client_credentials flow can not be selected with code or implicit flow.")
        if not client.get("ClientSecret"):
            raise InvalidOAuthFlowException(
                "client_credentials flow can not be selected if client does not have a "
                "client secret.")
        if any(scope in RESERVED_SCOPES for scope in scopes):
            raise InvalidOAuthFlowException(
                "client_credentials flow can only be used with custom scopes.")
    if client.get("AllowedOAuthFlowsUserPoolClient") and not flows:
        raise InvalidOAuthFlowException(
            "AllowedOAuthFlows must be specified when AllowedOAuthFlowsUserPoolClient is true.")
    custom = {f"{rs['Identifier']}/{s['ScopeName']}"
              for rs in ctx.store.resource_servers.all(pool["Id"]) for s in rs.get("Scopes", [])}
    for scope in scopes:
        if scope not in RESERVED_SCOPES and scope not in custom:
            raise ScopeDoesNotExistException(f"Invalid scope requested: {scope}")
    for provider in client.get("SupportedIdentityProviders") or []:
        if provider != "COGNITO" and not identity_providers.exists(ctx, pool["Id"], provider):
            raise InvalidParameterException(
                f"The provider {provider} does not exist for User Pool {pool['Id']}")


def _apply(ctx: Context, pool: dict, client: dict, req: dict) -> dict:
    """Fill a client's settings from a Create/Update request (AWS resets what is left out)."""
    for member, _, _, default, _, _ in _VALIDITY:
        if req.get(member) is not None:
            client[member] = req[member]
    if not client.get("RefreshTokenValidity"):
        client["RefreshTokenValidity"] = 30
    client["TokenValidityUnits"] = dict(req.get("TokenValidityUnits") or {})
    for member in _COPIED:
        if req.get(member) is not None:
            client[member] = copy.deepcopy(req[member])
    client["AllowedOAuthFlowsUserPoolClient"] = bool(req.get("AllowedOAuthFlowsUserPoolClient"))
    client["EnableTokenRevocation"] = req.get("EnableTokenRevocation", True)
    client["EnablePropagateAdditionalUserContextData"] = bool(
        req.get("EnablePropagateAdditionalUserContextData", False))
    client["AuthSessionValidity"] = req.get("AuthSessionValidity") or 3
    _check_validity(client)
    _check_urls(client)
    _check_attributes(pool, client)
    _check_oauth(ctx, pool, client)
    _check_client_token(client)
    return _ordered(client)


_ORDER = ("UserPoolId", "ClientName", "ClientId", "ClientSecret", "LastModifiedDate",
          "CreationDate", "RefreshTokenValidity", "AccessTokenValidity", "IdTokenValidity",
          "TokenValidityUnits", "ReadAttributes", "WriteAttributes", "ExplicitAuthFlows",
          "SupportedIdentityProviders", "CallbackURLs", "LogoutURLs", "DefaultRedirectURI",
          "AllowedOAuthFlows", "AllowedOAuthScopes", "AllowedOAuthFlowsUserPoolClient",
          "AnalyticsConfiguration", "PreventUserExistenceErrors", "EnableTokenRevocation",
          "EnablePropagateAdditionalUserContextData", "AuthSessionValidity",
          "RefreshTokenRotation")


def _ordered(client: dict) -> dict:
    return {key: client[key] for key in _ORDER if key in client}


def create_user_pool_client(ctx: Context, req: dict) -> dict:
    pool = get_pool(ctx, req["UserPoolId"])
    now = ctx.now()
    client = {"UserPoolId": pool["Id"], "ClientName": req["ClientName"],
              "ClientId": ids.client_id(ctx.rng)}
    if req.get("ClientSecret"):
        client["ClientSecret"] = req["ClientSecret"]
    elif req.get("GenerateSecret"):
        client["ClientSecret"] = ids.client_secret(ctx.rng)
    client["LastModifiedDate"] = client["CreationDate"] = now
    client = _apply(ctx, pool, client, req)
    ctx.store.clients.insert(pool["Id"], client["ClientId"], client)
    return {"UserPoolClient": client}


def describe_user_pool_client(ctx: Context, req: dict) -> dict:
    get_pool(ctx, req["UserPoolId"])
    return {"UserPoolClient": _ordered(get_client(ctx, req["UserPoolId"], req["ClientId"]))}


def list_user_pool_clients(ctx: Context, req: dict) -> dict:
    pool = get_pool(ctx, req["UserPoolId"])
    after = pagination.decode(req.get("NextToken"))
    clients, next_after = ctx.store.clients.page(pool["Id"], after, req.get("MaxResults") or 60)
    result = {"UserPoolClients": [
        {"ClientId": c["ClientId"], "UserPoolId": c["UserPoolId"], "ClientName": c["ClientName"]}
        for c in clients
    ]}
    if next_after is not None:
        result["NextToken"] = pagination.encode(next_after)
    return result


def update_user_pool_client(ctx: Context, req: dict) -> dict:
    with ctx.store.write():
        pool = get_pool(ctx, req["UserPoolId"])
        old = get_client(ctx, pool["Id"], req["ClientId"])
        client = {key: old[key] for key in
                  ("UserPoolId", "ClientName", "ClientId", "ClientSecret", "CreationDate")
                  if key in old}
        if req.get("ClientName"):
            client["ClientName"] = req["ClientName"]
        client["LastModifiedDate"] = ctx.now()
        client = _apply(ctx, pool, client, req)
        stored = dict(client)
        if ACTIVE_SECRETS in old:
            stored[ACTIVE_SECRETS] = old[ACTIVE_SECRETS]
        ctx.store.clients.replace(pool["Id"], client["ClientId"], stored)
    return {"UserPoolClient": client}


def delete_user_pool_client(ctx: Context, req: dict) -> dict:
    with ctx.store.write():
        pool = get_pool(ctx, req["UserPoolId"])
        get_client(ctx, pool["Id"], req["ClientId"])
        ctx.store.clients.delete(pool["Id"], req["ClientId"])
        client_settings.forget_client(ctx, pool["Id"], req["ClientId"])
    return {}
