"""AWS::IAM::Role: recorded (nothing checks permissions here)."""

from __future__ import annotations

import string

from cfn_cognito.cfn.providers.base import Call, Resource
from cfn_cognito.cfn.providers.recorded import Recorded


class IamRole(Recorded):
    TYPE = "AWS::IAM::Role"
    NAMED_BY = ("RoleName",)

    def identify(self, call: Call, props: dict, current: Resource | None) -> Resource:
        if current:
            name, role_id = current.physical_id, current.attributes["RoleId"]
        else:
            name = props.get("RoleName") or call.physical_name(64)
            role_id = "AROA" + call.random(17, string.ascii_uppercase + string.digits)
        path = props.get("Path") or "/"
        return Resource(name, {"Arn": f"arn:aws:iam::{call.account_id}:role{path}{name}",
                               "RoleId": role_id})


PROVIDER = IamRole()
