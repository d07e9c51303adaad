"""The Serverless Framework's templates (tests/fixtures/serverless/) deploy whole, API Gateway
included, and their endpoints answer as on AWS: REST authorizers naming the pool by GetAtt,
by authorizerId, and by the pool's *name*; scopes; the MOCK OPTIONS of `cors: true`; the HTTP
API's JWT authorizer with an AWS-form issuer."""

import io
import zipfile
from pathlib import Path

import boto3
import pytest
from gateway_helpers import PASSWORD, call, deploy, sign_in
from hosted_ui_helpers import CALLBACK, Browser, query_of, token

FIXTURES = Path(__file__).parents[2] / "fixtures" / "serverless"
PYTHON_HANDLER = '''import json

def request(event, context):
    authorizer = event["requestContext"].get("authorizer") or {}
    claims = authorizer.get("claims") or (authorizer.get("jwt") or {}).get("claims") or {}
    return {"statusCode": 200, "body": json.dumps({"path": event.get("path") or event.get("rawPath"),
                                                   "sub": claims.get("sub")})}
'''
NODE_HANDLER = '''exports.request = async (event) => ({
  statusCode: 200,
  body: JSON.stringify({path: event.path, sub: event.requestContext.authorizer.claims.sub}),
});
exports.handler = async () => ({});
'''


def _zip(path: Path, files: dict) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in files.items():
            archive.writestr(name, text)
    path.write_bytes(buffer.getvalue())


@pytest.fixture(scope="module")
def code_dir(tmp_path_factory) -> str:
    where = tmp_path_factory.mktemp("serverless") / ".serverless"
    where.mkdir()
    _zip(where / "test-variant.zip", {"handler.py": PYTHON_HANDLER})
    _zip(where / "test.zip", {"http.js": NODE_HANDLER})
    _zip(where / "custom-resources.zip", {"api-gateway-cloud-watch-role/handler.js": NODE_HANDLER})
    return str(where)


def _oauth_tokens(cognito_url, pool_id: str, client_id: str, username: str) -> dict:
    """Tokens with the `email` scope through the hosted UI's code flow (the fixture's client
    gets OAuth settings for it)."""
    idp = boto3.client("cognito-idp", endpoint_url=cognito_url, region_name="us-east-1")
    client = idp.update_user_pool_client(
        UserPoolId=pool_id, ClientId=client_id, ClientName="example-client",
        ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
        AllowedOAuthFlowsUserPoolClient=True, AllowedOAuthFlows=["code"],
        AllowedOAuthScopes=["openid", "email"], CallbackURLs=[CALLBACK],
        SupportedIdentityProviders=["COGNITO"])["UserPoolClient"]
    answer = Browser(cognito_url).sign_in(client, username=username, password=PASSWORD,
                                          scope="openid email")
    assert answer.status_code == 302, answer.text
    code = query_of(answer.headers["Location"])["code"]
    granted = token(cognito_url, grant_type="authorization_code", client_id=client_id,
                    code=code, redirect_uri=CALLBACK)
    assert granted.status_code == 200, granted.text
    return granted.json()


@pytest.mark.parametrize("fixture", ["v3-variant-update-stack.json",
                                     "v3-variant-with-tags-update-stack.json",
                                     "osls4-variant-update-stack.json"])
def test_the_variant_deploys_and_its_endpoints_answer(cognito_url, code_dir, fixture):
    deployed = deploy(cognito_url, (FIXTURES / fixture).read_text(),
                      name="sls-test-variant-local", code_dir=code_dir)
    try:
        out = deployed.outputs
        rest = deployed.stage_url("local-test-variant", "local")
        username = "jane@example.com"
        user = sign_in(cognito_url, out["UserPoolId"], out["UserPoolClientId"], username)

        # The pool named by its name (arn:...:userpool/ExampleUserPool), and by authorizerId.
        answer = call("GET", rest + "/v1/request", user["IdToken"])
        assert answer.status_code == 200, answer.text
        assert answer.json() == {"path": "/v1/request", "sub": _sub(user["IdToken"])}
        assert call("POST", rest + "/v1/byid", "Bearer " + user["IdToken"]).status_code == 200
        assert call("GET", rest + "/v1/request").status_code == 401

        # cors: true made a MOCK OPTIONS method.
        preflight = call("OPTIONS", rest + "/v1/byid")
        assert preflight.status_code == 200
        assert preflight.headers["Access-Control-Allow-Methods"] == "OPTIONS,POST"

        # scopes: [email] wants an access token with that scope, as the HTTP API's route does.
        assert call("GET", rest + "/v1/getatt", user["AccessToken"]).status_code == 401
        http = deployed.stage_url("local-test-variant", "$default")
        assert call("GET", http + "/v2/jwt", user["AccessToken"]).status_code == 403
        oauth = _oauth_tokens(cognito_url, out["UserPoolId"], out["UserPoolClientId"], username)
        answer = call("GET", rest + "/v1/getatt", oauth["access_token"])
        assert answer.status_code == 200, answer.text
        answer = call("GET", http + "/v2/jwt", oauth["access_token"])
        assert answer.status_code == 200, answer.text
        assert answer.json() == {"path": "/v2/jwt", "sub": _sub(user["IdToken"])}
    finally:
        deployed.delete()


def test_the_basic_service_names_its_pool_by_name_and_runs_node(cognito_url, code_dir):
    deployed = deploy(cognito_url, (FIXTURES / "v3-basic-update-stack.json").read_text(),
                      name="sls-test-local", code_dir=code_dir)
    try:
        idp = boto3.client("cognito-idp", endpoint_url=cognito_url, region_name="us-east-1")
        pool_id = next(r["PhysicalResourceId"] for r in _resources(cognito_url, deployed.name)
                       if r["LogicalResourceId"] == "UserPool")
        client = idp.create_user_pool_client(
            UserPoolId=pool_id, ClientName="app",
            ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"])
        user = sign_in(cognito_url, pool_id, client["UserPoolClient"]["ClientId"], "bob@example.com")
        rest = deployed.stage_url()
        answer = call("GET", rest + "/v1/request", user["IdToken"])
        assert answer.status_code == 200, answer.text
        assert answer.json() == {"path": "/v1/request", "sub": _sub(user["IdToken"])}
        assert call("GET", rest + "/v1/request", "junk").status_code == 401
    finally:
        deployed.delete()


def _sub(token_text: str) -> str:
    from identity_helpers import claims
    return claims(token_text)["sub"]


def _resources(url: str, name: str) -> list[dict]:
    from cfn_cognito.cli import stacks as cli
    return cli.request(url, "GET", cli.stack_path(name, "/resources"))["StackResources"]
