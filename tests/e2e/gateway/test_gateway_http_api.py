"""HTTP APIs (v2): a JWT authorizer of a local pool whose issuer is written in AWS's form
(templates/api-http-jwt.yaml), the payload 2.0 event, CORS, the $default route and named
stages, payload 1.0 and quick create."""

import re

import boto3
import pytest

from gateway_helpers import TEMPLATES, call, deploy, lambda_uri, python_function, sign_in

ORIGIN = "http://localhost:3000"


@pytest.fixture(scope="module")
def api(cognito_url):
    deployed = deploy(cognito_url, (TEMPLATES / "api-http-jwt.yaml").read_text())
    yield deployed
    deployed.delete()


@pytest.fixture(scope="module")
def base(api):
    return api.stage_url()


@pytest.fixture(scope="module")
def user(cognito_url, api):
    return sign_in(cognito_url, api.outputs["UserPoolId"], api.outputs["UserPoolClientId"],
                   groups=("admin", "staff"))


def test_the_default_stage_answers_at_the_root_with_the_payload_2_event(base, api):
    answer = call("GET", base + "/public?tag=a&tag=b&q=x%20y",
                  headers={"X-Trace": "t-1", "Cookie": "a=1; b=2"})
    assert answer.status_code == 200
    assert answer.headers["Apigw-Requestid"]
    event = answer.json()
    assert event["version"] == "2.0" and event["routeKey"] == "GET /public"
    assert event["rawPath"] == "/public" and event["rawQueryString"] == "tag=a&tag=b&q=x%20y"
    assert event["queryStringParameters"] == {"tag": "a,b", "q": "x y"}
    assert event["cookies"] == ["a=1", "b=2"]
    assert event["headers"]["x-trace"] == "t-1" and "cookie" not in event["headers"]
    assert "pathParameters" not in event and "body" not in event
    assert event["isBase64Encoded"] is False
    context = event["requestContext"]
    assert context["stage"] == "$default" and context["routeKey"] == "GET /public"
    assert context["http"]["method"] == "GET" and context["http"]["path"] == "/public"
    assert context["http"]["sourceIp"] == "127.0.0.1"
    assert context["apiId"] == api.outputs["ApiId"] and "authorizer" not in context


def test_jwt_routes_take_id_and_access_tokens_of_the_audience(base, user):
    for token in (user["IdToken"], "Bearer " + user["AccessToken"]):
        answer = call("GET", base + "/me", token)
        assert answer.status_code == 200, answer.text
        jwt = answer.json()["requestContext"]["authorizer"]["jwt"]
        assert jwt["claims"]["cognito:groups"] == "[admin staff]"
        assert jwt["claims"]["exp"].isdigit() and jwt["claims"]["iat"].isdigit()
        assert all(isinstance(v, str) for v in jwt["claims"].values())
    access = call("GET", base + "/me", user["AccessToken"]).json()["requestContext"]
    assert access["authorizer"]["jwt"]["scopes"] == ["aws.cognito.signin.user.admin"]
    identity = call("GET", base + "/me", user["IdToken"]).json()["requestContext"]
    assert identity["authorizer"]["jwt"]["scopes"] is None


def test_jwt_refusals_say_why_in_www_authenticate(cognito_url, api, base, user):
    for token in (None, "junk"):
        answer = call("GET", base + "/me", token)
        assert answer.status_code == 401 and answer.json() == {"message": "Unauthorized"}
    assert 'error="invalid_token"' in call("GET", base + "/me", "junk").headers["www-authenticate"]
    idp = boto3.client("cognito-idp", endpoint_url=cognito_url, region_name="us-east-1")
    other_client = idp.create_user_pool_client(
        UserPoolId=api.outputs["UserPoolId"], ClientName="other",
        ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"])
    outsider = sign_in(cognito_url, api.outputs["UserPoolId"],
                       other_client["UserPoolClient"]["ClientId"])
    answer = call("GET", base + "/me", outsider["AccessToken"])
    assert answer.status_code == 401
    assert "valid audience" in answer.headers["www-authenticate"]


def test_a_route_with_scopes_needs_a_token_holding_one(base, user):
    answer = call("POST", base + "/admin/users/42", user["AccessToken"], data="hi")
    assert answer.status_code == 200
    event = answer.json()
    assert event["pathParameters"] == {"proxy": "users/42"} and event["body"] == "hi"
    assert event["routeKey"] == "ANY /admin/{proxy+}"
    refused = call("POST", base + "/admin/users/42", user["IdToken"])
    assert refused.status_code == 403 and refused.json() == {"message": "Forbidden"}
    assert 'error="insufficient_scope"' in refused.headers["www-authenticate"]


def test_no_route_is_not_found(base):
    answer = call("GET", base + "/nowhere")
    assert answer.status_code == 404 and answer.json() == {"message": "Not Found"}


def test_cors_preflight_and_headers_for_allowed_origins(base, user):
    preflight = call("OPTIONS", base + "/me", headers={
        "Origin": ORIGIN, "Access-Control-Request-Method": "GET",
        "Access-Control-Request-Headers": "authorization"})
    assert preflight.status_code == 204
    assert preflight.headers["access-control-allow-origin"] == ORIGIN
    assert preflight.headers["access-control-allow-methods"] == "GET,POST,OPTIONS"
    assert preflight.headers["access-control-allow-headers"] == "authorization,content-type"
    assert preflight.headers["access-control-max-age"] == "600"
    stranger = call("OPTIONS", base + "/me", headers={
        "Origin": "http://evil.example", "Access-Control-Request-Method": "GET"})
    assert "access-control-allow-origin" not in stranger.headers
    answer = call("GET", base + "/me", user["IdToken"], headers={"Origin": ORIGIN})
    assert answer.headers["access-control-allow-origin"] == ORIGIN
    refused = call("GET", base + "/me", headers={"Origin": ORIGIN})
    assert refused.status_code == 401
    assert refused.headers["access-control-allow-origin"] == ORIGIN


def test_outputs_name_the_aws_endpoint_and_the_local_one_is_listed(api):
    assert re.fullmatch(rf"https://{api.outputs['ApiId']}\.execute-api\.us-east-1\."
                        r"amazonaws\.com", api.outputs["ApiUrl"])
    stage = api.api()["Stages"][0]
    assert stage["Stage"] == "$default"
    assert stage["HostUrl"].endswith(f"//{api.outputs['ApiId']}.execute-api.localhost:"
                                     f"{stage['Url'].split(':')[2].split('/')[0]}")


STAGES = f"""
Resources:
  Fn:
    {python_function('''
import json
def handler(event, context):
    return {"statusCode": 201, "headers": {"X-Version": event.get("version", "none")},
            "multiValueHeaders": {"X-Many": ["1", "2"]}, "body": json.dumps(event)}
''')}
  Api:
    Type: AWS::ApiGatewayV2::Api
    Properties: {{Name: staged, ProtocolType: HTTP}}
  V1:
    Type: AWS::ApiGatewayV2::Integration
    Properties:
      ApiId: !Ref Api
      IntegrationType: AWS_PROXY
      IntegrationUri: {lambda_uri("Fn")}
      PayloadFormatVersion: "1.0"
  Default:
    Type: AWS::ApiGatewayV2::Route
    Properties: {{ApiId: !Ref Api, RouteKey: $default, Target: !Sub "integrations/${{V1}}"}}
  Item:
    Type: AWS::ApiGatewayV2::Route
    Properties: {{ApiId: !Ref Api, RouteKey: "GET /items/{{id}}", Target: !Sub "integrations/${{V1}}"}}
  Prod:
    Type: AWS::ApiGatewayV2::Stage
    Properties:
      ApiId: !Ref Api
      StageName: prod
      StageVariables: {{color: blue}}
"""


def test_a_named_stage_the_default_route_and_payload_1(cognito_url, cognito_server):
    deployed = deploy(cognito_url, STAGES)
    try:
        base = deployed.stage_url(stage="prod")
        answer = call("GET", base + "/items/a%20b?x=1")
        assert answer.status_code == 201
        event = answer.json()
        assert event["version"] == "1.0" and event["resource"] == "/items/{id}"
        # HTTP APIs decode path variables (REST APIs do not).
        assert event["pathParameters"] == {"id": "a b"} and event["path"] == "/items/a b"
        assert event["stageVariables"] == {"color": "blue"}
        assert event["requestContext"]["stage"] == "prod"
        assert event["requestContext"]["resourceId"] == "GET /items/{id}"
        fallback = call("DELETE", base + "/anything/else").json()
        assert fallback["resource"] == "/anything/else" and fallback["path"] == "/anything/else"
        assert fallback["requestContext"]["resourceId"] == "$default"
        # Host-based: a first segment naming a stage is that stage; there is no $default one.
        host = f"{deployed.api()['ApiId']}.execute-api.localhost:{cognito_server.port}"
        assert call("GET", cognito_url + "/prod/items/1", headers={"Host": host}).status_code == 201
        answer = call("GET", cognito_url + "/items/1", headers={"Host": host})
        assert answer.status_code == 404 and answer.json() == {"message": "Not Found"}
    finally:
        deployed.delete()


QUICK = f"""
Resources:
  Fn:
    {python_function('''
def handler(event, context):
    if event["rawPath"] == "/text":
        return "plain"
    if event["rawPath"] == "/fail":
        raise ValueError("boom")
    if event["rawPath"] == "/cookie":
        return {"statusCode": 200, "cookies": ["a=1", "b=2; Path=/"], "body": "ok"}
    return {"echo": event["rawPath"], "b64": event["isBase64Encoded"], "body": event.get("body")}
''')}
  Api:
    Type: AWS::ApiGatewayV2::Api
    Properties: {{Name: quick, ProtocolType: HTTP, Target: !GetAtt Fn.Arn}}
"""


def test_quick_create_and_simple_responses(cognito_url):
    deployed = deploy(cognito_url, QUICK)
    try:
        base = deployed.stage_url()
        answer = call("GET", base + "/anything")
        assert answer.status_code == 200
        assert answer.headers["Content-Type"] == "application/json"
        assert answer.json() == {"echo": "/anything", "b64": False, "body": None}
        assert call("GET", base + "/text").text == '"plain"'
        binary = call("POST", base + "/upload", data=b"\x00\xff\x10",
                      headers={"Content-Type": "application/octet-stream"}).json()
        assert binary["b64"] is True and binary["body"] == "AP8Q"
        failed = call("GET", base + "/fail")
        assert failed.status_code == 500 and failed.json() == {"message": "Internal Server Error"}
        cookies = call("GET", base + "/cookie")
        assert cookies.raw.headers.getlist("Set-Cookie") == ["a=1", "b=2; Path=/"]
    finally:
        deployed.delete()
