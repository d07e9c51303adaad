"""AWS::ApiGateway::Account: the account's CloudWatch role for API Gateway; recorded."""

from cfn_cognito.cfn.providers.api_gateway import ApiGatewayPart


class Account(ApiGatewayPart):
    TYPE = "AWS::ApiGateway::Account"
    ID_ATTRIBUTE = "Id"


PROVIDER = Account()
