"""The token endpoint with plain HTTP clients: the code grant with PKCE, refresh,
client_credentials, userInfo, revocation, and the OAuth errors as Cognito sends them."""

import base64
import hashlib

import jwt
import requests

from hosted_ui_helpers import (
    CALLBACK,
    Browser,
    make_user,
    oauth_client,
    pkce_pair,
    query_of,
    token,
)


def signed_in_code(cognito_url, client, **params) -> str:
    browser = Browser(cognito_url)
    answer = browser.sign_in(client, state="st-1", **params)
    assert answer.status_code == 302, answer.text
    assert answer.headers["Location"].startswith(CALLBACK + "?")
    query = query_of(answer.headers["Location"])
    assert query["state"] == "st-1"
    return query["code"]


def claims(token_text: str) -> dict:
    return jwt.decode(token_text, options={"verify_signature": False})


def test_code_with_pkce_gives_tokens_with_the_granted_scopes(cognito_url, idp, pool):
    client = oauth_client(idp, pool)
    make_user(idp, pool, email="alice@example.com", email_verified="true", name="Alice")
    verifier, challenge = pkce_pair()
    code = signed_in_code(cognito_url, client, scope="openid email", nonce="n-0S6",
                          code_challenge=challenge, code_challenge_method="S256")

    r = token(cognito_url, grant_type="authorization_code", client_id=client["ClientId"],
              code=code, redirect_uri=CALLBACK, code_verifier=verifier)

    assert r.status_code == 200, r.text
    assert r.headers["Cache-Control"] == "no-store"
    body = r.json()
    assert list(body) == ["access_token", "id_token", "refresh_token", "token_type", "expires_in"]
    assert body["token_type"] == "Bearer" and body["expires_in"] == 3600
    access, id_claims = claims(body["access_token"]), claims(body["id_token"])
    assert access["scope"] == "openid email"
    assert access["version"] == 2 and access["username"] == "alice"
    assert id_claims["nonce"] == "n-0S6"
    digest = hashlib.sha256(body["access_token"].encode()).digest()[:16]
    assert id_claims["at_hash"] == base64.urlsafe_b64encode(digest).rstrip(b"=").decode()
    # With email but not profile, the ID token releases only the email claims.
    assert id_claims["email"] == "alice@example.com" and id_claims["email_verified"] is True
    assert "name" not in id_claims
    assert id_claims["aud"] == client["ClientId"]


def test_a_wrong_verifier_and_a_replayed_code_are_invalid_grant(cognito_url, idp, pool):
    client = oauth_client(idp, pool)
    make_user(idp, pool)
    verifier, challenge = pkce_pair()
    exchange = dict(grant_type="authorization_code", client_id=client["ClientId"],
                    redirect_uri=CALLBACK)

    code = signed_in_code(cognito_url, client, code_challenge=challenge,
                          code_challenge_method="S256")
    wrong = token(cognito_url, code=code, code_verifier=pkce_pair()[0], **exchange)
    assert (wrong.status_code, wrong.json()) == (400, {"error": "invalid_grant"})

    code = signed_in_code(cognito_url, client, code_challenge=challenge,
                          code_challenge_method="S256")
    missing = token(cognito_url, code=code, **exchange)
    assert missing.json() == {"error": "invalid_grant"}

    code = signed_in_code(cognito_url, client, code_challenge=challenge,
                          code_challenge_method="S256")
    assert token(cognito_url, code=code, code_verifier=verifier, **exchange).status_code == 200
    replay = token(cognito_url, code=code, code_verifier=verifier, **exchange)
    assert (replay.status_code, replay.json()) == (400, {"error": "invalid_grant"})


def test_a_code_is_bound_to_its_client_and_redirect_uri(cognito_url, idp, pool):
    client = oauth_client(idp, pool, CallbackURLs=[CALLBACK, CALLBACK + "/other"])
    other = oauth_client(idp, pool)
    make_user(idp, pool)
    code = signed_in_code(cognito_url, client)
    moved = token(cognito_url, grant_type="authorization_code", client_id=client["ClientId"],
                  code=code, redirect_uri=CALLBACK + "/other")
    assert moved.json() == {"error": "invalid_grant"}
    code = signed_in_code(cognito_url, client)
    stolen = token(cognito_url, grant_type="authorization_code", client_id=other["ClientId"],
                   code=code, redirect_uri=CALLBACK)
    assert stolen.json() == {"error": "invalid_grant"}


def test_a_secret_client_authenticates_by_basic_or_by_form(cognito_url, idp, pool):
    client = oauth_client(idp, pool, GenerateSecret=True)
    make_user(idp, pool)
    exchange = dict(grant_type="authorization_code", redirect_uri=CALLBACK)
    basic = token(cognito_url, auth=(client["ClientId"], client["ClientSecret"]),
                  code=signed_in_code(cognito_url, client), **exchange)
    assert basic.status_code == 200, basic.text
    posted = token(cognito_url, client_id=client["ClientId"],
                   client_secret=client["ClientSecret"],
                   code=signed_in_code(cognito_url, client), **exchange)
    assert posted.status_code == 200, posted.text
    for auth, extra in (((client["ClientId"], "wrong-secret"), {}),
                        (None, {"client_id": client["ClientId"]})):
        refused = token(cognito_url, auth=auth, code=signed_in_code(cognito_url, client),
                        **exchange, **extra)
        assert (refused.status_code, refused.json()) == (400, {"error": "invalid_client"})


def test_refresh_keeps_the_scopes_and_revoke_ends_it(cognito_url, idp, pool):
    client = oauth_client(idp, pool)
    make_user(idp, pool, email="alice@example.com")
    code = signed_in_code(cognito_url, client, scope="openid profile")
    first = token(cognito_url, grant_type="authorization_code", client_id=client["ClientId"],
                  code=code, redirect_uri=CALLBACK).json()

    again = token(cognito_url, grant_type="refresh_token", client_id=client["ClientId"],
                  refresh_token=first["refresh_token"])
    assert again.status_code == 200, again.text
    body = again.json()
    assert "refresh_token" not in body and "id_token" in body
    assert claims(body["access_token"])["scope"] == "openid profile"
    assert claims(body["access_token"])["origin_jti"] == claims(first["access_token"])["origin_jti"]

    revoked = requests.post(cognito_url + "/oauth2/revoke",
                            data={"token": first["refresh_token"], "client_id": client["ClientId"]})
    assert (revoked.status_code, revoked.text) == (200, "")
    # Revoking again, or a token we never issued, is still a success.
    assert requests.post(cognito_url + "/oauth2/revoke", data={
        "token": first["refresh_token"], "client_id": client["ClientId"]}).status_code == 200
    after = token(cognito_url, grant_type="refresh_token", client_id=client["ClientId"],
                  refresh_token=first["refresh_token"])
    assert (after.status_code, after.json()) == (400, {"error": "invalid_grant"})
    # The access tokens of the revoked sign-in are refused too.
    info = requests.get(cognito_url + "/oauth2/userInfo",
                        headers={"Authorization": f"Bearer {body['access_token']}"})
    assert info.status_code == 401


def test_revoke_errors(cognito_url, idp, pool):
    client = oauth_client(idp, pool, GenerateSecret=True)
    revoke = cognito_url + "/oauth2/revoke"
    assert requests.post(revoke, auth=(client["ClientId"], client["ClientSecret"])).json() == {
        "error": "invalid_request"}
    wrong = requests.post(revoke, data={"token": "x"}, auth=(client["ClientId"], "nope"))
    assert (wrong.status_code, wrong.json()) == (401, {"error": "invalid_client"})
    jwt_like = requests.post(revoke, data={"token": "a.b.c"},
                             auth=(client["ClientId"], client["ClientSecret"]))
    assert (jwt_like.status_code, jwt_like.json()) == (400, {"error": "unsupported_token_type"})


def test_user_info_answers_the_scopes_of_the_token(cognito_url, idp, pool):
    client = oauth_client(idp, pool)
    make_user(idp, pool, email="alice@example.com", email_verified="true",
              phone_number="+15555550100", name="Alice")
    code = signed_in_code(cognito_url, client, scope="openid email")
    access = token(cognito_url, grant_type="authorization_code", client_id=client["ClientId"],
                   code=code, redirect_uri=CALLBACK).json()["access_token"]

    bearer = {"Authorization": f"Bearer {access}"}
    r = requests.get(cognito_url + "/oauth2/userInfo", headers=bearer)
    assert r.status_code == 200, r.text
    info = r.json()
    sub = claims(access)["sub"]
    # As AWS answers: the attributes as stored strings, limited to the email scope.
    assert info == {"sub": sub, "email_verified": "true", "email": "alice@example.com",
                    "username": "alice"}
    assert list(info)[0] == "sub" and list(info)[-1] == "username"

    assert requests.post(cognito_url + "/oauth2/userInfo", headers=bearer).json() == info
    missing = requests.get(cognito_url + "/oauth2/userInfo")
    assert missing.status_code == 400
    assert 'error="invalid_request"' in missing.headers["WWW-Authenticate"]
    bad = requests.get(cognito_url + "/oauth2/userInfo", headers={"Authorization": "Bearer x.y.z"})
    assert bad.status_code == 401
    assert 'error="invalid_token"' in bad.headers["WWW-Authenticate"]


def test_user_info_refuses_a_token_without_openid(cognito_url, idp, pool):
    client = oauth_client(idp, pool, ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH",
                                                        "ALLOW_REFRESH_TOKEN_AUTH"])
    make_user(idp, pool)
    api_token = idp.initiate_auth(ClientId=client["ClientId"], AuthFlow="USER_PASSWORD_AUTH",
                                  AuthParameters={"USERNAME": "alice", "PASSWORD": "Passw0rd!"}
                                  )["AuthenticationResult"]["AccessToken"]
    r = requests.get(cognito_url + "/oauth2/userInfo",
                     headers={"Authorization": f"Bearer {api_token}"})
    assert r.status_code == 401
    assert r.json() == {"error": "invalid_token",
                        "error_description": "Access token does not contain openid scope"}


def test_client_credentials_with_a_resource_server_scope(cognito_url, idp, pool):
    idp.create_resource_server(UserPoolId=pool["Id"], Identifier="orders", Name="Orders",
                               Scopes=[{"ScopeName": "read", "ScopeDescription": "read"},
                                       {"ScopeName": "write", "ScopeDescription": "write"}])
    machine = idp.create_user_pool_client(
        UserPoolId=pool["Id"], ClientName="machine", GenerateSecret=True,
        AllowedOAuthFlowsUserPoolClient=True, AllowedOAuthFlows=["client_credentials"],
        AllowedOAuthScopes=["orders/read", "orders/write"])["UserPoolClient"]
    auth = (machine["ClientId"], machine["ClientSecret"])

    r = token(cognito_url, auth=auth, grant_type="client_credentials", scope="orders/read")
    assert r.status_code == 200, r.text
    body = r.json()
    assert set(body) == {"access_token", "expires_in", "token_type"}
    access = claims(body["access_token"])
    assert access["sub"] == machine["ClientId"] == access["client_id"]
    assert access["scope"] == "orders/read" and access["token_use"] == "access"
    assert "username" not in access and access["version"] == 2
    keys = jwt.PyJWKClient(f"{cognito_url}/{pool['Id']}/.well-known/jwks.json")
    jwt.decode(body["access_token"], keys.get_signing_key_from_jwt(body["access_token"]).key,
               algorithms=["RS256"], issuer=access["iss"])

    every = token(cognito_url, auth=auth, grant_type="client_credentials").json()
    assert claims(every["access_token"])["scope"] == "orders/read orders/write"

    wrong = token(cognito_url, auth=(machine["ClientId"], "wrong"), grant_type="client_credentials")
    assert (wrong.status_code, wrong.json()) == (400, {"error": "invalid_client"})
    unknown = token(cognito_url, auth=auth, grant_type="client_credentials", scope="orders/delete")
    assert unknown.json() == {"error": "invalid_scope"}


def test_grant_errors_as_cognito_sends_them(cognito_url, idp, pool):
    client = oauth_client(idp, pool)
    base = {"client_id": client["ClientId"]}
    assert token(cognito_url, grant_type="password", **base).json() == {
        "error": "unsupported_grant_type"}
    assert token(cognito_url, **base).json() == {"error": "invalid_request"}
    assert token(cognito_url, grant_type="client_credentials", **base).json() == {
        "error": "unauthorized_client"}
    assert token(cognito_url, grant_type="authorization_code", code="nope",
                 redirect_uri=CALLBACK, **base).json() == {"error": "invalid_grant"}
    assert token(cognito_url, grant_type="authorization_code", code="x",
                 client_id="nosuchclient").json() == {"error": "invalid_client"}
    as_json = requests.post(cognito_url + "/oauth2/token", json={"grant_type": "refresh_token"})
    assert as_json.json() == {"error": "invalid_request"}
    no_code_flow = oauth_client(idp, pool, AllowedOAuthFlows=["implicit"])
    assert token(cognito_url, grant_type="authorization_code", code="x", redirect_uri=CALLBACK,
                 client_id=no_code_flow["ClientId"]).json() == {"error": "unauthorized_client"}
