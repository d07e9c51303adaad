"""The user session API with boto3: session tracking configured per pool and client, each
sign-in a token session listed by the user and the admin, refreshes marking it used, old
sessions evicted at MaxPerUser, and a revoked session's tokens refused everywhere they are
checked (GetUser, refresh, /oauth2/userInfo, a Cognito-secured REST API)."""

import time

import jwt
import pytest
import requests

from gateway_helpers import TEMPLATES, call, deploy
from gateway_helpers import sign_in as gateway_sign_in
from hosted_ui_helpers import CALLBACK, SIGNED_OUT, Browser, oauth_client, query_of, token
from hosted_ui_helpers import make_user as make_hosted_ui_user
from signin_helpers import error_of, make_client, make_user, password_sign_in


def track(idp, pool_id, max_per_user=20):
    return idp.set_user_pool_session_configuration(
        UserPoolId=pool_id, UserSessionTracking="ENABLED",
        TokenSession={"MaxPerUser": max_per_user})


def origin(token_text):
    return jwt.decode(token_text, options={"verify_signature": False})["origin_jti"]


def test_configuration_defaults_and_replacement(idp, pool):
    client = make_client(idp, pool)
    got = idp.get_user_pool_session_configuration(UserPoolId=pool["Id"])
    assert (got["UserSessionTracking"], got["TokenSession"]) == ("DISABLED", {"MaxPerUser": 20})
    got = idp.get_user_pool_client_session_configuration(UserPoolId=pool["Id"],
                                                         ClientId=client["ClientId"])
    assert got["SSOSession"] == {"MaxValidityMinutes": 60}
    # A client's setting needs tracking on the pool.
    code, _ = error_of(lambda: idp.set_user_pool_client_session_configuration(
        UserPoolId=pool["Id"], ClientId=client["ClientId"],
        SSOSession={"MaxValidityMinutes": 120}))
    assert code == "OperationNotEnabledException"

    set_ = track(idp, pool["Id"], 5)
    assert set_["TokenSession"] == {"MaxPerUser": 5} and set_["UserPoolId"] == pool["Id"]
    idp.set_user_pool_client_session_configuration(
        UserPoolId=pool["Id"], ClientId=client["ClientId"], SSOSession={"MaxValidityMinutes": 120})
    assert idp.get_user_pool_session_configuration(
        UserPoolId=pool["Id"])["UserSessionTracking"] == "ENABLED"
    assert idp.get_user_pool_client_session_configuration(
        UserPoolId=pool["Id"], ClientId=client["ClientId"])["SSOSession"] == {
            "MaxValidityMinutes": 120}
    code, _ = error_of(lambda: idp.set_user_pool_session_configuration(
        UserPoolId=pool["Id"], UserSessionTracking="ENABLED", TokenSession={"MaxPerUser": 101}))
    assert code == "InvalidParameterException"


def test_listing_needs_tracking(idp, pool):
    client = make_client(idp, pool)
    make_user(idp, pool)
    auth = password_sign_in(idp, client)["AuthenticationResult"]
    code, _ = error_of(lambda: idp.list_user_sessions(AccessToken=auth["AccessToken"]))
    assert code == "OperationNotEnabledException"
    code, _ = error_of(lambda: idp.admin_list_user_sessions(UserPoolId=pool["Id"],
                                                            Username="alice"))
    assert code == "OperationNotEnabledException"


def test_each_sign_in_is_a_session_and_revoking_one_refuses_its_tokens(idp, pool):
    track(idp, pool["Id"])
    client = make_client(idp, pool)
    make_user(idp, pool)
    laptop = password_sign_in(idp, client)["AuthenticationResult"]
    phone = password_sign_in(idp, client)["AuthenticationResult"]

    listed = idp.list_user_sessions(AccessToken=laptop["AccessToken"])["Sessions"]
    assert len(listed) == 2
    for session in listed:
        assert session["SessionId"].startswith("tkn") and len(session["SessionId"]) == 28
        assert session["SessionType"] == "TOKEN" and session["ClientId"] == client["ClientId"]
    current = [s for s in listed if s["IsCurrentSession"]]
    assert len(current) == 1
    other = next(s for s in listed if not s["IsCurrentSession"])
    for session in listed:
        # Where the sign-in came from: this test, on loopback.
        assert session["LastIPAddress"] == "127.0.0.1"
    admin_listed = idp.admin_list_user_sessions(UserPoolId=pool["Id"], Username="alice")
    assert {s["SessionId"] for s in admin_listed["Sessions"]} == {s["SessionId"] for s in listed}
    # AdminListUserSessions takes no access token: no session is "current" ([D]).
    assert not any(s["IsCurrentSession"] for s in admin_listed["Sessions"])

    # A refresh marks the phone's session used.
    time.sleep(1.1)
    idp.initiate_auth(ClientId=client["ClientId"], AuthFlow="REFRESH_TOKEN_AUTH",
                      AuthParameters={"REFRESH_TOKEN": phone["RefreshToken"]})
    again = {s["SessionId"]: s for s in
             idp.list_user_sessions(AccessToken=laptop["AccessToken"])["Sessions"]}
    assert again[other["SessionId"]]["LastActiveDate"] > other["LastActiveDate"]

    # The calling session cannot revoke itself; the other one goes with all its tokens.
    code, _ = error_of(lambda: idp.revoke_user_session(AccessToken=laptop["AccessToken"],
                                                       SessionId=current[0]["SessionId"]))
    assert code == "InvalidParameterException"
    idp.revoke_user_session(AccessToken=laptop["AccessToken"], SessionId=other["SessionId"])
    assert error_of(lambda: idp.get_user(AccessToken=phone["AccessToken"])) == (
        "NotAuthorizedException", "Access Token has been revoked")
    assert error_of(lambda: idp.initiate_auth(
        ClientId=client["ClientId"], AuthFlow="REFRESH_TOKEN_AUTH",
        AuthParameters={"REFRESH_TOKEN": phone["RefreshToken"]})) == (
        "NotAuthorizedException", "Refresh Token has been revoked")
    assert idp.get_user(AccessToken=laptop["AccessToken"])["Username"] == "alice"
    left = idp.list_user_sessions(AccessToken=laptop["AccessToken"])["Sessions"]
    assert [s["SessionId"] for s in left] == [current[0]["SessionId"]]
    code, _ = error_of(lambda: idp.admin_revoke_user_session(
        UserPoolId=pool["Id"], Username="alice", SessionId=other["SessionId"]))
    assert code == "ResourceNotFoundException"


def test_max_per_user_evicts_the_least_recently_used(idp, pool):
    track(idp, pool["Id"], max_per_user=2)
    client = make_client(idp, pool)
    make_user(idp, pool)
    first, second, third = (password_sign_in(idp, client)["AuthenticationResult"]
                            for _ in range(3))
    sessions = idp.admin_list_user_sessions(UserPoolId=pool["Id"], Username="alice")["Sessions"]
    assert len(sessions) == 2
    assert error_of(lambda: idp.get_user(AccessToken=first["AccessToken"]))[0] == \
        "NotAuthorizedException"
    for kept in (second, third):
        assert idp.get_user(AccessToken=kept["AccessToken"])["Username"] == "alice"


def test_global_sign_out_ends_every_session(idp, pool):
    track(idp, pool["Id"])
    client = make_client(idp, pool)
    make_user(idp, pool)
    password_sign_in(idp, client)
    password_sign_in(idp, client)
    idp.admin_user_global_sign_out(UserPoolId=pool["Id"], Username="alice")
    assert idp.admin_list_user_sessions(UserPoolId=pool["Id"], Username="alice")["Sessions"] == []


def hosted_sign_in(cognito_url, browser, client, **params):
    """A code grant through the browser (form or its session), redeemed: the tokens."""
    answer = browser.sign_in(client, state="s", scope="openid profile", **params) \
        if not params.pop("silent", False) else browser.authorize(client, state="s",
                                                                   scope="openid profile")
    assert answer.status_code == 302, answer.text
    code = query_of(answer.headers["Location"])["code"]
    return token(cognito_url, grant_type="authorization_code", client_id=client["ClientId"],
                 code=code, redirect_uri=CALLBACK).json()


def test_a_hosted_ui_sign_in_is_an_sso_session_with_token_sessions(cognito_url, idp, pool):
    track(idp, pool["Id"])
    client = oauth_client(idp, pool)
    make_hosted_ui_user(idp, pool, email="alice@example.com")
    browser = Browser(cognito_url)
    first = hosted_sign_in(cognito_url, browser, client)
    # The browser's session signs in again without the form: a second token session.
    second = hosted_sign_in(cognito_url, browser, client, silent=True)

    listed = idp.admin_list_user_sessions(UserPoolId=pool["Id"], Username="alice")["Sessions"]
    (sso,) = [s for s in listed if s["SessionType"] == "SSO"]
    tokens = [s for s in listed if s["SessionType"] == "TOKEN"]
    assert sso["SessionId"].startswith("sso") and len(sso["SessionId"]) == 28
    assert sso["ClientId"] == client["ClientId"] and "OriginSessionId" not in sso
    assert len(tokens) == 2 and {s["OriginSessionId"] for s in tokens} == {sso["SessionId"]}

    # One token session revoked alone: its tokens are refused, the browser's session stays.
    bearer = {"Authorization": f"Bearer {first['access_token']}"}
    assert requests.get(cognito_url + "/oauth2/userInfo", headers=bearer).status_code == 200
    idp.admin_revoke_user_session(UserPoolId=pool["Id"], Username="alice",
                                  SessionId=tokens[0]["SessionId"])
    refused = [t for t in (first, second) if requests.get(
        cognito_url + "/oauth2/userInfo",
        headers={"Authorization": f"Bearer {t['access_token']}"}).status_code == 401]
    assert len(refused) == 1
    refreshed = token(cognito_url, grant_type="refresh_token", client_id=client["ClientId"],
                      refresh_token=refused[0]["refresh_token"])
    assert (refreshed.status_code, refreshed.json()) == (400, {"error": "invalid_grant"})
    third = hosted_sign_in(cognito_url, browser, client, silent=True)

    # The SSO session with its linked token sessions: every token refused, the browser
    # signed out.
    idp.admin_revoke_user_session(UserPoolId=pool["Id"], Username="alice",
                                  SessionId=sso["SessionId"], RevokeAssociatedSessions="LINKED")
    for t in (first, second, third):
        assert requests.get(cognito_url + "/oauth2/userInfo", headers={
            "Authorization": f"Bearer {t['access_token']}"}).status_code == 401
    assert idp.admin_list_user_sessions(UserPoolId=pool["Id"], Username="alice")["Sessions"] == []
    again = browser.authorize(client, state="s", scope="openid profile")
    assert again.status_code == 200 and "Sign in" in again.text


def test_a_clients_sso_validity_limits_silent_sign_in(cognito_url, idp, pool):
    track(idp, pool["Id"])
    client = oauth_client(idp, pool)
    other = oauth_client(idp, pool)
    make_hosted_ui_user(idp, pool, email="alice@example.com")
    idp.set_user_pool_client_session_configuration(
        UserPoolId=pool["Id"], ClientId=other["ClientId"], SSOSession={"MaxValidityMinutes": 0})
    browser = Browser(cognito_url)
    hosted_sign_in(cognito_url, browser, client)
    time.sleep(1.1)
    # The first client reuses the session; the other allows no silent reuse at all.
    assert browser.authorize(client, state="s").status_code == 302
    assert browser.authorize(other, state="s").status_code == 200


def test_signing_out_ends_the_sso_session_only(cognito_url, idp, pool):
    track(idp, pool["Id"])
    client = oauth_client(idp, pool)
    make_hosted_ui_user(idp, pool, email="alice@example.com")
    browser = Browser(cognito_url)
    tokens = hosted_sign_in(cognito_url, browser, client)
    browser.get("/logout", client_id=client["ClientId"], logout_uri=SIGNED_OUT)
    listed = idp.admin_list_user_sessions(UserPoolId=pool["Id"], Username="alice")["Sessions"]
    assert [s["SessionType"] for s in listed] == ["TOKEN"]
    assert requests.get(cognito_url + "/oauth2/userInfo", headers={
        "Authorization": f"Bearer {tokens['access_token']}"}).status_code == 200


@pytest.fixture(scope="module")
def api(cognito_url):
    deployed = deploy(cognito_url, (TEMPLATES / "api-rest-cognito.yaml").read_text())
    yield deployed
    deployed.delete()


def test_a_revoked_session_is_refused_by_the_gateway_authorizer(cognito_url, idp, api):
    pool_id, client_id = api.outputs["UserPoolId"], api.outputs["UserPoolClientId"]
    track(idp, pool_id)
    user = gateway_sign_in(cognito_url, pool_id, client_id)
    assert call("GET", api.stage_url() + "/me", user["IdToken"]).status_code == 200
    username = jwt.decode(user["AccessToken"], options={"verify_signature": False})["username"]
    (session,) = idp.admin_list_user_sessions(UserPoolId=pool_id, Username=username)["Sessions"]
    idp.admin_revoke_user_session(UserPoolId=pool_id, Username=username,
                                  SessionId=session["SessionId"])
    answer = call("GET", api.stage_url() + "/me", user["IdToken"])
    assert answer.status_code == 401 and answer.json() == {"message": "Unauthorized"}
