"""SetIdentityPoolRoles / GetIdentityPoolRoles, and the role an authorized caller gets.

Role mappings are keyed by provider as AWS keys them: `<user pool provider name>:<client id>`
for a user pool app client, the provider's name for other providers.
"""

from __future__ import annotations

import copy

from cfn_cognito.config import Settings
from cfn_cognito.context import Context
from cfn_cognito.identity import providers
from cfn_cognito.identity.errors import (
    InvalidIdentityPoolConfigurationException,
    InvalidParameterException,
    NotAuthorizedException,
)
from cfn_cognito.identity.identities import Authorization
from cfn_cognito.identity.pools import get_pool_doc, save_pool_doc
from cfn_cognito.identity.role_resolution import NO_ROLE, choose_role


def mapping_key(settings: Settings, key: str) -> str:
    """One spelling per role mapping key (a user pool's provider name in its AWS form)."""
    head, sep, client_id = key.rpartition(":")
    if sep and providers.user_pool_id(settings, head):
        return f"{providers.canonical(settings, head)}:{client_id}"
    return key


def _mappable(settings: Settings, pool: dict) -> set[str]:
    """The keys a role mapping of this pool may have: its configured providers."""
    keys = {mapping_key(settings, f"{p['ProviderName']}:{p['ClientId']}")
            for p in pool.get("CognitoIdentityProviders") or []}
    keys.update(pool.get("SupportedLoginProviders") or {})
    keys.update(pool.get("OpenIdConnectProviderARNs") or [])
    keys.update(pool.get("SamlProviderARNs") or [])
    return keys


def _check_mapping(key: str, mapping: dict) -> None:
    if mapping.get("AmbiguousRoleResolution") is None:
        raise InvalidParameterException(
            f"AmbiguousRoleResolution must be specified for the role mapping of {key}.")
    if mapping["Type"] == "Rules" and not (mapping.get("RulesConfiguration") or {}).get("Rules"):
        raise InvalidParameterException(
            f"RulesConfiguration is required for the Rules role mapping of {key}.")


def set_identity_pool_roles(ctx: Context, req: dict) -> dict:
    with ctx.store.write():
        doc = get_pool_doc(ctx, req["IdentityPoolId"])
        mappable = _mappable(ctx.settings, doc["IdentityPool"])
        mappings = req.get("RoleMappings") or {}
        for key, mapping in mappings.items():
            if mapping_key(ctx.settings, key) not in mappable:
                raise InvalidParameterException(
                    f"{key} is not a valid RoleMapping ProviderName or is not a configured "
                    "provider.")
            _check_mapping(key, mapping)
        doc["Roles"] = dict(req["Roles"])
        doc["RoleMappings"] = copy.deepcopy(mappings)
        save_pool_doc(ctx, doc)
    return {}


def get_identity_pool_roles(ctx: Context, req: dict) -> dict:
    doc = get_pool_doc(ctx, req["IdentityPoolId"])
    result = {"IdentityPoolId": req["IdentityPoolId"], "Roles": dict(doc["Roles"])}
    if doc["RoleMappings"]:
        result["RoleMappings"] = copy.deepcopy(doc["RoleMappings"])
    return result


def role_for(ctx: Context, auth: Authorization, custom_role: str | None) -> str:
    """The role the authorized caller gets (see role_resolution for the rules)."""
    roles = auth.pool_doc["Roles"]
    if not auth.authenticated:
        role = roles.get("unauthenticated")
        if not role:
            raise InvalidIdentityPoolConfigurationException(NO_ROLE)
        if custom_role and custom_role != role:
            raise NotAuthorizedException(
                f"The CustomRoleArn {custom_role} is not one of the roles this login can assume.")
        return role
    login = auth.login
    mapping = None
    if login.mapping_key:
        mapping = next((m for k, m in auth.pool_doc["RoleMappings"].items()
                        if mapping_key(ctx.settings, k) == login.mapping_key), None)
    return choose_role(mapping, login.claims, roles.get("authenticated"), custom_role,
                       login.mapping_key or login.provider)
