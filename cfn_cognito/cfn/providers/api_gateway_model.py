"""AWS::ApiGateway::Model: recorded (Ref is its name). Request bodies are not validated
against models here."""

from cfn_cognito.cfn.providers.api_gateway import ApiGatewayPart
from cfn_cognito.cfn.providers.base import Call


class Model(ApiGatewayPart):
    TYPE = "AWS::ApiGateway::Model"

    def new_id(self, call: Call, props: dict) -> str:
        return str(props.get("Name") or call.physical_name(64).replace("-", ""))


PROVIDER = Model()
