"""AWS::ApiGatewayV2::Authorizer: JWT (tokens of the local user pools) or REQUEST (a Lambda
function)."""

from cfn_cognito.cfn.providers.api_gateway import ApiGatewayPart
from cfn_cognito.cfn.providers.base import Call, Resource
from cfn_cognito.gateway import config


class Authorizer(ApiGatewayPart):
    TYPE = "AWS::ApiGatewayV2::Authorizer"
    ID_LENGTH = 6
    ID_ATTRIBUTE = "AuthorizerId"

    def check(self, call: Call, props: dict, current: Resource | None) -> dict:
        config.http_authorizer("check", props)
        return {}


PROVIDER = Authorizer()
