"""AWS::Cognito::UserPoolUserToGroupAttachment → AdminAddUserToGroup /
AdminRemoveUserFromGroup."""

from __future__ import annotations

from cfn_cognito.cfn.providers import service
from cfn_cognito.cfn.providers.base import Call, Provider, Resource
from cfn_cognito.idp.accounts import group_members


def _request(props: dict) -> dict:
    return {k: props.get(k) for k in ("UserPoolId", "Username", "GroupName")}


class UserPoolUserToGroupAttachment(Provider):
    TYPE = "AWS::Cognito::UserPoolUserToGroupAttachment"

    def create(self, call: Call, props: dict) -> Resource:
        service.call(call, group_members.admin_add_user_to_group, _request(props))
        return Resource(call.physical_name(128))

    def delete(self, call: Call, current: Resource) -> None:
        service.call_ignoring_missing(call, group_members.admin_remove_user_from_group,
                                      _request(current.properties))


PROVIDER = UserPoolUserToGroupAttachment()
