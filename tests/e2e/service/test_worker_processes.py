"""The service runs in several worker processes (web/server.py), and any of them may answer
any request: everything that crosses requests — codes, sessions, lock-outs, revocations,
keys — must hold whichever process answers. Each call here goes on a new connection (urllib
sends `Connection: close`), so consecutive calls land on different workers."""

import base64
import json
import os
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from user_helpers import last_code

PASSWORD = "Corr3ct-Horse!"
IDP = "AWSCognitoIdentityProviderService."
IDENTITY = "AWSCognitoIdentityService."


def call(url: str, target: str, body: dict) -> dict:
    """One AWS JSON call on a connection of its own; AWS's error code raised as KeyError."""
    request = urllib.request.Request(url + "/", data=json.dumps(body).encode(), method="POST",
                                     headers={"Content-Type": "application/x-amz-json-1.1",
                                              "X-Amz-Target": target})
    try:
        with urllib.request.urlopen(request, timeout=30) as answer:
            return json.loads(answer.read() or b"{}")
    except urllib.error.HTTPError as err:
        raise LookupError(json.loads(err.read())["__type"]) from None


def refused(url: str, target: str, body: dict) -> str:
    with pytest.raises(LookupError) as err:
        call(url, target, body)
    return err.value.args[0]


def test_the_service_serves_from_two_worker_processes(cognito_server):
    pid = cognito_server.process.pid
    children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    assert len(children) == min(2, os.cpu_count() or 1)


def test_a_user_signs_up_signs_in_and_signs_out_across_workers(cognito_url):
    pool = call(cognito_url, IDP + "CreateUserPool", {
        "PoolName": "workers", "AutoVerifiedAttributes": ["email"]})["UserPool"]
    client = call(cognito_url, IDP + "CreateUserPoolClient", {
        "UserPoolId": pool["Id"], "ClientName": "app",
        "ExplicitAuthFlows": ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]})
    client_id = client["UserPoolClient"]["ClientId"]
    call(cognito_url, IDP + "SignUp", {"ClientId": client_id, "Username": "ann",
                                       "Password": PASSWORD, "UserAttributes": [
                                           {"Name": "email", "Value": "ann@example.com"}]})
    # A wrong code counts against the user wherever it is tried.
    assert refused(cognito_url, IDP + "ConfirmSignUp", {
        "ClientId": client_id, "Username": "ann", "ConfirmationCode": "000000"}) \
        == "CodeMismatchException"
    call(cognito_url, IDP + "ConfirmSignUp", {
        "ClientId": client_id, "Username": "ann",
        "ConfirmationCode": last_code(cognito_url, pool, "ann")})

    auth = {"ClientId": client_id, "AuthFlow": "USER_PASSWORD_AUTH",
            "AuthParameters": {"USERNAME": "ann", "PASSWORD": PASSWORD}}
    tokens = call(cognito_url, IDP + "InitiateAuth", auth)["AuthenticationResult"]
    for _ in range(6):
        assert call(cognito_url, IDP + "GetUser",
                    {"AccessToken": tokens["AccessToken"]})["Username"] == "ann"
    call(cognito_url, IDP + "InitiateAuth", {
        "ClientId": client_id, "AuthFlow": "REFRESH_TOKEN_AUTH",
        "AuthParameters": {"REFRESH_TOKEN": tokens["RefreshToken"]}})

    call(cognito_url, IDP + "GlobalSignOut", {"AccessToken": tokens["AccessToken"]})
    for _ in range(6):      # every worker refuses the signed-out tokens
        assert refused(cognito_url, IDP + "GetUser", {"AccessToken": tokens["AccessToken"]}) \
            == "NotAuthorizedException"
        assert refused(cognito_url, IDP + "InitiateAuth", {
            "ClientId": client_id, "AuthFlow": "REFRESH_TOKEN_AUTH",
            "AuthParameters": {"REFRESH_TOKEN": tokens["RefreshToken"]}}) \
            == "NotAuthorizedException"


def test_failed_passwords_lock_the_user_out_on_every_worker(cognito_url):
    pool = call(cognito_url, IDP + "CreateUserPool", {"PoolName": "lockout"})["UserPool"]
    client_id = call(cognito_url, IDP + "CreateUserPoolClient", {
        "UserPoolId": pool["Id"], "ClientName": "app",
        "ExplicitAuthFlows": ["ALLOW_USER_PASSWORD_AUTH"]})["UserPoolClient"]["ClientId"]
    call(cognito_url, IDP + "AdminCreateUser", {"UserPoolId": pool["Id"], "Username": "bo",
                                                "MessageAction": "SUPPRESS"})
    call(cognito_url, IDP + "AdminSetUserPassword", {"UserPoolId": pool["Id"], "Username": "bo",
                                                     "Password": PASSWORD, "Permanent": True})
    wrong = {"ClientId": client_id, "AuthFlow": "USER_PASSWORD_AUTH",
             "AuthParameters": {"USERNAME": "bo", "PASSWORD": "Wrong-passw0rd!"}}
    for _ in range(5):
        assert refused(cognito_url, IDP + "InitiateAuth", wrong) == "NotAuthorizedException"
    right = {**wrong, "AuthParameters": {"USERNAME": "bo", "PASSWORD": PASSWORD}}
    with pytest.raises(LookupError):    # locked, whichever worker answers
        call(cognito_url, IDP + "InitiateAuth", right)


def _kid(token: str) -> str:
    header = token.split(".")[0]
    return json.loads(base64.urlsafe_b64decode(header + "=" * (-len(header) % 4)))["kid"]


def test_identity_tokens_follow_the_key_after_a_reset_on_another_worker(cognito_server):
    url = cognito_server.url

    def developer_token() -> str:
        pool = call(url, IDENTITY + "CreateIdentityPool", {
            "IdentityPoolName": "devs", "AllowUnauthenticatedIdentities": False,
            "DeveloperProviderName": "login.example"})
        return call(url, IDENTITY + "GetOpenIdTokenForDeveloperIdentity", {
            "IdentityPoolId": pool["IdentityPoolId"], "Logins": {"login.example": "u1"}})["Token"]

    before = {_kid(developer_token()) for _ in range(6)}     # every worker has the key now
    assert len(before) == 1
    cognito_server.reset()
    after = {_kid(developer_token()) for _ in range(6)}
    assert len(after) == 1 and after != before
    with urllib.request.urlopen(url + "/identity/.well-known/jwks_uri", timeout=10) as answer:
        published = {key["kid"] for key in json.loads(answer.read())["keys"]}
    assert after <= published
