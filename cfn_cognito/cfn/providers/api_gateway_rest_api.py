"""AWS::ApiGateway::RestApi: Ref is the API id; RootResourceId the id of its `/` resource. A
`Body` (OpenAPI with x-amazon-apigateway-* extensions) is checked as the gateway will read it."""

from cfn_cognito.cfn.providers.api_gateway import ID_ALPHABET, ApiGatewayPart
from cfn_cognito.cfn.providers.base import Call, Resource
from cfn_cognito.gateway import config, openapi


def check_body(api_id: str, body) -> None:
    definition = openapi.rest(api_id, body)
    for authorizer_id, props in definition.authorizers.items():
        config.rest_authorizer(authorizer_id, props)
    for path, props in definition.methods:
        try:
            config.rest_method(props)
        except config.ConfigError as err:
            raise config.ConfigError(f"Body: {props['HttpMethod']} {path}: {err}") from None
    for props in definition.gateway_responses:
        config.gateway_response(props)


class RestApi(ApiGatewayPart):
    TYPE = "AWS::ApiGateway::RestApi"
    ID_ATTRIBUTE = "RestApiId"
    UNSUPPORTED = frozenset({"BodyS3Location", "CloneFrom"})

    def check(self, call: Call, props: dict, current: Resource | None) -> dict:
        if props.get("Body") is not None:
            check_body("check", props["Body"])
        root = (current.attributes.get("RootResourceId") if current else None) \
            or call.random(10, ID_ALPHABET)
        return {"RootResourceId": root}


PROVIDER = RestApi()
