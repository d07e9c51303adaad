"""AWS::Lambda::Version: recorded; its number counts the versions this stack has published
for the function, and invoking it runs the function's current code."""

from __future__ import annotations

from cfn_cognito.cfn.providers.base import Call, Resource
from cfn_cognito.cfn.providers.recorded import Recorded
from cfn_cognito.lambdas import arns


class LambdaVersion(Recorded):
    TYPE = "AWS::Lambda::Version"

    def identify(self, call: Call, props: dict, current: Resource | None) -> Resource:
        if current:
            return Resource(current.physical_id, dict(current.attributes))
        given = str(props.get("FunctionName", ""))
        ref = arns.parse(given)
        name = arns.function_arn(call.region, call.account_id, ref.name if ref else given)
        published = [int(r.attributes.get("Version", 0)) for r in call.siblings.values()
                     if r.attributes.get("FunctionArn", "").rsplit(":", 1)[0] == name]
        version = str(max(published, default=0) + 1)
        arn = f"{name}:{version}"
        return Resource(arn, {"Version": version, "FunctionArn": arn})


PROVIDER = LambdaVersion()
