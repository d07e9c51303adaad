"""AWS::Logs::LogGroup: recorded (function output goes to the service's log)."""

from cfn_cognito.cfn.providers.base import Call, Resource
from cfn_cognito.cfn.providers.recorded import Recorded


class LogGroup(Recorded):
    TYPE = "AWS::Logs::LogGroup"
    NAMED_BY = ("LogGroupName",)

    def identify(self, call: Call, props: dict, current: Resource | None) -> Resource:
        name = current.physical_id if current else (
            props.get("LogGroupName") or call.physical_name(512))
        return Resource(name, {
            "Arn": f"arn:aws:logs:{call.region}:{call.account_id}:log-group:{name}:*"})


PROVIDER = LogGroup()
