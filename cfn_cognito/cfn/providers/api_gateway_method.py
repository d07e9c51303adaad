"""AWS::ApiGateway::Method: checked as the gateway reads it (integration type, Lambda URI,
authorization, MOCK templates)."""

from cfn_cognito.cfn.providers.api_gateway import ApiGatewayPart
from cfn_cognito.cfn.providers.base import Call, Resource
from cfn_cognito.gateway import config


class Method(ApiGatewayPart):
    TYPE = "AWS::ApiGateway::Method"

    def new_id(self, call: Call, props: dict) -> str:
        return call.physical_name(128)

    def check(self, call: Call, props: dict, current: Resource | None) -> dict:
        config.rest_method(props)
        return {}


PROVIDER = Method()
