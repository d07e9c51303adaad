"""AWS::Cognito::UserPoolUser → AdminCreateUser / AdminDeleteUser. Every property is
create-only: any change makes a new user."""

from __future__ import annotations

from cfn_cognito.cfn.providers import service
from cfn_cognito.cfn.providers.base import Call, Provider, Resource, ResourceFailure
from cfn_cognito.idp.accounts import admin_users


def _username(props: dict) -> str:
    """The user's name: Username, or where the pool signs in by email or phone (and so
    names users itself), the email or phone number it is given."""
    if props.get("Username"):
        return props["Username"]
    given = {a.get("Name"): a.get("Value") for a in props.get("UserAttributes") or []}
    for name in ("email", "phone_number"):
        if given.get(name):
            return given[name]
    raise ResourceFailure("Username is required unless the user has an email or phone_number "
                          "attribute to sign in with")


class UserPoolUser(Provider):
    TYPE = "AWS::Cognito::UserPoolUser"
    NAMED_BY = ("UserPoolId", "Username")

    def create(self, call: Call, props: dict) -> Resource:
        req = dict(props, Username=_username(props))
        user = service.call(call, admin_users.admin_create_user, req)["User"]
        return Resource(user["Username"])

    def delete(self, call: Call, current: Resource) -> None:
        service.call_ignoring_missing(call, admin_users.admin_delete_user, {
            "UserPoolId": current.properties.get("UserPoolId"), "Username": current.physical_id})


PROVIDER = UserPoolUser()
