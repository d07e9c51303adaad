"""AWS::IAM::Policy: recorded."""

from cfn_cognito.cfn.providers.base import Call, Resource
from cfn_cognito.cfn.providers.recorded import Recorded


class IamPolicy(Recorded):
    TYPE = "AWS::IAM::Policy"

    def identify(self, call: Call, props: dict, current: Resource | None) -> Resource:
        policy_id = current.physical_id if current else call.physical_name(128)
        return Resource(policy_id, {"Id": policy_id})


PROVIDER = IamPolicy()
