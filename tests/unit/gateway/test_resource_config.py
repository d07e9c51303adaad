"""API Gateway resources' properties read as the gateway serves them, and what is refused at
deploy with a reason a template's author can act on (gateway/config.py)."""

import pytest

from cfn_cognito.gateway import config
from cfn_cognito.gateway.config import ConfigError
from cfn_cognito.gateway.model import IdentitySource

FUNCTION = "arn:aws:lambda:us-east-1:000000000000:function:echo"
URI = f"arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/{FUNCTION}/invocations"


@pytest.mark.parametrize("uri,function", [
    (URI, FUNCTION),
    (FUNCTION, FUNCTION),
    (URI.replace(FUNCTION, FUNCTION + ":live"), FUNCTION + ":live"),
    ("arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/"
     "arn:aws:lambda:us-east-1:000000000000:function:${stageVariables.fn}/invocations",
     "arn:aws:lambda:us-east-1:000000000000:function:${stageVariables.fn}"),
])
def test_the_function_of_an_integration_uri(uri, function):
    assert config.function_of(uri, "Integration") == function


def test_stage_variables_fill_a_uri():
    assert config.with_stage_variables("a:${stageVariables.fn}:b", {"fn": "x"}) == "a:x:b"


@pytest.mark.parametrize("integration,message", [
    ({"Type": "AWS", "Uri": URI}, "non-proxy integration"),
    ({"Type": "AWS_PROXY", "Uri": "arn:aws:apigateway:us-east-1:s3:path/bucket"},
     "not a Lambda function URI"),
    ({"Type": "HTTP_PROXY", "Uri": "ftp://x"}, r"http\(s\) URL"),
    ({"Type": "MOCK", "RequestTemplates": {"application/json": "#set($a = 1)"}},
     "is not supported"),
    ({"Type": "AWS_PROXY", "Uri": URI, "ConnectionType": "VPC_LINK"}, "VPC link"),
    (None, "has no Integration"),
])
def test_integrations_the_gateway_cannot_serve_are_refused(integration, message):
    with pytest.raises(ConfigError, match=message):
        config.rest_method({"HttpMethod": "GET", "Integration": integration})


def test_a_method_is_read_whole():
    parts = config.rest_method({
        "HttpMethod": "get", "AuthorizationType": "COGNITO_USER_POOLS", "AuthorizerId": "a1",
        "AuthorizationScopes": ["email"], "ApiKeyRequired": "true",
        "RequestParameters": {"method.request.header.X-V": True},
        "Integration": {"Type": "AWS_PROXY", "Uri": URI, "TimeoutInMillis": 5000}})
    assert parts["method"] == "GET" and parts["scopes"] == ("email",)
    assert parts["api_key_required"] is True
    assert parts["integration"].function == FUNCTION and parts["integration"].timeout == 5
    assert parts["request_parameters"] == (("method.request.header.X-V", True),)
    with pytest.raises(ConfigError, match="needs an AuthorizerId"):
        config.rest_method({"HttpMethod": "GET", "AuthorizationType": "CUSTOM",
                            "Integration": {"Type": "MOCK"}})


def test_rest_authorizers():
    cognito = config.rest_authorizer("a1", {"Type": "COGNITO_USER_POOLS", "Name": "users",
                                            "ProviderARNs": ["arn:aws:cognito-idp:x:y:userpool/P"]})
    assert cognito.sources == (IdentitySource("header", "Authorization"),)
    request = config.rest_authorizer("a2", {
        "Type": "REQUEST", "AuthorizerUri": URI,
        "IdentitySource": "method.request.header.X-Key, method.request.querystring.t, "
                          "stageVariables.s, context.requestId"})
    assert [s.kind for s in request.sources] == ["header", "querystring", "stage", "context"]
    assert request.ttl == 300 and request.function == FUNCTION
    with pytest.raises(ConfigError, match="must be one header"):
        config.rest_authorizer("a3", {"Type": "TOKEN", "AuthorizerUri": URI,
                                      "IdentitySource": "method.request.querystring.t"})
    with pytest.raises(ConfigError, match="ProviderARNs"):
        config.rest_authorizer("a4", {"Type": "COGNITO_USER_POOLS"})


def test_http_api_parts():
    assert config.route_key("GET /pets/{id}") == ("GET", "/pets/{id}")
    assert config.route_key("$default") == ("", "$default")
    with pytest.raises(ConfigError):
        config.route_key("FETCH /x")
    integration = config.http_integration({"IntegrationType": "AWS_PROXY",
                                           "IntegrationUri": FUNCTION})
    assert integration.payload_version == "2.0" and integration.timeout == 30
    with pytest.raises(ConfigError, match="AWS service integrations"):
        config.http_integration({"IntegrationType": "AWS_PROXY",
                                 "IntegrationSubtype": "SQS-SendMessage"})
    jwt = config.http_authorizer("j1", {"AuthorizerType": "JWT", "JwtConfiguration": {
        "Issuer": "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_abc",
        "Audience": ["client"]}})
    assert jwt.sources == (IdentitySource("header", "Authorization"),)
    with pytest.raises(ConfigError, match="Audience"):
        config.http_authorizer("j2", {"AuthorizerType": "JWT",
                                      "JwtConfiguration": {"Issuer": "https://x"}})
    with pytest.raises(ConfigError, match="EnableSimpleResponses"):
        config.http_authorizer("l1", {"AuthorizerType": "REQUEST", "AuthorizerUri": URI,
                                      "AuthorizerPayloadFormatVersion": "1.0",
                                      "EnableSimpleResponses": True})
