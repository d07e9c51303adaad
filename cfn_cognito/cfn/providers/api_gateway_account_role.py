"""Custom::ApiGatewayAccountRole: the Serverless Framework's custom resource that gives API
Gateway a CloudWatch role (`logs.restApi`); it has no meaning here and is recorded."""

from cfn_cognito.cfn.providers.recorded import RecordedWithGeneratedId


class ApiGatewayAccountRole(RecordedWithGeneratedId):
    TYPE = "Custom::ApiGatewayAccountRole"


PROVIDER = ApiGatewayAccountRole()
