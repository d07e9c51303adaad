"""AWS::Cognito::UserPoolResourceServer → Create/Update/DeleteResourceServer."""

from __future__ import annotations

from cfn_cognito.cfn.providers import service
from cfn_cognito.cfn.providers.base import Call, Provider, Resource
from cfn_cognito.idp.userpools import resource_servers


class UserPoolResourceServer(Provider):
    TYPE = "AWS::Cognito::UserPoolResourceServer"
    NAMED_BY = ("UserPoolId", "Identifier")

    def create(self, call: Call, props: dict) -> Resource:
        service.call(call, resource_servers.create_resource_server, dict(props))
        return Resource(props["Identifier"])

    def update(self, call: Call, props: dict, current: Resource) -> Resource:
        service.call(call, resource_servers.update_resource_server, dict(props))
        return Resource(current.physical_id)

    def delete(self, call: Call, current: Resource) -> None:
        service.call_ignoring_missing(call, resource_servers.delete_resource_server, {
            "UserPoolId": current.properties.get("UserPoolId"), "Identifier": current.physical_id})


PROVIDER = UserPoolResourceServer()
