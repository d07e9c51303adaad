"""AWS::ApiGatewayV2::Deployment: recorded (routes serve as they are now)."""

from cfn_cognito.cfn.providers.api_gateway import ApiGatewayPart


class Deployment(ApiGatewayPart):
    TYPE = "AWS::ApiGatewayV2::Deployment"
    ID_LENGTH = 6
    ID_ATTRIBUTE = "DeploymentId"


PROVIDER = Deployment()
