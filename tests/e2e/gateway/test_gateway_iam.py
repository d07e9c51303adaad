"""AWS_IAM methods and routes: requests signed (SigV4, as the AWS SDKs and Amplify sign them)
with credentials from an identity pool get in, and their event says who signed; unsigned or
badly signed requests are refused as API Gateway refuses them."""

import boto3
import pytest
import requests
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

from gateway_helpers import deploy, lambda_uri, python_function

ECHO = python_function('''
import json
def handler(event, context):
    context_ = event["requestContext"]
    return {"statusCode": 200, "body": json.dumps({"identity": context_.get("identity"),
                                                   "authorizer": context_.get("authorizer")})}
''')

TEMPLATE = f"""
Resources:
  Echo:
    {ECHO}
  Identities:
    Type: AWS::Cognito::IdentityPool
    Properties: {{AllowUnauthenticatedIdentities: true}}
  Roles:
    Type: AWS::Cognito::IdentityPoolRoleAttachment
    Properties:
      IdentityPoolId: !Ref Identities
      Roles: {{unauthenticated: arn:aws:iam::000000000000:role/guest}}
  Rest:
    Type: AWS::ApiGateway::RestApi
    Properties: {{Name: iam-rest}}
  Signed:
    Type: AWS::ApiGateway::Resource
    Properties: {{RestApiId: !Ref Rest, ParentId: !GetAtt Rest.RootResourceId, PathPart: signed}}
  SignedGet:
    Type: AWS::ApiGateway::Method
    Properties:
      RestApiId: !Ref Rest
      ResourceId: !Ref Signed
      HttpMethod: ANY
      AuthorizationType: AWS_IAM
      Integration: {{Type: AWS_PROXY, IntegrationHttpMethod: POST, Uri: {lambda_uri("Echo")}}}
  Deployment:
    Type: AWS::ApiGateway::Deployment
    DependsOn: SignedGet
    Properties: {{RestApiId: !Ref Rest, StageName: v1}}
  Http:
    Type: AWS::ApiGatewayV2::Api
    Properties: {{Name: iam-http, ProtocolType: HTTP}}
  Integration:
    Type: AWS::ApiGatewayV2::Integration
    Properties:
      ApiId: !Ref Http
      IntegrationType: AWS_PROXY
      IntegrationUri: !GetAtt Echo.Arn
      PayloadFormatVersion: "2.0"
  Route:
    Type: AWS::ApiGatewayV2::Route
    Properties:
      ApiId: !Ref Http
      RouteKey: GET /signed
      AuthorizationType: AWS_IAM
      Target: !Sub integrations/${{Integration}}
  Stage:
    Type: AWS::ApiGatewayV2::Stage
    Properties: {{ApiId: !Ref Http, StageName: $default}}
Outputs:
  IdentityPoolId: {{Value: !Ref Identities}}
"""


@pytest.fixture(scope="module")
def deployed(cognito_url):
    stack = deploy(cognito_url, TEMPLATE)
    yield stack
    stack.delete()


@pytest.fixture(scope="module")
def guest(cognito_url, deployed) -> tuple[str, dict]:
    identity = boto3.client("cognito-identity", endpoint_url=cognito_url, region_name="us-east-1")
    identity_id = identity.get_id(IdentityPoolId=deployed.outputs["IdentityPoolId"])["IdentityId"]
    creds = identity.get_credentials_for_identity(IdentityId=identity_id)["Credentials"]
    return identity_id, creds


def signed(method: str, url: str, creds: dict, body: bytes = b"", secret: str | None = None):
    request = AWSRequest(method=method, url=url, data=body)
    SigV4Auth(Credentials(creds["AccessKeyId"], secret or creds["SecretKey"],
                          creds["SessionToken"]), "execute-api", "us-east-1").add_auth(request)
    return requests.request(method, url, headers=dict(request.headers), data=body, timeout=30)


def test_a_signed_request_gets_in_and_says_who_signed(deployed, guest):
    identity_id, creds = guest
    answer = signed("POST", deployed.stage_url("iam-rest") + "/signed?x=1", creds, b"{}")
    assert answer.status_code == 200, answer.text
    identity = answer.json()["identity"]
    assert identity["cognitoIdentityId"] == identity_id
    assert identity["cognitoIdentityPoolId"] == deployed.outputs["IdentityPoolId"]
    assert identity["cognitoAuthenticationType"] == "unauthenticated"
    assert identity["accessKey"] == creds["AccessKeyId"]
    assert identity["userArn"].endswith(":assumed-role/guest/CognitoIdentityCredentials")


def test_unsigned_and_badly_signed_requests_are_refused(deployed, guest):
    _, creds = guest
    url = deployed.stage_url("iam-rest") + "/signed"
    unsigned = requests.get(url, timeout=30)
    assert unsigned.status_code == 403
    assert unsigned.json() == {"message": "Missing Authentication Token"}
    wrong = signed("GET", url, creds, secret="x" * 40)
    assert wrong.status_code == 403
    assert wrong.json()["message"].startswith("The request signature we calculated does not match")
    assert wrong.headers["x-amzn-ErrorType"] == "InvalidSignatureException"


def test_an_http_api_route_with_aws_iam(deployed, guest):
    identity_id, creds = guest
    url = deployed.stage_url("iam-http") + "/signed"
    answer = signed("GET", url, creds)
    assert answer.status_code == 200, answer.text
    iam = answer.json()["authorizer"]["iam"]
    assert iam["cognitoIdentity"]["identityId"] == identity_id
    assert iam["accessKey"] == creds["AccessKeyId"]
    assert requests.get(url, timeout=30).status_code == 403
