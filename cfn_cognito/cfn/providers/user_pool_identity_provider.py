"""AWS::Cognito::UserPoolIdentityProvider → Create/Update/DeleteIdentityProvider.

The provider is stored with the pool as AWS stores it (what the CDK's
UserPoolIdentityProviderGoogle, ...Facebook, ...Amazon, ...Apple, ...Oidc and ...Saml make);
its physical id is its ProviderName."""

from __future__ import annotations

from cfn_cognito.cfn.providers import service
from cfn_cognito.cfn.providers.base import Call, Provider, Resource
from cfn_cognito.idp.federation import identity_providers


class UserPoolIdentityProvider(Provider):
    TYPE = "AWS::Cognito::UserPoolIdentityProvider"
    NAMED_BY = ("UserPoolId", "ProviderName")

    def create(self, call: Call, props: dict) -> Resource:
        service.call(call, identity_providers.create_identity_provider, dict(props))
        return Resource(props["ProviderName"])

    def update(self, call: Call, props: dict, current: Resource) -> Resource:
        req = service.members(identity_providers.update_identity_provider, props)
        service.call(call, identity_providers.update_identity_provider, req)
        return Resource(current.physical_id)

    def delete(self, call: Call, current: Resource) -> None:
        service.call_ignoring_missing(call, identity_providers.delete_identity_provider, {
            "UserPoolId": current.properties.get("UserPoolId"),
            "ProviderName": current.physical_id})


PROVIDER = UserPoolIdentityProvider()
