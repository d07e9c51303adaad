"""AWS::ApiGateway::UsagePlanKey: an API key in a usage plan."""

from cfn_cognito.cfn.providers.api_gateway import ApiGatewayPart
from cfn_cognito.cfn.providers.base import Call


class UsagePlanKey(ApiGatewayPart):
    TYPE = "AWS::ApiGateway::UsagePlanKey"
    ID_ATTRIBUTE = "Id"

    def new_id(self, call: Call, props: dict) -> str:
        return f"{props.get('KeyId')}:{props.get('UsagePlanId')}"


PROVIDER = UsagePlanKey()
