"""AWS::ApiGateway::Deployment: with StageName, it makes that stage (StageDescription's
Variables are the stage's variables). Requests reach the API's resources as they are now, not
as they were when the deployment was made."""

from cfn_cognito.cfn.providers.api_gateway import ApiGatewayPart


class Deployment(ApiGatewayPart):
    TYPE = "AWS::ApiGateway::Deployment"
    ID_LENGTH = 6
    ID_ATTRIBUTE = "DeploymentId"


PROVIDER = Deployment()
