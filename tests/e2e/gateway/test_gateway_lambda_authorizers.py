"""Lambda authorizers: TOKEN and REQUEST on a REST API (IAM policies, context, 401/403/500,
results kept for their TTL), and an HTTP API's REQUEST authorizer with simple responses."""

import pytest

from gateway_helpers import call, deploy, lambda_uri, python_function

AUTHORIZER = python_function('''
import os, time

def handler(event, context):
    with open(os.environ["CALLS"], "a") as calls:
        calls.write(event["type"] + "\\n")
    token = event.get("authorizationToken") or event["headers"].get("X-Key", "")
    if token == "crash":
        raise RuntimeError("authorizer bug")
    if token in ("", "nobody"):
        raise Exception("Unauthorized")
    if token == "shapeless":
        return {"allowed": True}
    effect = "Allow" if token.startswith("allow") else "Deny"
    arn = event["methodArn"]
    resource = arn if token != "allow-other" else arn.rsplit("/", 2)[0] + "/GET/other"
    return {"principalId": "user-" + token,
            "policyDocument": {"Version": "2012-10-17", "Statement": [
                {"Action": "execute-api:Invoke", "Effect": effect, "Resource": resource}]},
            "context": {"team": "blue", "level": 3, "admin": True}}
''', environment={"CALLS": "CALLS_FILE"})

ECHO = python_function('''
import json
def handler(event, context):
    return {"statusCode": 200, "body": json.dumps(event["requestContext"].get("authorizer"))}
''')


def _rest_template(calls: str) -> str:
    return f"""
Resources:
  Authorize:
    {AUTHORIZER.replace('"CALLS_FILE"', calls)}
  Echo:
    {ECHO}
  Api:
    Type: AWS::ApiGateway::RestApi
    Properties: {{Name: lambda-authorized}}
  Token:
    Type: AWS::ApiGateway::Authorizer
    Properties:
      RestApiId: !Ref Api
      Name: token
      Type: TOKEN
      IdentitySource: method.request.header.Authorization
      IdentityValidationExpression: "^[a-z-]+$"
      AuthorizerUri: {lambda_uri("Authorize")}
      AuthorizerResultTtlInSeconds: 0
  Request:
    Type: AWS::ApiGateway::Authorizer
    Properties:
      RestApiId: !Ref Api
      Name: request
      Type: REQUEST
      IdentitySource: method.request.header.X-Key, method.request.querystring.tenant
      AuthorizerUri: {lambda_uri("Authorize")}
      AuthorizerResultTtlInSeconds: 300
  TokenResource:
    Type: AWS::ApiGateway::Resource
    Properties: {{RestApiId: !Ref Api, ParentId: !GetAtt Api.RootResourceId, PathPart: token}}
  RequestResource:
    Type: AWS::ApiGateway::Resource
    Properties: {{RestApiId: !Ref Api, ParentId: !GetAtt Api.RootResourceId, PathPart: request}}
  TokenGet:
    Type: AWS::ApiGateway::Method
    Properties:
      RestApiId: !Ref Api
      ResourceId: !Ref TokenResource
      HttpMethod: GET
      AuthorizationType: CUSTOM
      AuthorizerId: !Ref Token
      Integration: {{Type: AWS_PROXY, IntegrationHttpMethod: POST, Uri: {lambda_uri("Echo")}}}
  RequestGet:
    Type: AWS::ApiGateway::Method
    Properties:
      RestApiId: !Ref Api
      ResourceId: !Ref RequestResource
      HttpMethod: GET
      AuthorizationType: CUSTOM
      AuthorizerId: !Ref Request
      Integration: {{Type: AWS_PROXY, IntegrationHttpMethod: POST, Uri: {lambda_uri("Echo")}}}
  Deployment:
    Type: AWS::ApiGateway::Deployment
    DependsOn: [TokenGet, RequestGet]
    Properties: {{RestApiId: !Ref Api, StageName: v1}}
"""


@pytest.fixture(scope="module")
def calls_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("authorizer") / "calls.txt"
    path.write_text("")
    return path


@pytest.fixture(scope="module")
def rest(cognito_url, calls_file):
    deployed = deploy(cognito_url, _rest_template(str(calls_file)))
    yield deployed.stage_url()
    deployed.delete()


def _calls(path) -> int:
    return len(path.read_text().splitlines())


def test_a_token_authorizer_allowing_the_method_passes_its_context_on(rest):
    answer = call("GET", rest + "/token", "allow")
    assert answer.status_code == 200, answer.text
    authorizer = answer.json()
    assert authorizer["principalId"] == "user-allow"
    # REST APIs hand the context on with every value a string.
    assert authorizer["team"] == "blue" and authorizer["level"] == "3"
    assert authorizer["admin"] == "true"
    assert isinstance(authorizer["integrationLatency"], int)


def test_token_authorizer_refusals(rest, calls_file):
    before = _calls(calls_file)
    # No token, or one the validation expression rejects: 401 without calling the function.
    for token in (None, "BAD TOKEN"):
        answer = call("GET", rest + "/token", token)
        assert answer.status_code == 401 and answer.json() == {"message": "Unauthorized"}
    assert _calls(calls_file) == before
    answer = call("GET", rest + "/token", "nobody")
    assert answer.status_code == 401 and answer.json() == {"message": "Unauthorized"}
    denied = call("GET", rest + "/token", "deny")
    assert denied.status_code == 403
    assert denied.json() == {"message": "User is not authorized to access this resource with "
                                        "an explicit deny"}
    assert denied.headers["x-amzn-ErrorType"] == "AccessDeniedException"
    other = call("GET", rest + "/token", "allow-other")
    assert other.status_code == 403
    assert other.json() == {"message": "User is not authorized to access this resource"}
    for token in ("crash", "shapeless"):
        failed = call("GET", rest + "/token", token)
        assert failed.status_code == 500 and failed.json() == {"message": None}
        assert failed.headers["x-amzn-ErrorType"] == "AuthorizerConfigurationException"


def test_a_request_authorizer_is_cached_by_its_identity_sources(rest, calls_file):
    assert call("GET", rest + "/request?tenant=t1").status_code == 401   # X-Key missing
    before = _calls(calls_file)
    first = call("GET", rest + "/request?tenant=t1", headers={"X-Key": "allow"})
    assert first.status_code == 200 and first.json()["principalId"] == "user-allow"
    again = call("GET", rest + "/request?tenant=t1", headers={"X-Key": "allow"})
    assert again.status_code == 200
    assert _calls(calls_file) == before + 1
    call("GET", rest + "/request?tenant=t2", headers={"X-Key": "allow"})
    assert _calls(calls_file) == before + 2


HTTP_AUTHORIZER = python_function('''
def handler(event, context):
    allowed = event["headers"].get("x-key") == "open-sesame"
    return {"isAuthorized": allowed,
            "context": {"route": event["routeKey"], "ids": event["identitySource"]}}
''')


HTTP_TEMPLATE = f"""
Resources:
  Authorize:
    {HTTP_AUTHORIZER}
  Echo:
    {python_function('''
def handler(event, context):
    return event["requestContext"]["authorizer"]
''')}
  Api:
    Type: AWS::ApiGatewayV2::Api
    Properties: {{Name: simple, ProtocolType: HTTP}}
  Authorizer:
    Type: AWS::ApiGatewayV2::Authorizer
    Properties:
      ApiId: !Ref Api
      Name: simple
      AuthorizerType: REQUEST
      AuthorizerPayloadFormatVersion: "2.0"
      EnableSimpleResponses: true
      IdentitySource: [$request.header.X-Key]
      AuthorizerUri: {lambda_uri("Authorize")}
  Integration:
    Type: AWS::ApiGatewayV2::Integration
    Properties:
      ApiId: !Ref Api
      IntegrationType: AWS_PROXY
      IntegrationUri: !GetAtt Echo.Arn
      PayloadFormatVersion: "2.0"
  Route:
    Type: AWS::ApiGatewayV2::Route
    Properties:
      ApiId: !Ref Api
      RouteKey: GET /secret
      AuthorizationType: CUSTOM
      AuthorizerId: !Ref Authorizer
      Target: !Sub integrations/${{Integration}}
  Stage:
    Type: AWS::ApiGatewayV2::Stage
    Properties: {{ApiId: !Ref Api, StageName: $default}}
"""


def test_an_http_api_request_authorizer_with_simple_responses(cognito_url):
    deployed = deploy(cognito_url, HTTP_TEMPLATE)
    try:
        base = deployed.stage_url()
        answer = call("GET", base + "/secret", headers={"X-Key": "open-sesame"})
        assert answer.status_code == 200, answer.text
        assert answer.json() == {"lambda": {"route": "GET /secret", "ids": ["open-sesame"]}}
        denied = call("GET", base + "/secret", headers={"X-Key": "wrong"})
        assert denied.status_code == 403 and denied.json() == {"message": "Forbidden"}
        missing = call("GET", base + "/secret")
        assert missing.status_code == 401 and missing.json() == {"message": "Unauthorized"}
    finally:
        deployed.delete()
