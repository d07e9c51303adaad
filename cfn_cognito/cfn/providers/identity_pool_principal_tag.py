"""AWS::Cognito::IdentityPoolPrincipalTag → SetPrincipalTagAttributeMap (deleting it leaves
the provider without principal tags)."""

from __future__ import annotations

from cfn_cognito.cfn.providers.base import Call, Provider, Resource
from cfn_cognito.cfn.providers.identity_pool import call, call_ignoring_missing
from cfn_cognito.identity import principal_tags


class IdentityPoolPrincipalTag(Provider):
    TYPE = "AWS::Cognito::IdentityPoolPrincipalTag"

    def create(self, call_: Call, props: dict) -> Resource:
        req = {k: props[k] for k in ("IdentityPoolId", "IdentityProviderName", "UseDefaults",
                                     "PrincipalTags") if k in props}
        call(call_, principal_tags.set_principal_tag_attribute_map, req)
        return Resource(f"{props['IdentityPoolId']}|{props['IdentityProviderName']}")

    def update(self, call_: Call, props: dict, current: Resource) -> Resource:
        return self.create(call_, props)

    def delete(self, call_: Call, current: Resource) -> None:
        pool_id, _, provider = current.physical_id.partition("|")
        call_ignoring_missing(call_, principal_tags.set_principal_tag_attribute_map, {
            "IdentityPoolId": pool_id, "IdentityProviderName": provider,
            "UseDefaults": False, "PrincipalTags": {}})


PROVIDER = IdentityPoolPrincipalTag()
