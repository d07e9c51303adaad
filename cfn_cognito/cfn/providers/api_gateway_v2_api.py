"""AWS::ApiGatewayV2::Api (HTTP APIs): Ref is the API id; ApiEndpoint is AWS's
`https://{id}.execute-api.{region}.amazonaws.com` (`cfn-cognito deploy` prints the local
URL beside it). A `Body` (OpenAPI 3 with x-amazon-apigateway-*), CorsConfiguration and the
quick-create Target are checked as the gateway reads them. WebSocket APIs are refused."""

from cfn_cognito.cfn.intrinsics import url_suffix
from cfn_cognito.cfn.providers.api_gateway import ApiGatewayPart
from cfn_cognito.cfn.providers.base import Call, Resource
from cfn_cognito.gateway import config, openapi
from cfn_cognito.gateway.config import ConfigError


def check_body(api_id: str, body) -> None:
    definition = openapi.http(api_id, body)
    for authorizer_id, props in definition.authorizers.items():
        config.http_authorizer(authorizer_id, props)
    for path, props in definition.methods:
        try:
            config.http_route(props)
            config.http_integration(props["Integration"])
        except ConfigError as err:
            raise ConfigError(f"Body: {props['RouteKey']}: {err}") from None
    config.cors(definition.cors)


class HttpApi(ApiGatewayPart):
    TYPE = "AWS::ApiGatewayV2::Api"
    ID_ATTRIBUTE = "ApiId"
    UNSUPPORTED = frozenset({"BodyS3Location"})

    def check(self, call: Call, props: dict, current: Resource | None) -> dict:
        protocol = str(props.get("ProtocolType") or "HTTP").upper()
        if protocol != "HTTP":
            raise ConfigError(f"ProtocolType {protocol} is not supported by cfn-cognito (HTTP "
                              f"APIs are; WebSocket APIs are not)")
        if props.get("Body") is not None:
            check_body("check", props["Body"])
        config.cors(props.get("CorsConfiguration"))
        if props.get("Target"):
            target = str(props["Target"])
            kind = "HTTP_PROXY" if target.startswith(("http://", "https://")) else "AWS_PROXY"
            config.http_integration({"IntegrationType": kind, "IntegrationUri": target})
            config.route_key(props.get("RouteKey") or "$default")
        return {}

    def identify(self, call: Call, props: dict, current: Resource | None) -> Resource:
        resource = super().identify(call, props, current)
        region, account = call.region, call.account_id
        resource.attributes["ApiEndpoint"] = (f"https://{resource.physical_id}.execute-api."
                                              f"{region}.{url_suffix(region)}")
        resource.attributes["ExecuteApiArn"] = (f"arn:aws:execute-api:{region}:{account}:"
                                                f"{resource.physical_id}")
        return resource


PROVIDER = HttpApi()
