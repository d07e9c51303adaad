"""AWS::ApiGateway::RequestValidator: ValidateRequestParameters is enforced (required
parameters of a method); request bodies are not validated against models here."""

from cfn_cognito.cfn.providers.api_gateway import ApiGatewayPart


class RequestValidator(ApiGatewayPart):
    TYPE = "AWS::ApiGateway::RequestValidator"
    ID_LENGTH = 6
    ID_ATTRIBUTE = "RequestValidatorId"


PROVIDER = RequestValidator()
