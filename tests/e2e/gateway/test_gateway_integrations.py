"""REST API integrations and the gateway's own answers: Lambda failures and timeouts, binary
bodies, stage variables, MOCK, HTTP_PROXY, API keys, required parameters and customized
gateway responses."""

import base64
import json

import pytest

from gateway_helpers import call, deploy, lambda_uri, python_function

HANDLER = python_function('''
import base64, json, os, time

def handler(event, context):
    path = event["path"]
    if path == "/fail":
        raise ValueError("boom")
    if path == "/malformed":
        return {"body": "no status"}
    if path == "/slow":
        time.sleep(3)
    if path == "/png":
        return {"statusCode": 200, "headers": {"Content-Type": "image/png"},
                "body": base64.b64encode(b"\\x89PNG\\x00\\xff").decode(), "isBase64Encoded": True}
    return {"statusCode": 200,
            "multiValueHeaders": {"X-Many": ["1", "2"]},
            "headers": {"X-Function": os.environ["NAME"], "X-Count": 3},
            "body": json.dumps({"event": event})}
''', timeout=10, environment={"NAME": "blue"})


def _method(name: str, resource: str, integration: str, extra: str = "") -> str:
    return f"""
  {name}:
    Type: AWS::ApiGateway::Method
    Properties:
      RestApiId: !Ref Api
      ResourceId: !Ref {resource}
      HttpMethod: ANY
      AuthorizationType: NONE{extra}
      Integration:
{integration}"""


def _resource(name: str, part: str, parent: str = "!GetAtt Api.RootResourceId") -> str:
    return f"""
  {name}:
    Type: AWS::ApiGateway::Resource
    Properties: {{RestApiId: !Ref Api, ParentId: {parent}, PathPart: "{part}"}}"""


PROXY = f"""        Type: AWS_PROXY
        IntegrationHttpMethod: POST
        Uri: {lambda_uri("Handler")}
        TimeoutInMillis: 1000"""

STAGE_FUNCTION = """        Type: AWS_PROXY
        IntegrationHttpMethod: POST
        Uri: !Sub "arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/arn:aws:lambda:${AWS::Region}:${AWS::AccountId}:function:${!stageVariables.fn}/invocations\""""

MOCK = """        Type: MOCK
        RequestTemplates:
          application/json: '{"statusCode": $input.params(''code'')}'
        IntegrationResponses:
          - StatusCode: "200"
            ResponseParameters:
              method.response.header.X-Stage: stageVariables.color
              method.response.header.X-Asked: method.request.querystring.code
            ResponseTemplates:
              application/json: '{"stage": "$context.stage", "code": "$input.params(''code'')"}'
          - StatusCode: "418"
            SelectionPattern: "4\\\\d\\\\d"
            ResponseTemplates:
              application/json: '{"teapot": true}'"""

HTTP = """        Type: HTTP_PROXY
        IntegrationHttpMethod: GET
        Uri: !Sub "http://127.0.0.1:${Port}/_cfn_cognito/{proxy}"
        RequestParameters:
          integration.request.path.proxy: method.request.path.proxy
          integration.request.header.X-From: "'gateway'\""""

TEMPLATE = f"""
Parameters:
  Port: {{Type: String}}
Resources:
  Handler:
    {HANDLER}
  Api:
    Type: AWS::ApiGateway::RestApi
    Properties:
      Name: integrations
      BinaryMediaTypes: [image~1png, application/octet-stream]
{_resource("Proxy", "{proxy+}")}
{_resource("Stage", "by-stage")}
{_resource("Mock", "mock")}
{_resource("Service", "service")}
{_resource("ServiceProxy", "{proxy+}", "!Ref Service")}
{_resource("Keyed", "keyed")}
{_resource("Checked", "checked")}
{_method("ProxyAny", "Proxy", PROXY)}
{_method("StageAny", "Stage", STAGE_FUNCTION)}
{_method("MockAny", "Mock", MOCK)}
{_method("ServiceAny", "ServiceProxy", HTTP)}
{_method("KeyedAny", "Keyed", PROXY, chr(10) + "      ApiKeyRequired: true")}
{_method("CheckedAny", "Checked", PROXY, chr(10) + "      RequestValidatorId: !Ref Validator"
         + chr(10) + "      RequestParameters: {method.request.header.X-Version: true, "
         + "method.request.querystring.page: false}")}
  Validator:
    Type: AWS::ApiGateway::RequestValidator
    Properties: {{RestApiId: !Ref Api, ValidateRequestParameters: true}}
  Deployment:
    Type: AWS::ApiGateway::Deployment
    DependsOn: [ProxyAny, StageAny, MockAny, ServiceAny, KeyedAny, CheckedAny]
    Properties:
      RestApiId: !Ref Api
      StageName: live
      StageDescription:
        Variables: {{fn: !Ref Handler, color: green}}
  Key:
    Type: AWS::ApiGateway::ApiKey
    Properties: {{Enabled: true, Value: the-key-of-at-least-twenty-chars}}
  Plan:
    Type: AWS::ApiGateway::UsagePlan
    DependsOn: Deployment
    Properties:
      ApiStages: [{{ApiId: !Ref Api, Stage: live}}]
  PlanKey:
    Type: AWS::ApiGateway::UsagePlanKey
    Properties: {{KeyId: !Ref Key, KeyType: API_KEY, UsagePlanId: !Ref Plan}}
  NotFound:
    Type: AWS::ApiGateway::GatewayResponse
    Properties:
      RestApiId: !Ref Api
      ResponseType: DEFAULT_4XX
      StatusCode: "404"
      ResponseParameters:
        gatewayresponse.header.X-Asked-For: method.request.header.X-Trace
      ResponseTemplates:
        application/json: '{{"error": $context.error.messageString, "type": "$context.error.responseType"}}'
"""


@pytest.fixture(scope="module")
def deployed(cognito_url, cognito_server):
    stack = deploy(cognito_url, TEMPLATE, parameters={"Port": str(cognito_server.port)})
    yield stack
    stack.delete()


@pytest.fixture(scope="module")
def base(deployed):
    return deployed.stage_url()


def test_the_function_answer_becomes_the_response(base):
    answer = call("GET", base + "/hello")
    assert answer.status_code == 200
    assert answer.headers["X-Function"] == "blue" and answer.headers["X-Count"] == "3"
    assert answer.raw.headers.getlist("X-Many") == ["1", "2"]
    assert answer.headers["Content-Type"] == "application/json"
    assert answer.json()["event"]["pathParameters"] == {"proxy": "hello"}


def test_failures_of_the_function_are_502_and_a_timeout_504(base):
    for path in ("/fail", "/malformed"):
        answer = call("GET", base + path)
        assert answer.status_code == 502
        assert answer.content == b'{"message": "Internal server error"}'
    slow = call("GET", base + "/slow")
    assert slow.status_code == 504 and slow.json() == {"message": "Endpoint request timed out"}


def test_binary_bodies_by_the_binary_media_types(base):
    sent = call("POST", base + "/upload", data=b"\x00\x01\xff",
                headers={"Content-Type": "application/octet-stream"}).json()["event"]
    assert sent["isBase64Encoded"] is True and base64.b64decode(sent["body"]) == b"\x00\x01\xff"
    png = call("GET", base + "/png", headers={"Accept": "image/png"})
    assert png.content == b"\x89PNG\x00\xff"
    # Without an Accept of a binary type, the caller gets the base64 text, as on AWS.
    text = call("GET", base + "/png", headers={"Accept": "application/json"})
    assert base64.b64decode(text.content) == b"\x89PNG\x00\xff"


def test_stage_variables_choose_the_function(base):
    event = call("GET", base + "/by-stage").json()["event"]
    assert event["stageVariables"] == {"fn": event["stageVariables"]["fn"], "color": "green"}
    assert event["requestContext"]["stage"] == "live"


def test_a_mock_integration_answers_by_its_templates(base):
    answer = call("GET", base + "/mock?code=200", headers={"Content-Type": "application/json"})
    assert answer.status_code == 200
    assert answer.json() == {"stage": "live", "code": "200"}
    assert answer.headers["X-Stage"] == "green" and answer.headers["X-Asked"] == "200"
    teapot = call("GET", base + "/mock?code=418", headers={"Content-Type": "application/json"})
    assert teapot.status_code == 418 and teapot.json() == {"teapot": True}


def test_an_http_proxy_passes_the_request_on(base):
    answer = call("GET", base + "/service/health")
    assert answer.status_code == 200
    assert answer.json()["status"] == "ok"


def test_api_keys_of_a_usage_plan_open_the_method(deployed, base):
    assert deployed.api()["Stages"][0]["ApiKeys"] == ["the-key-of-at-least-twenty-chars"]
    refused = call("GET", base + "/keyed")
    assert refused.status_code == 404        # the API's DEFAULT_4XX, below
    assert json.loads(refused.text) == {"error": "Forbidden", "type": "INVALID_API_KEY"}
    answer = call("GET", base + "/keyed", headers={"x-api-key": "the-key-of-at-least-twenty-chars"})
    assert answer.status_code == 200
    identity = answer.json()["event"]["requestContext"]["identity"]
    assert identity["apiKey"] == "the-key-of-at-least-twenty-chars" and identity["apiKeyId"]


def test_required_parameters_and_a_customized_gateway_response(base):
    answer = call("GET", base + "/checked", headers={"X-Trace": "t-9"})
    assert answer.status_code == 404
    assert answer.json() == {"error": "Missing required request parameters: [X-Version]",
                             "type": "BAD_REQUEST_PARAMETERS"}
    assert answer.headers["X-Asked-For"] == "t-9"
    assert call("GET", base + "/checked", headers={"X-Version": "2"}).status_code == 200
