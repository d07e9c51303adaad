"""A REST API secured by a Cognito user pool (templates/api-rest-cognito.yaml), called with
real tokens: who gets in, what the handler's event holds, and how API Gateway refuses."""

import re
import time
import uuid

import boto3
import pytest

from cfn_cognito.idp.appclients import clients
from cfn_cognito.idp.userpools import pools
from cfn_cognito.idp.issuer import tokens
from gateway_helpers import TEMPLATES, call, deploy, sign_in
from identity_helpers import claims as claims_of
from identity_helpers import server_context

JAVA_DATE = re.compile(r"[A-Z][a-z]{2} [A-Z][a-z]{2} \d{2} \d{2}:\d{2}:\d{2} UTC \d{4}")


@pytest.fixture(scope="module")
def api(cognito_url):
    deployed = deploy(cognito_url, (TEMPLATES / "api-rest-cognito.yaml").read_text())
    yield deployed
    deployed.delete()


@pytest.fixture(scope="module")
def base(api):
    return api.stage_url()


@pytest.fixture(scope="module")
def user(cognito_url, api):
    return sign_in(cognito_url, api.outputs["UserPoolId"], api.outputs["UserPoolClientId"],
                   attributes={"name": "Jane Doe"},
                   groups=("admin", "staff"))


def test_a_public_route_gets_the_proxy_event_of_the_request(base, api):
    answer = call("GET", base + "/hello?tag=a&tag=b&q=x%20y", headers={"X-Trace": "t-1"})
    assert answer.status_code == 200
    assert answer.headers["x-amzn-RequestId"]
    event = answer.json()
    assert event["resource"] == "/hello" and event["path"] == "/hello"
    assert event["httpMethod"] == "GET"
    assert event["queryStringParameters"] == {"tag": "b", "q": "x y"}
    assert event["multiValueQueryStringParameters"] == {"tag": ["a", "b"], "q": ["x y"]}
    assert event["headers"]["X-Trace"] == "t-1"
    assert event["multiValueHeaders"]["X-Trace"] == ["t-1"]
    assert event["headers"]["X-Forwarded-For"] == "127.0.0.1"
    assert event["headers"]["X-Forwarded-Proto"] == "http"
    assert event["pathParameters"] is None and event["stageVariables"] is None
    assert event["body"] is None and event["isBase64Encoded"] is False
    context = event["requestContext"]
    assert context["stage"] == "dev" and context["path"] == "/dev/hello"
    assert context["resourcePath"] == "/hello" and context["apiId"] == api.outputs["ApiId"]
    assert context["requestId"] == answer.headers["x-amzn-RequestId"]
    assert context["identity"]["sourceIp"] == "127.0.0.1"
    assert context["accountId"] == "000000000000"
    assert "authorizer" not in context


def test_no_token_junk_and_access_tokens_are_refused(base, user):
    for token in (None, "", "junk", "Bearer junk", user["AccessToken"]):
        answer = call("GET", base + "/me", token)
        assert answer.status_code == 401, token
        assert answer.json() == {"message": "Unauthorized"}
        assert answer.headers["x-amzn-ErrorType"] == "UnauthorizedException"
        # The template's GatewayResponse puts CORS on the refusal.
        assert answer.headers["Access-Control-Allow-Origin"] == "*"


def test_an_id_token_gets_in_with_its_claims_as_api_gateway_writes_them(base, user):
    for token in (user["IdToken"], "Bearer " + user["IdToken"]):
        answer = call("GET", base + "/me", token)
        assert answer.status_code == 200, answer.text
        claims = answer.json()["requestContext"]["authorizer"]["claims"]
        assert all(isinstance(v, str) for v in claims.values())
        assert claims["token_use"] == "id" and claims["email_verified"] == "true"
        assert claims["name"] == "Jane Doe"
        assert claims["cognito:groups"] == "admin,staff"
        assert JAVA_DATE.fullmatch(claims["exp"]) and JAVA_DATE.fullmatch(claims["iat"])
        assert claims["auth_time"].isdigit()
        assert claims["sub"] == claims_of(user["IdToken"])["sub"]


def test_a_token_of_another_pool_is_refused(cognito_url, base):
    idp = boto3.client("cognito-idp", endpoint_url=cognito_url, region_name="us-east-1")
    other = idp.create_user_pool(PoolName="elsewhere")["UserPool"]
    try:
        client = idp.create_user_pool_client(UserPoolId=other["Id"], ClientName="c",
                                             ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH",
                                                                "ALLOW_REFRESH_TOKEN_AUTH"])
        stranger = sign_in(cognito_url, other["Id"], client["UserPoolClient"]["ClientId"])
        answer = call("GET", base + "/me", stranger["IdToken"])
        assert answer.status_code == 401 and answer.json() == {"message": "Unauthorized"}
    finally:
        idp.delete_user_pool(UserPoolId=other["Id"])


def test_expired_and_revoked_tokens_are_refused(cognito_server, cognito_url, api, base):
    pool_id, client_id = api.outputs["UserPoolId"], api.outputs["UserPoolClientId"]
    fresh = sign_in(cognito_url, pool_id, client_id)
    with server_context(cognito_server, seconds_ahead=-7200) as ctx:
        subject = tokens.TokenSubject("old-user", str(uuid.uuid4()))
        old = tokens.sign_in(ctx, pools.get_pool(ctx, pool_id),
                             clients.get_client(ctx, pool_id, client_id), subject, groups=[],
                             with_refresh_token=False)
    answer = call("GET", base + "/me", old["IdToken"])
    assert answer.status_code == 401
    assert answer.json() == {"message": "The incoming token has expired"}

    assert call("GET", base + "/me", fresh["IdToken"]).status_code == 200
    idp = boto3.client("cognito-idp", endpoint_url=cognito_url, region_name="us-east-1")
    idp.revoke_token(Token=fresh["RefreshToken"], ClientId=client_id)
    answer = call("GET", base + "/me", fresh["IdToken"])
    assert answer.status_code == 401 and answer.json() == {"message": "Unauthorized"}


def test_a_method_with_scopes_takes_an_access_token_holding_one(base, user):
    answer = call("GET", base + "/admin", user["AccessToken"])
    assert answer.status_code == 200, answer.text
    claims = answer.json()["requestContext"]["authorizer"]["claims"]
    assert claims["token_use"] == "access"
    assert claims["scope"] == "aws.cognito.signin.user.admin"
    assert call("GET", base + "/admin", user["IdToken"]).status_code == 401


def test_path_parameters_any_method_and_the_body(base, user):
    answer = call("POST", base + "/items/a%20b", user["IdToken"], json={"qty": 2},
                  headers={"Content-Type": "application/json"})
    assert answer.status_code == 200, answer.text
    event = answer.json()
    assert event["resource"] == "/items/{id}" and event["httpMethod"] == "POST"
    # REST APIs hand path variables on as they were sent (still percent-encoded).
    assert event["pathParameters"] == {"id": "a%20b"} and event["path"] == "/items/a%20b"
    assert event["body"] == '{"qty": 2}' and event["isBase64Encoded"] is False
    assert call("DELETE", base + "/items/7", user["IdToken"]).json()["httpMethod"] == "DELETE"


def test_a_greedy_path_takes_every_segment_after_it(base):
    event = call("GET", base + "/files/docs/2024/report.pdf").json()
    assert event["resource"] == "/files/{proxy+}"
    assert event["pathParameters"] == {"proxy": "docs/2024/report.pdf"}
    # /files alone is no resource with a method: nothing matches.
    assert call("GET", base + "/files").status_code == 403


def test_the_cors_preflight_is_answered_by_api_gateway(base):
    answer = call("OPTIONS", base + "/me", headers={"Origin": "http://localhost:3000",
                                                    "Access-Control-Request-Method": "GET"})
    assert answer.status_code == 200
    assert answer.headers["Access-Control-Allow-Origin"] == "*"
    assert answer.headers["Access-Control-Allow-Methods"] == "GET,OPTIONS"
    assert answer.headers["Access-Control-Allow-Headers"] == "Content-Type,Authorization"


def test_unknown_routes_methods_and_stages(cognito_url, api, base):
    for method, path in (("GET", "/nowhere"), ("POST", "/hello"), ("GET", "/")):
        answer = call(method, base + path)
        assert answer.status_code == 403, (method, path)
        assert answer.json() == {"message": "Missing Authentication Token"}
    api_id = api.outputs["ApiId"]
    answer = call("GET", f"{cognito_url}/restapis/{api_id}/prod/_user_request_/hello")
    assert answer.status_code == 403 and answer.json() == {"message": "Forbidden"}


def test_the_host_based_url_answers_too(cognito_url, cognito_server, api):
    api_id = api.outputs["ApiId"]
    host = f"{api_id}.execute-api.localhost:{cognito_server.port}"
    answer = call("GET", f"{cognito_url}/dev/hello", headers={"Host": host})
    assert answer.status_code == 200
    event = answer.json()
    assert event["path"] == "/hello" and event["requestContext"]["domainName"] == host
    # A path the rest of the service serves means nothing on an API's host.
    assert call("GET", f"{cognito_url}/_cfn_cognito/health",
                headers={"Host": host}).status_code == 403


def test_the_api_is_gone_with_its_stack(cognito_url):
    deployed = deploy(cognito_url, (TEMPLATES / "api-rest-cognito.yaml").read_text())
    url = deployed.stage_url() + "/hello"
    assert call("GET", url).status_code == 200
    deployed.delete()
    deadline = time.monotonic() + 5
    answer = call("GET", url)
    while answer.status_code == 200 and time.monotonic() < deadline:
        answer = call("GET", url)
    assert answer.status_code == 404
