"""APIs defined by an OpenAPI Body, as SAM writes them: a REST API (swagger 2.0) with a
cognito_user_pools security scheme, aws_proxy and mock integrations, gateway responses and
binary media types; an HTTP API (OpenAPI 3) with a JWT authorizer and x-amazon-apigateway-cors."""

import json

import pytest

from gateway_helpers import call, deploy, python_function, sign_in

ECHO = python_function('''
import json
def handler(event, context):
    return {"statusCode": 200, "body": json.dumps(event)}
''')

REST = {
    "swagger": "2.0",
    "info": {"title": "from-body", "version": "1"},
    "x-amazon-apigateway-binary-media-types": ["application/octet-stream"],
    "securityDefinitions": {
        "Users": {"type": "apiKey", "name": "Authorization", "in": "header",
                  "x-amazon-apigateway-authtype": "cognito_user_pools",
                  "x-amazon-apigateway-authorizer": {
                      "type": "cognito_user_pools",
                      "providerARNs": [{"Fn::GetAtt": ["Pool", "Arn"]}]}}},
    "paths": {
        "/pets/{petId}": {
            "get": {
                "security": [{"Users": []}],
                "x-amazon-apigateway-integration": {
                    "type": "aws_proxy", "httpMethod": "POST",
                    "uri": {"Fn::Sub": "arn:aws:apigateway:${AWS::Region}:lambda:path/"
                                       "2015-03-31/functions/${Echo.Arn}/invocations"}}},
            "options": {
                "x-amazon-apigateway-integration": {
                    "type": "mock", "requestTemplates": {"application/json": "{\"statusCode\": 200}"},
                    "responses": {"default": {
                        "statusCode": "200",
                        "responseParameters": {
                            "method.response.header.Access-Control-Allow-Origin": "'*'"}}}}}},
        "/open": {
            "x-amazon-apigateway-any-method": {
                "x-amazon-apigateway-integration": {
                    "type": "aws_proxy", "httpMethod": "POST",
                    "uri": {"Fn::Sub": "arn:aws:apigateway:${AWS::Region}:lambda:path/"
                                       "2015-03-31/functions/${Echo.Arn}/invocations"}}}}},
    "x-amazon-apigateway-gateway-responses": {
        "UNAUTHORIZED": {"statusCode": 401,
                         "responseParameters": {"gatewayresponse.header.WWW-Authenticate": "'Bearer'"},
                         "responseTemplates": {"application/json": "{\"why\": \"$context.error.message\"}"}}},
}

HTTP = {
    "openapi": "3.0.1",
    "info": {"title": "http-from-body", "version": "1"},
    "x-amazon-apigateway-cors": {"allowOrigins": ["*"], "allowMethods": ["GET"]},
    "components": {"securitySchemes": {"Jwt": {
        "type": "oauth2", "x-amazon-apigateway-authorizer": {
            "type": "jwt", "identitySource": "$request.header.Authorization",
            "jwtConfiguration": {
                "issuer": {"Fn::Sub": "https://cognito-idp.${AWS::Region}.amazonaws.com/${Pool}"},
                "audience": [{"Ref": "Client"}]}}}}},
    "paths": {
        "/me": {"get": {
            "security": [{"Jwt": []}],
            "x-amazon-apigateway-integration": {
                "type": "aws_proxy", "httpMethod": "POST", "payloadFormatVersion": "2.0",
                "uri": {"Fn::GetAtt": ["Echo", "Arn"]}}}},
        "$default": {"x-amazon-apigateway-any-method": {
            "x-amazon-apigateway-integration": {
                "type": "aws_proxy", "httpMethod": "POST", "payloadFormatVersion": "2.0",
                "uri": {"Fn::GetAtt": ["Echo", "Arn"]}}}}},
}

TEMPLATE = f"""
Resources:
  Pool:
    Type: AWS::Cognito::UserPool
    Properties: {{UserPoolName: body-users, UsernameAttributes: [email]}}
  Client:
    Type: AWS::Cognito::UserPoolClient
    Properties:
      UserPoolId: !Ref Pool
      ExplicitAuthFlows: [ALLOW_USER_PASSWORD_AUTH, ALLOW_REFRESH_TOKEN_AUTH]
  Echo:
    {ECHO}
  Rest:
    Type: AWS::ApiGateway::RestApi
    Properties:
      Name: from-body
      Body: {json.dumps(REST)}
  RestDeployment:
    Type: AWS::ApiGateway::Deployment
    Properties: {{RestApiId: !Ref Rest, StageName: api}}
  Http:
    Type: AWS::ApiGatewayV2::Api
    Properties:
      Body: {json.dumps(HTTP)}
  HttpStage:
    Type: AWS::ApiGatewayV2::Stage
    Properties: {{ApiId: !Ref Http, StageName: $default}}
Outputs:
  PoolId: {{Value: !Ref Pool}}
  ClientId: {{Value: !Ref Client}}
"""


@pytest.fixture(scope="module")
def deployed(cognito_url):
    stack = deploy(cognito_url, TEMPLATE)
    yield stack
    stack.delete()


@pytest.fixture(scope="module")
def user(cognito_url, deployed):
    return sign_in(cognito_url, deployed.outputs["PoolId"], deployed.outputs["ClientId"])


def test_a_rest_api_from_its_body(deployed, user):
    base = deployed.stage_url("from-body")
    answer = call("GET", base + "/pets/7", user["IdToken"])
    assert answer.status_code == 200, answer.text
    event = answer.json()
    assert event["resource"] == "/pets/{petId}" and event["pathParameters"] == {"petId": "7"}
    assert event["requestContext"]["authorizer"]["claims"]["token_use"] == "id"
    refused = call("GET", base + "/pets/7")
    assert refused.status_code == 401 and refused.json() == {"why": "Unauthorized"}
    assert refused.headers["WWW-Authenticate"] == "Bearer"
    assert call("OPTIONS", base + "/pets/7").headers["Access-Control-Allow-Origin"] == "*"
    binary = call("PUT", base + "/open", data=b"\xff", headers={
        "Content-Type": "application/octet-stream"}).json()
    assert binary["isBase64Encoded"] is True and binary["httpMethod"] == "PUT"


def test_an_http_api_from_its_body(deployed, user):
    http = next(a for a in deployed.apis if a["Protocol"] == "HTTP")
    base = deployed.stage_url(http["ApiId"])
    answer = call("GET", base + "/me", user["AccessToken"], headers={"Origin": "http://app"})
    assert answer.status_code == 200, answer.text
    assert answer.json()["requestContext"]["authorizer"]["jwt"]["claims"]["token_use"] == "access"
    assert answer.headers["access-control-allow-origin"] == "*"
    assert call("GET", base + "/me").status_code == 401
    fallback = call("POST", base + "/anything/at/all").json()
    assert fallback["routeKey"] == "$default" and fallback["rawPath"] == "/anything/at/all"
