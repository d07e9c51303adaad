"""AWS::Cognito::UserPoolDomain → Create/Update/DeleteUserPoolDomain."""

from __future__ import annotations

from cfn_cognito.cfn.providers import service
from cfn_cognito.cfn.providers.base import Call, Provider, Resource
from cfn_cognito.idp.userpools import domains


def _resource(call: Call, domain: str) -> Resource:
    description = domains.describe_user_pool_domain(call.ctx, {"Domain": domain})
    distribution = description["DomainDescription"].get("CloudFrontDistribution", "")
    return Resource(domain, {"CloudFrontDistribution": distribution})


class UserPoolDomain(Provider):
    TYPE = "AWS::Cognito::UserPoolDomain"
    NAMED_BY = ("Domain",)

    def create(self, call: Call, props: dict) -> Resource:
        service.call(call, domains.create_user_pool_domain, dict(props))
        return _resource(call, props["Domain"])

    def update(self, call: Call, props: dict, current: Resource) -> Resource:
        service.call(call, domains.update_user_pool_domain,
                     service.members(domains.update_user_pool_domain, props))
        return _resource(call, current.physical_id)

    def delete(self, call: Call, current: Resource) -> None:
        # Gone already when its pool went first: AWS deletes a pool's domain with it.
        if domains.pool_for_domain(call.ctx, current.physical_id) is None:
            return
        service.call_ignoring_missing(call, domains.delete_user_pool_domain, {
            "UserPoolId": current.properties.get("UserPoolId"), "Domain": current.physical_id})


PROVIDER = UserPoolDomain()
