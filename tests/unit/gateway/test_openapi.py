"""OpenAPI bodies (swagger 2.0 and OpenAPI 3) read into the resources' properties."""

import pytest

from cfn_cognito.gateway import config, openapi
from cfn_cognito.gateway.config import ConfigError

URI = ("arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/"
       "arn:aws:lambda:us-east-1:000000000000:function:echo/invocations")
PROXY = {"type": "aws_proxy", "httpMethod": "POST", "uri": URI}


def test_a_swagger_body_with_cognito_token_and_iam_security():
    body = {
        "swagger": "2.0",
        "securityDefinitions": {
            "Pool": {"type": "apiKey", "name": "Authorization", "in": "header",
                     "x-amazon-apigateway-authtype": "cognito_user_pools",
                     "x-amazon-apigateway-authorizer": {
                         "type": "cognito_user_pools", "providerARNs": ["arn:p"]}},
            "Token": {"type": "apiKey", "name": "X-Token", "in": "header",
                      "x-amazon-apigateway-authorizer": {
                          "type": "token", "authorizerUri": URI,
                          "authorizerResultTtlInSeconds": 60}},
            "Sig": {"type": "apiKey", "name": "Authorization", "in": "header",
                    "x-amazon-apigateway-authtype": "awsSigv4"},
            "api_key": {"type": "apiKey", "name": "x-api-key", "in": "header"}},
        "security": [{"Pool": []}],
        "x-amazon-apigateway-request-validators": {"all": {"validateRequestParameters": True}},
        "paths": {
            "/a": {"get": {"x-amazon-apigateway-integration": PROXY}},
            "/b": {"post": {"security": [{"Pool": ["email"]}, {"api_key": []}],
                            "x-amazon-apigateway-request-validator": "all",
                            "parameters": [{"in": "header", "name": "X-V", "required": True}],
                            "x-amazon-apigateway-integration": PROXY}},
            "/c": {"x-amazon-apigateway-any-method": {
                "security": [{"Token": []}], "x-amazon-apigateway-integration": PROXY}},
            "/d": {"get": {"security": [{"Sig": []}], "x-amazon-apigateway-integration": PROXY}},
        },
        "x-amazon-apigateway-binary-media-types": ["image/png"],
    }
    definition = openapi.rest("api1", body)
    methods = {f"{props['HttpMethod']} {path}": props for path, props in definition.methods}
    assert methods["GET /a"]["AuthorizationType"] == "COGNITO_USER_POOLS"
    assert methods["POST /b"]["AuthorizationScopes"] == ["email"]
    assert methods["POST /b"]["ApiKeyRequired"] is True
    assert methods["POST /b"]["RequestParameters"] == {"method.request.header.X-V": True}
    assert methods["ANY /c"]["AuthorizationType"] == "CUSTOM"
    assert methods["GET /d"]["AuthorizationType"] == "AWS_IAM"
    token = config.rest_authorizer("t", definition.authorizers[methods["ANY /c"]["AuthorizerId"]])
    assert token.type == "TOKEN" and token.ttl == 60 and token.sources[0].name == "X-Token"
    for props in (p for _, p in definition.methods):
        config.rest_method(props)
    assert definition.binary_media_types == ["image/png"]
    # Ids of what the Body defines are stable across rebuilds.
    assert openapi.rest("api1", body).authorizers.keys() == definition.authorizers.keys()


def test_an_openapi_3_body_of_an_http_api():
    body = {
        "openapi": "3.0.1",
        "components": {"securitySchemes": {"Jwt": {
            "type": "oauth2", "x-amazon-apigateway-authorizer": {
                "type": "jwt", "jwtConfiguration": {"issuer": "https://i", "audience": ["c"]},
                "identitySource": "$request.header.Authorization"}}}},
        "x-amazon-apigateway-cors": {"allowOrigins": ["*"], "maxAge": 60},
        "paths": {"/me": {"get": {"security": [{"Jwt": ["read"]}],
                                  "x-amazon-apigateway-integration": {
                                      "type": "aws_proxy", "uri": "arn:aws:lambda:us-east-1:"
                                      "000000000000:function:echo",
                                      "payloadFormatVersion": "1.0"}}},
                  "$default": {"x-amazon-apigateway-any-method": {
                      "x-amazon-apigateway-integration": {"type": "http_proxy",
                                                          "uri": "http://example.com"}}}},
    }
    definition = openapi.http("api2", body)
    routes = dict((props["RouteKey"], props) for _, props in definition.methods)
    assert routes["GET /me"]["AuthorizationType"] == "JWT"
    assert routes["GET /me"]["AuthorizationScopes"] == ["read"]
    assert config.http_integration(routes["GET /me"]["Integration"]).payload_version == "1.0"
    assert config.http_integration(routes["$default"]["Integration"]).type == "HTTP_PROXY"
    assert config.cors(definition.cors).max_age == 60


def test_bodies_that_cannot_be_served_are_refused():
    with pytest.raises(ConfigError, match="no x-amazon-apigateway-integration"):
        openapi.rest("a", {"paths": {"/x": {"get": {}}}})
    with pytest.raises(ConfigError, match="security scheme Nope is not defined"):
        openapi.rest("a", {"paths": {"/x": {"get": {
            "security": [{"Nope": []}], "x-amazon-apigateway-integration": PROXY}}}})
    with pytest.raises(ConfigError, match="not JSON or YAML"):
        openapi.load("paths: [")
    assert openapi.load('{"paths": {}}') == {"paths": {}}
