"""SAM templates (`Transform: AWS::Serverless-2016-10-31`) deployed with `cfn-cognito deploy`:
the transform runs offline, and what SAM makes works end to end: an Api whose default
authorizer is the template's user pool (one route opted out with `Authorizer: NONE`), an
HttpApi with a JWT authorizer on the pool (one route needing a scope), functions from
InlineCode and from a CodeUri directory with Globals, CORS, and a function wired by a
`Cognito` event as the pool's PreSignUp trigger."""

import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

import boto3
import pytest
from gateway_helpers import call, sign_in

from cfn_cognito.cli.http import request as cli_request

ROOT = Path(__file__).parents[3]
APP = ROOT / "tests" / "fixtures" / "sam" / "template.yaml"


def cli(*args: str, endpoint: str):
    environ = {k: v for k, v in os.environ.items() if k != "CFN_COGNITO_ENDPOINT"}
    return subprocess.run([sys.executable, "-m", "cfn_cognito", *args, "--endpoint", endpoint],
                          capture_output=True, text=True, env=environ, timeout=180)


def stage_url(app: dict, protocol: str) -> str:
    """The URL of the API's stage (not the `Stage` stage SAM also makes)."""
    api = next(a for a in app["Apis"] if a["Protocol"] == protocol)
    stage = next(s for s in api["Stages"] if s["Stage"] != "Stage")
    return stage["Url"].replace("http://localhost:", "http://127.0.0.1:")


@pytest.fixture(scope="module")
def app(cognito_url):
    """The fixture app deployed from its own directory's template, as a user would."""
    name = "sam" + uuid.uuid4().hex[:8]
    result = cli("deploy", str(APP), "--stack-name", name, "--json", endpoint=cognito_url)
    assert result.returncode == 0, result.stderr
    deployed = json.loads(result.stdout)
    deployed["Outputs"] = {o["OutputKey"]: o["OutputValue"] for o in deployed["Outputs"]}
    yield deployed
    cli("delete", "--stack-name", name, endpoint=cognito_url)


@pytest.fixture(scope="module")
def tokens(cognito_url, app):
    outputs = app["Outputs"]
    return sign_in(cognito_url, outputs["UserPoolId"], outputs["ClientId"])


def test_the_public_route_answers_from_inline_code_without_a_token(app):
    answer = call("GET", stage_url(app, "REST") + "/hello")
    assert answer.status_code == 200, answer.text
    assert answer.json() == {"from": "inline-code"}


def test_the_default_cognito_authorizer_refuses_no_token_and_takes_an_id_token(app, tokens):
    url = stage_url(app, "REST") + "/me"
    refused = call("GET", url)
    assert refused.status_code == 401
    assert refused.json() == {"message": "Unauthorized"}
    assert call("GET", url, token="not-a-jwt").status_code == 401

    answer = call("GET", url, token=tokens["IdToken"])
    assert answer.status_code == 200, answer.text
    body = answer.json()
    # The CodeUri directory's function, with the Globals' environment, sees the claims.
    assert body["from"] == "code-uri"
    assert body["greeting"] == "hello from Globals"
    assert body["email"].endswith("@example.com") and body["sub"]


def test_cors_preflight_answers_with_the_apis_cors_settings(app):
    answer = call("OPTIONS", stage_url(app, "REST") + "/me",
                  headers={"Origin": "https://app.example.com",
                           "Access-Control-Request-Method": "GET"})
    assert answer.status_code == 200
    assert answer.headers["Access-Control-Allow-Origin"] == "*"
    assert answer.headers["Access-Control-Allow-Headers"] == "Authorization,Content-Type"
    assert "GET" in answer.headers["Access-Control-Allow-Methods"]


def test_the_http_api_jwt_authorizer_takes_the_pools_tokens(app, tokens):
    url = stage_url(app, "HTTP") + "/me"
    refused = call("GET", url)
    assert refused.status_code == 401
    assert refused.json() == {"message": "Unauthorized"}
    for token in (tokens["IdToken"], tokens["AccessToken"]):
        answer = call("GET", url, token=f"Bearer {token}")
        assert answer.status_code == 200, answer.text
        assert answer.json()["from"] == "code-uri" and answer.json()["sub"]


def test_a_route_with_authorization_scopes_needs_a_token_holding_one(app, tokens):
    url = stage_url(app, "HTTP") + "/account"
    assert call("GET", url, token=f"Bearer {tokens['AccessToken']}").status_code == 200
    # An ID token has no scopes.
    assert call("GET", url, token=f"Bearer {tokens['IdToken']}").status_code == 403


def test_a_cognito_event_makes_the_function_the_pools_pre_sign_up_trigger(cognito_url, app):
    idp = boto3.client("cognito-idp", endpoint_url=cognito_url, region_name="us-east-1")
    client_id = app["Outputs"]["ClientId"]
    email = f"new{uuid.uuid4().hex[:8]}@example.com"
    signed_up = idp.sign_up(ClientId=client_id, Username=email, Password="Passw0rd!x",
                            UserAttributes=[{"Name": "email", "Value": email}])
    assert signed_up["UserConfirmed"] is True       # the trigger confirmed the user
    with pytest.raises(idp.exceptions.UserLambdaValidationException) as refused:
        idp.sign_up(ClientId=client_id, Username="who@blocked.example", Password="Passw0rd!x",
                    UserAttributes=[{"Name": "email", "Value": "who@blocked.example"}])
    assert refused.value.response["Error"]["Message"] == (
        "PreSignUp failed with error sign-ups from blocked.example are closed.")


def test_the_processed_template_is_kept_with_the_stack(cognito_url, app):
    name = app["StackName"]
    printed = cli("outputs", "--stack-name", name, "--template", endpoint=cognito_url)
    assert printed.returncode == 0, printed.stderr
    processed = json.loads(printed.stdout)
    types = {r["Type"] for r in processed["Resources"].values()}
    assert "AWS::Lambda::Function" in types and "AWS::ApiGateway::RestApi" in types
    assert not any(t.startswith("AWS::Serverless::") for t in types)
    assert "Transform" not in processed
    # The CodeUri directory, as the function's code.
    assert processed["Resources"]["WhoAmI"]["Properties"]["Code"] == "src/whoami/"

    original = cli("outputs", "--stack-name", name, "--template", "original",
                   endpoint=cognito_url)
    assert original.stdout.strip() == APP.read_text().strip()

    cfn = boto3.client("cloudformation", endpoint_url=cognito_url, region_name="us-east-1")
    got = cfn.get_template(StackName=name, TemplateStage="Processed")
    assert got["TemplateBody"]["Resources"]["WhoAmI"]["Type"] == "AWS::Lambda::Function"
    assert "Transform" in cfn.get_template(StackName=name)["TemplateBody"]


def test_deploying_the_same_sam_template_again_changes_nothing(cognito_url, app):
    again = cli("deploy", str(APP), "--stack-name", app["StackName"], endpoint=cognito_url)
    assert again.returncode == 0, again.stderr
    assert f"No changes to deploy. Stack {app['StackName']} is up to date" in again.stdout


INLINE_APP = """
Transform: AWS::Serverless-2016-10-31
Resources:
  Users:
    Type: AWS::Cognito::UserPool
    Properties: {UserPoolName: cli-users}
  Hello:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: index.handler
      InlineCode: "def handler(event, context): return {'statusCode': 200, 'body': 'hi'}"
      Events:
        Get:
          Type: Api
          Properties: {Path: /hello, Method: get, Auth: {Authorizer: Users}, RestApiId: !Ref Api}
  Api:
    Type: AWS::Serverless::Api
    Properties:
      StageName: live
      Auth:
        Authorizers:
          Users: {UserPoolArn: !GetAtt Users.Arn}
"""


def test_aws_cloudformation_deploy_takes_a_sam_template(cognito_url, tmp_path):
    path = tmp_path / "template.yaml"
    path.write_text(INLINE_APP)
    name = "cli" + uuid.uuid4().hex[:8]

    def aws(*args):
        return subprocess.run([sys.executable, "-m", "awscli", "--endpoint-url", cognito_url,
                               "--output", "json", "cloudformation", *args],
                              capture_output=True, text=True, timeout=300)

    refused = aws("deploy", "--template-file", str(path), "--stack-name", name)
    assert refused.returncode != 0
    assert "Requires capabilities : [CAPABILITY_IAM]" in refused.stderr   # SAM makes roles
    deployed = aws("deploy", "--template-file", str(path), "--stack-name", name,
                   "--capabilities", "CAPABILITY_IAM")
    assert deployed.returncode == 0, deployed.stderr
    processed = json.loads(aws("get-template", "--stack-name", name, "--template-stage",
                               "Processed").stdout)["TemplateBody"]
    assert processed["Resources"]["Hello"]["Type"] == "AWS::Lambda::Function"
    apis = cli_request(cognito_url, "GET", f"/_cfn_cognito/apis?stack={name}")["Apis"]
    assert call("GET", stage_url({"Apis": apis}, "REST") + "/hello").status_code == 401
    aws("delete-stack", "--stack-name", name)


BAD_EVENT = """
Transform: AWS::Serverless-2016-10-31
Resources:
  Users:
    Type: AWS::Cognito::UserPool
    Properties: {UserPoolName: POOL}
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: index.handler
      InlineCode: "def handler(event, context): return event"
      Events:
        Odd:
          Type: Carrier
          Properties: {Path: /x}
"""

BAD_AUTH = """
Transform: AWS::Serverless-2016-10-31
Resources:
  Users:
    Type: AWS::Cognito::UserPool
    Properties: {UserPoolName: POOL}
  Api:
    Type: AWS::Serverless::Api
    Properties:
      StageName: dev
      Auth:
        DefaultAuthorizer: Missing
        Authorizers:
          UsersAuthorizer: {UserPoolArn: !GetAtt Users.Arn}
"""


@pytest.mark.parametrize("template, message", [
    (BAD_EVENT, "Resource with id [Fn] is invalid. Event with id [Odd] is invalid. Resource "
                "dict has missing or invalid value for key Type. Event Type is: Carrier."),
    (BAD_AUTH, "Resource with id [Api] is invalid. Unable to set DefaultAuthorizer because "
               "'Missing' was not defined in 'Authorizers'."),
])
def test_a_template_sam_refuses_fails_with_its_message_and_makes_nothing(
        cognito_url, idp, tmp_path, template, message):
    pool_name = "never-" + uuid.uuid4().hex[:8]
    path = tmp_path / "template.yaml"
    path.write_text(template.replace("POOL", pool_name))
    name = "bad" + uuid.uuid4().hex[:8]
    result = cli("deploy", str(path), "--stack-name", name, endpoint=cognito_url)
    assert result.returncode == 1
    assert (f"error: Transform AWS::Serverless-2016-10-31 failed with: Invalid Serverless "
            f"Application Specification document. Number of errors found: 1. {message}"
            in result.stderr)
    assert "not deployed" in result.stderr
    stacks = cli("stacks", "--json", endpoint=cognito_url)
    assert name not in [s["StackName"] for s in json.loads(stacks.stdout)]
    pools = idp.list_user_pools(MaxResults=60)["UserPools"]
    assert pool_name not in [p["Name"] for p in pools]
