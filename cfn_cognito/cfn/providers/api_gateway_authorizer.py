"""AWS::ApiGateway::Authorizer: COGNITO_USER_POOLS, TOKEN or REQUEST; Ref is its id."""

from cfn_cognito.cfn.providers.api_gateway import ApiGatewayPart
from cfn_cognito.cfn.providers.base import Call, Resource
from cfn_cognito.gateway import config


class Authorizer(ApiGatewayPart):
    TYPE = "AWS::ApiGateway::Authorizer"
    ID_LENGTH = 6
    ID_ATTRIBUTE = "AuthorizerId"

    def check(self, call: Call, props: dict, current: Resource | None) -> dict:
        config.rest_authorizer("check", props)
        return {}


PROVIDER = Authorizer()
