"""AWS::ApiGateway::Resource: one path part under its parent; Ref is its id."""

import re

from cfn_cognito.cfn.providers.api_gateway import ApiGatewayPart
from cfn_cognito.cfn.providers.base import Call, Resource
from cfn_cognito.gateway.config import ConfigError

_PART = re.compile(r"\{[A-Za-z0-9._-]+\+?\}|[A-Za-z0-9._:@~!$&'()*,;=-]+")


class ApiResource(ApiGatewayPart):
    TYPE = "AWS::ApiGateway::Resource"
    ID_LENGTH = 6
    ID_ATTRIBUTE = "ResourceId"

    def check(self, call: Call, props: dict, current: Resource | None) -> dict:
        part = str(props.get("PathPart") or "")
        if not _PART.fullmatch(part):
            raise ConfigError(f"Resource's path part {part!r} is not a path segment or {{name}}")
        return {}


PROVIDER = ApiResource()
