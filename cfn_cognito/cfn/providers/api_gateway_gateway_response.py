"""AWS::ApiGateway::GatewayResponse: an API's own answer (UNAUTHORIZED, DEFAULT_4XX...)
with its status, headers and body template."""

from cfn_cognito.cfn.providers.api_gateway import ApiGatewayPart
from cfn_cognito.cfn.providers.base import Call, Resource
from cfn_cognito.gateway import config


class GatewayResponse(ApiGatewayPart):
    TYPE = "AWS::ApiGateway::GatewayResponse"
    ID_ATTRIBUTE = "Id"

    def check(self, call: Call, props: dict, current: Resource | None) -> dict:
        config.gateway_response(props)
        return {}


PROVIDER = GatewayResponse()
