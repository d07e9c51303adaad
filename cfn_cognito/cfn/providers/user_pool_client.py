"""AWS::Cognito::UserPoolClient → Create/Update/DeleteUserPoolClient."""

from __future__ import annotations

from cfn_cognito.cfn.providers import service
from cfn_cognito.cfn.providers.base import Call, Provider, Resource
from cfn_cognito.idp.appclients import clients


def _resource(client: dict) -> Resource:
    attributes = {"ClientId": client["ClientId"], "Name": client["ClientName"]}
    if client.get("ClientSecret"):
        attributes["ClientSecret"] = client["ClientSecret"]
    return Resource(client["ClientId"], attributes)


class UserPoolClient(Provider):
    TYPE = "AWS::Cognito::UserPoolClient"

    def create(self, call: Call, props: dict) -> Resource:
        req = dict(props)
        req.setdefault("ClientName", call.physical_name(128))
        return _resource(service.call(call, clients.create_user_pool_client, req)["UserPoolClient"])

    def update(self, call: Call, props: dict, current: Resource) -> Resource:
        req = service.members(clients.update_user_pool_client, props)
        req["ClientId"] = current.physical_id
        # A generated name stays as it was; UpdateUserPoolClient resets what it is not given.
        req.setdefault("ClientName", current.attributes.get("Name"))
        client = service.call(call, clients.update_user_pool_client, req)["UserPoolClient"]
        return _resource(client)

    def delete(self, call: Call, current: Resource) -> None:
        service.call_ignoring_missing(call, clients.delete_user_pool_client, {
            "UserPoolId": current.properties.get("UserPoolId"), "ClientId": current.physical_id})


PROVIDER = UserPoolClient()
