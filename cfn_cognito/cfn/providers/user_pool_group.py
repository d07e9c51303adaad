"""AWS::Cognito::UserPoolGroup → Create/Update/DeleteGroup."""

from __future__ import annotations

from cfn_cognito.cfn.providers import service
from cfn_cognito.cfn.providers.base import Call, Provider, Resource
from cfn_cognito.idp.accounts import groups


class UserPoolGroup(Provider):
    TYPE = "AWS::Cognito::UserPoolGroup"
    NAMED_BY = ("UserPoolId", "GroupName")

    def create(self, call: Call, props: dict) -> Resource:
        req = dict(props)
        req.setdefault("GroupName", call.physical_name(128))
        group = service.call(call, groups.create_group, req)["Group"]
        return Resource(group["GroupName"])

    def update(self, call: Call, props: dict, current: Resource) -> Resource:
        req = dict(props, GroupName=current.physical_id)
        service.call(call, groups.update_group, req)
        return Resource(current.physical_id)

    def delete(self, call: Call, current: Resource) -> None:
        service.call_ignoring_missing(call, groups.delete_group, {
            "UserPoolId": current.properties.get("UserPoolId"), "GroupName": current.physical_id})


PROVIDER = UserPoolGroup()
