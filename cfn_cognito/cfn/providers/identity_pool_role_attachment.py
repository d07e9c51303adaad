"""AWS::Cognito::IdentityPoolRoleAttachment → SetIdentityPoolRoles (deleting it clears the
pool's roles and role mappings)."""

from __future__ import annotations

from cfn_cognito.cfn.providers.base import Call, Provider, Resource
from cfn_cognito.cfn.providers.identity_pool import call, call_ignoring_missing
from cfn_cognito.identity import roles


def _mappings(given: dict) -> dict:
    """CloudFormation names each mapping freely and gives its provider as IdentityProvider
    (the name itself when absent); the API keys mappings by provider."""
    return {mapping.get("IdentityProvider") or name:
            {k: v for k, v in mapping.items() if k != "IdentityProvider"}
            for name, mapping in (given or {}).items()}


class IdentityPoolRoleAttachment(Provider):
    TYPE = "AWS::Cognito::IdentityPoolRoleAttachment"

    def create(self, call_: Call, props: dict) -> Resource:
        pool_id = props.get("IdentityPoolId")
        call(call_, roles.set_identity_pool_roles, {
            "IdentityPoolId": pool_id, "Roles": dict(props.get("Roles") or {}),
            "RoleMappings": _mappings(props.get("RoleMappings"))})
        return Resource(pool_id, {"Id": pool_id})

    def update(self, call_: Call, props: dict, current: Resource) -> Resource:
        return self.create(call_, props)

    def delete(self, call_: Call, current: Resource) -> None:
        call_ignoring_missing(call_, roles.set_identity_pool_roles,
                              {"IdentityPoolId": current.physical_id, "Roles": {}})


PROVIDER = IdentityPoolRoleAttachment()
