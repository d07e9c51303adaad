"""AWS::ApiGateway::UsagePlan: which stages its keys open (ApiStages). Throttling and quotas
are not enforced here."""

from cfn_cognito.cfn.providers.api_gateway import ApiGatewayPart


class UsagePlan(ApiGatewayPart):
    TYPE = "AWS::ApiGateway::UsagePlan"
    ID_LENGTH = 6
    ID_ATTRIBUTE = "Id"


PROVIDER = UsagePlan()
