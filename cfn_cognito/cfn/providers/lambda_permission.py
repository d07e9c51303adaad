"""AWS::Lambda::Permission: recorded (any caller may invoke a function here)."""

from cfn_cognito.cfn.providers.base import Call, Resource
from cfn_cognito.cfn.providers.recorded import Recorded


class LambdaPermission(Recorded):
    TYPE = "AWS::Lambda::Permission"

    def identify(self, call: Call, props: dict, current: Resource | None) -> Resource:
        permission_id = current.physical_id if current else call.physical_name(100)
        return Resource(permission_id, {"Id": permission_id})


PROVIDER = LambdaPermission()
