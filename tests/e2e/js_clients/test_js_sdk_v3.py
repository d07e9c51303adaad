"""The AWS SDK for JavaScript v3 (@aws-sdk/client-cognito-identity-provider), as a backend
calls Cognito: admin and self-service calls, the SDK's modeled errors, its paginators and
response metadata. The scenarios are the scripts tests/node/sdk_*.js."""

import re

import jwt

import pytest

from node_scripts import js_clients, run_ok  # noqa: F401 (a fixture)
from user_helpers import attrs, make_client, make_pool  # noqa: F401 (a fixture)

PASSWORD = "Corr3ct-Horse!"
REQUEST_ID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
FLOWS = ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]


@pytest.fixture
def app(idp, make_pool):  # noqa: F811
    """A pool that emails codes, with a public client allowing the password flows."""
    pool = make_pool(AutoVerifiedAttributes=["email"])
    return pool, make_client(idp, pool, ExplicitAuthFlows=FLOWS)


def add_user(idp, pool, username, **values):
    idp.admin_create_user(UserPoolId=pool["Id"], Username=username, MessageAction="SUPPRESS",
                          UserAttributes=attrs(**values))
    idp.admin_set_user_password(UserPoolId=pool["Id"], Username=username, Password=PASSWORD,
                                Permanent=True)


def test_admin_create_user_then_password_sign_in_and_get_user(idp, cognito_url,
                                                              js_clients):  # noqa: F811
    out = run_ok("sdk_admin_sign_in.js", cognito_url, "sdk-admin", PASSWORD, "admin@example.com")

    # Timestamps arrive as epoch seconds, which the SDK turns into Dates.
    assert out["poolCreationDateIsDate"] and out["userCreateDateIsDate"]
    assert out["createdStatus"] == "FORCE_CHANGE_PASSWORD"
    assert out["metadata"]["httpStatusCode"] == 200
    assert REQUEST_ID.match(out["metadata"]["requestId"])
    auth = out["authentication"]
    assert auth["TokenType"] == "Bearer" and auth["ExpiresIn"] == 3600
    assert {"AccessToken", "IdToken", "RefreshToken"} <= set(auth)
    assert out["challengeParameters"] == {}
    assert out["me"]["Username"] == "sdk-admin"
    assert {a["Name"]: a["Value"] for a in out["me"]["UserAttributes"]}["email"] == \
        "admin@example.com"
    # The script deleted its pool at the end.
    with pytest.raises(idp.exceptions.ResourceNotFoundException):
        idp.describe_user_pool(UserPoolId=out["poolId"])


def test_sign_up_then_confirm_with_the_emailed_code(idp, cognito_url, app,
                                                    js_clients):  # noqa: F811
    pool, client = app
    out = run_ok("sdk_sign_up.js", cognito_url, pool["Id"], client["ClientId"], "sdk-sam",
                 PASSWORD, "sam@example.com")

    assert out["signUp"]["UserConfirmed"] is False
    assert out["signUp"]["CodeDeliveryDetails"] == {
        "Destination": "s***@e***", "DeliveryMedium": "EMAIL", "AttributeName": "email"}
    assert out["beforeConfirming"]["error"]["name"] == "UserNotConfirmedException"
    assert out["beforeConfirming"]["error"]["message"] == "User is not confirmed."
    assert out["wrongCode"]["error"]["name"] == "CodeMismatchException"
    assert out["wrongCode"]["error"]["message"] == \
        "Invalid verification code provided, please try again."
    assert out["confirmStatus"] == 200
    me = {a["Name"]: a["Value"] for a in out["me"]["UserAttributes"]}
    assert me["sub"] == out["signUp"]["UserSub"] and me["email_verified"] == "true"
    assert idp.admin_get_user(UserPoolId=pool["Id"], Username="sdk-sam")["UserStatus"] == \
        "CONFIRMED"


def test_errors_are_the_sdks_modeled_exceptions_with_aws_messages(idp, cognito_url, app,
                                                                  js_clients):  # noqa: F811
    pool, client = app
    add_user(idp, pool, "sdk-erin")
    out = run_ok("sdk_errors.js", cognito_url, pool["Id"], client["ClientId"], "sdk-erin",
                 PASSWORD)

    # `catch (e) { if (e instanceof NotAuthorizedException) ... }` works in an app.
    assert out["instanceOfNotAuthorized"]
    expected = {
        "wrongPassword": ("NotAuthorizedException", "Incorrect username or password."),
        "unknownUser": ("UserNotFoundException", "User does not exist."),
        "missingPassword": ("InvalidParameterException", "Missing required parameter PASSWORD"),
        "limitTooLarge": ("InvalidParameterException",
                          "1 validation error detected: Value '61' at 'limit' failed to satisfy "
                          "constraint: Member must have value less than or equal to 60"),
        "unknownPool": ("ResourceNotFoundException",
                        "User pool us-east-1_nothere0 does not exist."),
        "badToken": ("NotAuthorizedException", "Invalid Access Token"),
    }
    for case, (name, message) in expected.items():
        error = out[case]["error"]
        assert (error["name"], error["message"]) == (name, message), case
        assert out[case]["modeled"], case
        assert error["fault"] == "client" and error["httpStatusCode"] == 400, case
        assert REQUEST_ID.match(error["requestId"]), case
    # An operation the service leaves out is a clean, modeled error, not a parse failure.
    unsupported = out["unsupported"]
    assert unsupported["modeled"] and unsupported["error"]["httpStatusCode"] == 400
    assert unsupported["error"]["name"] == "UnsupportedOperationException"
    assert unsupported["error"]["message"].startswith(
        "The operation ListUserPoolReplicas is not supported by cfn-cognito.")


def test_paginators_and_max_results(idp, cognito_url, make_pool, js_clients):  # noqa: F811
    pools = [make_pool() for _ in range(3)]
    names = [f"sdk-page-{i}" for i in range(5)]
    for name in names:
        idp.admin_create_user(UserPoolId=pools[0]["Id"], Username=name, MessageAction="SUPPRESS")

    out = run_ok("sdk_pagination.js", cognito_url, pools[0]["Id"], "2")

    assert [len(page) for page in out["userPages"]] == [2, 2, 1]
    assert sorted(sum(out["userPages"], [])) == names
    seen = sum(out["poolPages"], [])
    assert all(len(page) <= 2 for page in out["poolPages"])
    assert len(seen) == len(set(seen))
    assert {p["Id"] for p in pools} <= set(seen)


def test_refresh_naming_the_device_keeps_device_key_in_the_access_token(
        idp, cognito_url, make_pool, js_clients):  # noqa: F811
    pool = make_pool(DeviceConfiguration={"ChallengeRequiredOnNewDevice": False,
                                          "DeviceOnlyRememberedOnUserPrompt": False})
    client = make_client(idp, pool, ExplicitAuthFlows=FLOWS)
    add_user(idp, pool, "sdk-dev")
    out = run_ok("sdk_refresh.js", cognito_url, client["ClientId"], "sdk-dev", PASSWORD)

    key = out["deviceKey"]
    assert out["signIn"] == key
    assert out["refreshTokenAuth"] == key and out["getTokens"] == key
    assert out["noDevice"] is None


def test_user_sessions_client_token_and_token_exchange(idp, cognito_url, app, js_clients):  # noqa: F811
    pool, client = app
    add_user(idp, pool, "sdk-sam", email="sam@example.com")
    idp.create_resource_server(UserPoolId=pool["Id"], Identifier="orders", Name="orders",
                               Scopes=[{"ScopeName": "read", "ScopeDescription": "read"}])
    m2m = make_client(idp, pool, GenerateSecret=True, AllowedOAuthScopes=["orders/read"],
                      ExplicitAuthFlows=["ALLOW_CLIENT_TOKEN_AUTH"])

    service = make_client(idp, pool, GenerateSecret=True,
                          ExplicitAuthFlows=["ALLOW_TOKEN_EXCHANGE_IMPERSONATION"])

    out = run_ok("sdk_sessions.js", cognito_url, pool["Id"], client["ClientId"], "sdk-sam",
                 PASSWORD, m2m["ClientId"], m2m["ClientSecret"], service["ClientId"],
                 service["ClientSecret"])

    assert out["config"] == {"tracking": "ENABLED", "max": 10}
    assert len(out["listed"]) == 2 and sorted(s["current"] for s in out["listed"]) == [
        False, True]
    assert all(s["type"] == "TOKEN" and s["createDateIsDate"] for s in out["listed"])
    assert sorted(out["adminListed"]) == sorted(s["id"] for s in out["listed"])
    assert out["revokedError"] == {"name": "NotAuthorizedException",
                                   "message": "Access Token has been revoked"}
    assert out["revokedId"] not in out["left"] and len(out["left"]) == 1
    assert out["clientToken"]["TokenType"] == "Bearer" and out["clientToken"]["ExpiresIn"] == 3600
    claims = jwt.decode(out["clientToken"]["AccessToken"], options={"verify_signature": False})
    assert claims["sub"] == m2m["ClientId"] and claims["scope"] == "orders/read"
    derived = out["derived"]
    assert (derived["type"], derived["tokenType"]) == ("ACCESS_TOKEN", "Bearer")
    assert derived["scopes"] == ["aws.cognito.signin.user.admin"]
    issued = jwt.decode(derived["token"], options={"verify_signature": False})
    assert issued["username"] == "sdk-sam" and issued["aud"] == ["billing"]
    assert issued["client_id"] == service["ClientId"]
