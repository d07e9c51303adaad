"""/oauth2/authorize, the sign-in page, the session cookie, sign-out and the pool's domain,
with a plain HTTP client acting as the browser."""

import re

import jwt
import pytest
import requests

from hosted_ui_helpers import (
    CALLBACK,
    SIGNED_OUT,
    Browser,
    form_of,
    fragment_of,
    make_user,
    oauth_client,
    query_of,
)


def raw_authorize(cognito_url, client, **params):
    params = {"response_type": "code", "client_id": client["ClientId"], "redirect_uri": CALLBACK,
              **params}
    return requests.get(cognito_url + "/oauth2/authorize", params=params, allow_redirects=False)


def test_authorize_sends_the_browser_to_the_sign_in_page(cognito_url, idp, pool):
    client = oauth_client(idp, pool)
    r = raw_authorize(cognito_url, client, state="abc", scope="openid")
    assert r.status_code == 302
    location = r.headers["Location"]
    assert location.startswith(cognito_url + "/login?")
    assert query_of(location) == {"client_id": client["ClientId"], "response_type": "code",
                                  "redirect_uri": CALLBACK, "state": "abc", "scope": "openid"}


def test_an_unregistered_redirect_uri_is_never_redirected_to(cognito_url, idp, pool):
    client = oauth_client(idp, pool)
    for uri in ("https://evil.example/callback", CALLBACK + "/", CALLBACK.upper(), None):
        r = raw_authorize(cognito_url, client, redirect_uri=uri)
        assert r.status_code == 302
        location = r.headers["Location"]
        assert location.startswith(cognito_url + "/error?")
        assert query_of(location) == {"error": "redirect_mismatch",
                                      "client_id": client["ClientId"]}
        page = requests.get(location)
        assert page.status_code == 400
        assert "An error was encountered with the requested page." in page.text
    # The sign-in page itself refuses the same way.
    login = requests.get(cognito_url + "/login", params={
        "client_id": client["ClientId"], "response_type": "code",
        "redirect_uri": "https://evil.example/callback"}, allow_redirects=False)
    assert query_of(login.headers["Location"])["error"] == "redirect_mismatch"


def test_request_errors_go_back_to_the_app_with_the_state(cognito_url, idp, pool):
    client = oauth_client(idp, pool, AllowedOAuthFlows=["code"])
    cases = {
        "invalid_request": {"response_type": None},
        "unsupported_response_type": {"response_type": "id_token"},
    }
    for error, params in cases.items():
        r = raw_authorize(cognito_url, client, state="s1", **params)
        assert r.status_code == 302
        assert r.headers["Location"].startswith(CALLBACK + "?")
        assert query_of(r.headers["Location"]) == {"error": error, "state": "s1"}, error
    # An implicit request hears back in the fragment, where its tokens would have been.
    r = raw_authorize(cognito_url, client, state="s1", response_type="token")
    assert r.headers["Location"].startswith(CALLBACK + "#")
    assert fragment_of(r.headers["Location"]) == {"error": "unauthorized_client", "state": "s1"}
    # Cognito accepts S256 only: `plain`, or a challenge without its method, is refused.
    for pkce in ({"code_challenge": "a" * 43, "code_challenge_method": "plain"},
                 {"code_challenge": "a" * 43}):
        r = raw_authorize(cognito_url, client, state="s2", **pkce)
        assert query_of(r.headers["Location"]) == {"error": "invalid_request", "state": "s2"}
    narrow = oauth_client(idp, pool, AllowedOAuthScopes=["openid"])
    r = raw_authorize(cognito_url, narrow, scope="phone", state="s3")
    assert query_of(r.headers["Location"]) == {"error": "invalid_scope", "state": "s3"}


def test_an_unknown_client_gets_the_error_page(cognito_url):
    r = requests.get(cognito_url + "/oauth2/authorize", params={
        "response_type": "code", "client_id": "nosuchclient", "redirect_uri": CALLBACK})
    assert r.status_code == 400
    assert "An error was encountered with the requested page." in r.text


def test_sign_in_then_a_second_authorize_skips_the_form(cognito_url, idp, pool):
    client = oauth_client(idp, pool)
    make_user(idp, pool)
    browser = Browser(cognito_url)
    first = browser.sign_in(client, state="one")
    assert first.status_code == 302
    cookie = first.headers["Set-Cookie"]
    assert "cognito=" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert "Max-Age=3600" in cookie

    second = browser.authorize(client, state="two")
    assert second.status_code == 302
    assert query_of(second.headers["Location"])["state"] == "two"
    assert "code" in query_of(second.headers["Location"])
    # Another browser (no cookie) still gets the form.
    assert Browser(cognito_url).authorize(client).status_code == 200


def test_the_sign_in_page_refuses_wrong_passwords_with_the_apis_message(cognito_url, idp, pool):
    client = oauth_client(idp, pool)
    make_user(idp, pool)
    browser = Browser(cognito_url)
    page = browser.authorize(client)
    assert page.status_code == 200
    assert page.headers["Content-Type"].startswith("text/html")
    refused = browser.submit(page, username="alice", password="Wrong-pass1")
    assert refused.status_code == 400
    assert "Incorrect username or password." in refused.text
    unknown = browser.submit(page, username="nobody", password="Wrong-pass1")
    assert "User does not exist." in unknown.text


def test_forms_need_the_csrf_token_of_the_browsers_cookie(cognito_url, idp, pool):
    client = oauth_client(idp, pool)
    make_user(idp, pool)
    browser = Browser(cognito_url)
    page = browser.authorize(client)
    action, fields = form_of(page.text)
    assert fields["_csrf"]
    forged = requests.post(cognito_url + action, data={
        "username": "alice", "password": "Passw0rd!", "_csrf": fields["_csrf"]},
        allow_redirects=False)
    assert forged.status_code == 403
    assert "This form has expired" in forged.text
    other = Browser(cognito_url)
    other.authorize(client)
    stolen = other.go("POST", cognito_url + action, data={
        "username": "alice", "password": "Passw0rd!", "_csrf": fields["_csrf"]})
    assert stolen.status_code == 403
    assert browser.submit(page, username="alice", password="Passw0rd!").status_code == 302


def test_pages_escape_what_the_user_sends_and_send_security_headers(cognito_url, idp, pool):
    client = oauth_client(idp, pool)
    browser = Browser(cognito_url)
    page = browser.authorize(client, state='"><script>alert(1)</script>')
    assert "<script>" not in page.text
    assert "&lt;script&gt;" in page.text or "%3Cscript%3E" in page.text
    refused = browser.submit(page, username="<img src=x onerror=alert(1)>", password="x")
    assert "<img src=x" not in refused.text and "&lt;img src=x" in refused.text
    headers = page.headers
    assert headers["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
    # Scripts only with the response's nonce (the passkey page's own): an injected one never.
    assert re.search(r"script-src 'nonce-[\w-]+'(;|$)", headers["Content-Security-Policy"])
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "no-referrer"
    csrf_cookie = [c for c in page.headers.get("Set-Cookie", "").split(",") if "XSRF-TOKEN" in c]
    assert csrf_cookie and "HttpOnly" in csrf_cookie[0] and "SameSite=Lax" in csrf_cookie[0]


def test_implicit_flow_returns_tokens_in_the_fragment(cognito_url, idp, pool):
    client = oauth_client(idp, pool)
    make_user(idp, pool, email="alice@example.com")
    answer = Browser(cognito_url).sign_in(client, response_type="token", state="imp",
                                          scope="openid email", nonce="n-1")
    assert answer.status_code == 302
    location = answer.headers["Location"]
    assert location.startswith(CALLBACK + "#") and "?" not in location
    fragment = fragment_of(location)
    assert list(fragment) == ["access_token", "id_token", "token_type", "expires_in", "state"]
    assert fragment["token_type"] == "bearer" and fragment["expires_in"] == "3600"
    assert fragment["state"] == "imp"
    id_claims = jwt.decode(fragment["id_token"], options={"verify_signature": False})
    assert id_claims["nonce"] == "n-1" and id_claims["email"] == "alice@example.com"
    # No refresh token in an implicit grant; no ID token without openid.
    without_openid = Browser(cognito_url).sign_in(client, response_type="token",
                                                  scope="aws.cognito.signin.user.admin")
    assert set(fragment_of(without_openid.headers["Location"])) == {
        "access_token", "token_type", "expires_in"}


def test_new_password_required_on_the_sign_in_page(cognito_url, idp, pool):
    client = oauth_client(idp, pool)
    idp.admin_create_user(UserPoolId=pool["Id"], Username="frank",
                          TemporaryPassword="Temp-pass1", MessageAction="SUPPRESS")
    browser = Browser(cognito_url)
    page = browser.submit(browser.authorize(client), username="frank", password="Temp-pass1")
    assert page.status_code == 200 and "Change your password" in page.text
    weak = browser.submit(page, password="short", password_again="short")
    assert "Password did not conform with policy" in weak.text
    done = browser.submit(weak, password="Perm-pass1!", password_again="Perm-pass1!")
    assert done.status_code == 302 and "code" in query_of(done.headers["Location"])
    assert idp.admin_get_user(UserPoolId=pool["Id"], Username="frank")["UserStatus"] == "CONFIRMED"


def test_logout_goes_only_to_registered_urls(cognito_url, idp, pool):
    client = oauth_client(idp, pool)
    make_user(idp, pool)
    browser = Browser(cognito_url)
    browser.sign_in(client)

    bad = browser.get("/logout", client_id=client["ClientId"], logout_uri="https://evil.example/")
    assert bad.status_code == 400 and "An error was encountered" in bad.text
    # The session survived the refused sign-out.
    assert browser.authorize(client).status_code == 302

    out = browser.get("/logout", client_id=client["ClientId"], logout_uri=SIGNED_OUT)
    assert out.status_code == 302 and out.headers["Location"] == SIGNED_OUT
    assert "cognito=;" in out.headers["Set-Cookie"] or 'cognito="";' in out.headers["Set-Cookie"]
    assert browser.authorize(client).status_code == 200  # the form again

    browser.sign_in(client)
    relogin = browser.get("/logout", client_id=client["ClientId"], redirect_uri=CALLBACK,
                          response_type="code", state="again")
    assert relogin.status_code == 200 and "Sign in" in relogin.text
    bad_redirect = browser.get("/logout", client_id=client["ClientId"],
                               redirect_uri="https://evil.example/", response_type="code")
    assert bad_redirect.status_code == 400


@pytest.fixture
def domain(idp, pool):
    prefix = "myapp-" + pool["Id"].split("_")[1].lower()
    idp.create_user_pool_domain(UserPoolId=pool["Id"], Domain=prefix)
    return prefix


def test_the_pools_domain_serves_the_hosted_ui(cognito_server, idp, pool, domain):
    host = f"{domain}.auth.us-east-1.localhost:{cognito_server.port}"
    client = oauth_client(idp, pool)
    make_user(idp, pool)
    browser = Browser(cognito_server.url, host=host)
    page = browser.authorize(client)
    assert page.status_code == 200 and "Sign in" in page.text
    answer = browser.submit(page, username="alice", password="Passw0rd!")
    code = query_of(answer.headers["Location"])["code"]
    r = requests.post(cognito_server.url + "/oauth2/token", headers={"Host": host}, data={
        "grant_type": "authorization_code", "client_id": client["ClientId"], "code": code,
        "redirect_uri": CALLBACK})
    assert r.status_code == 200, r.text

    # The domain answers for its own pool's clients only, and unknown domains not at all.
    other_pool = idp.create_user_pool(PoolName="other")["UserPool"]
    try:
        stranger = oauth_client(idp, other_pool)
        assert Browser(cognito_server.url, host=host).authorize(stranger).status_code == 400
    finally:
        idp.delete_user_pool(UserPoolId=other_pool["Id"])
    unknown = requests.get(cognito_server.url + "/login", headers={
        "Host": f"nobody-here.auth.us-east-1.localhost:{cognito_server.port}"})
    assert unknown.status_code == 404


def test_discovery_points_at_the_pools_domain(cognito_server, idp, pool, domain):
    doc = requests.get(f"{cognito_server.url}/{pool['Id']}/.well-known/openid-configuration").json()
    base = f"http://{domain}.auth.us-east-1.localhost:{cognito_server.port}"
    assert doc["authorization_endpoint"] == base + "/oauth2/authorize"
    assert doc["token_endpoint"] == base + "/oauth2/token"
    assert doc["userinfo_endpoint"] == base + "/oauth2/userInfo"
    assert doc["issuer"] == f"http://localhost:{cognito_server.port}/{pool['Id']}"


def test_identity_providers_the_client_supports(cognito_url, idp, pool):
    client = oauth_client(idp, pool)
    r = raw_authorize(cognito_url, client, identity_provider="COGNITO")
    assert r.headers["Location"].startswith(cognito_url + "/login?")
    r = raw_authorize(cognito_url, client, identity_provider="Google", state="g")
    assert query_of(r.headers["Location"]) == {"error": "invalid_request", "state": "g",
                                               "error_description": "identity provider 'Google' "
                                                                    "is not available"}
    no_cognito = oauth_client(idp, pool, SupportedIdentityProviders=[])
    page = Browser(cognito_url).authorize(no_cognito)
    assert page.status_code == 400
    assert "Login option is not available. Please try another one" in page.text


def test_a_client_without_oauth_is_unauthorized(cognito_url, idp, pool):
    client = oauth_client(idp, pool, AllowedOAuthFlowsUserPoolClient=False, AllowedOAuthFlows=[])
    r = raw_authorize(cognito_url, client, state="u")
    assert query_of(r.headers["Location"]) == {"error": "unauthorized_client", "state": "u"}
