"""AWS::ApiGatewayV2::Integration: AWS_PROXY (a Lambda function, payload 1.0 or 2.0) or
HTTP_PROXY."""

from cfn_cognito.cfn.providers.api_gateway import ApiGatewayPart
from cfn_cognito.cfn.providers.base import Call, Resource
from cfn_cognito.gateway import config


class Integration(ApiGatewayPart):
    TYPE = "AWS::ApiGatewayV2::Integration"
    ID_LENGTH = 7
    ID_ATTRIBUTE = "IntegrationId"

    def check(self, call: Call, props: dict, current: Resource | None) -> dict:
        config.http_integration(props)
        return {}


PROVIDER = Integration()
