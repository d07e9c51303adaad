"""AWS::ApiGatewayV2::Route: `METHOD /path` or `$default`, to `integrations/{id}`."""

from cfn_cognito.cfn.providers.api_gateway import ApiGatewayPart
from cfn_cognito.cfn.providers.base import Call, Resource
from cfn_cognito.gateway import config


class Route(ApiGatewayPart):
    TYPE = "AWS::ApiGatewayV2::Route"
    ID_LENGTH = 7
    ID_ATTRIBUTE = "RouteId"

    def check(self, call: Call, props: dict, current: Resource | None) -> dict:
        config.http_route(props)
        return {}


PROVIDER = Route()
