"""AWS::ApiGateway::ApiKey: Ref is the key's id; its value is the template's Value or one
generated (40 characters, as AWS's). Methods with ApiKeyRequired take it in `x-api-key` on
the stages of its usage plans."""

import string

from cfn_cognito.cfn.providers.api_gateway import ApiGatewayPart
from cfn_cognito.cfn.providers.base import Call, Resource
from cfn_cognito.gateway.config import ConfigError

_VALUE_ALPHABET = string.ascii_letters + string.digits


class ApiKey(ApiGatewayPart):
    TYPE = "AWS::ApiGateway::ApiKey"
    ID_ATTRIBUTE = "APIKeyId"

    def check(self, call: Call, props: dict, current: Resource | None) -> dict:
        value = props.get("Value")
        if value is not None and len(str(value)) < 20:
            raise ConfigError("an API key's Value must have at least 20 characters")
        kept = current.attributes.get("Value") if current else None
        return {"Value": str(value) if value else kept or call.random(40, _VALUE_ALPHABET)}


PROVIDER = ApiKey()
