"""The browser-facing surfaces under attack: the hosted UI and the developer console refuse
cross-site form posts, never redirect to an unregistered URL, set HttpOnly SameSite cookies,
escape every user-supplied value, and send security headers."""

from __future__ import annotations

import re
import uuid
from urllib.parse import urlsplit

import boto3
import pytest
import requests

import hardening_wire as wire
from cfn_cognito.testing import LocalCognito
from hosted_ui_helpers import CALLBACK, PASSWORD, SIGNED_OUT, Browser, make_user, oauth_client

EVIL = "https://evil.example"
# A username a pool accepts that is markup if printed unescaped (names of pools, clients and
# groups cannot hold markup: their patterns refuse < and >).
HTML_NAME = "<svg/onload=alert(1)>"
FORM_PAGES = ("/login", "/signup", "/confirm", "/forgotPassword", "/confirmForgotPassword",
              "/newPassword")


@pytest.fixture(scope="module")
def site(hard_url):
    idp = boto3.client("cognito-idp", endpoint_url=hard_url, region_name="us-east-1")
    pool = idp.create_user_pool(PoolName="web-security",
                                AutoVerifiedAttributes=["email"])["UserPool"]
    client = oauth_client(idp, pool)
    make_user(idp, pool, "alice", email="alice@example.com", email_verified="true")
    return {"idp": idp, "pool": pool, "client": client, "url": hard_url}


def _query(site, **extra) -> dict:
    return {"response_type": "code", "client_id": site["client"]["ClientId"],
            "redirect_uri": CALLBACK, "state": "s1", **extra}


# -- CSRF ---------------------------------------------------------------------------------

def _csrf_of(html: str) -> str:
    return re.search(r'name="_csrf" value="([^"]+)"', html).group(1)


@pytest.mark.parametrize("path", FORM_PAGES)
def test_hosted_ui_forms_refuse_posts_without_their_own_csrf_token(path, site):
    url = site["url"] + path
    fields = {"username": "alice", "password": PASSWORD, "password_again": PASSWORD,
              "code": "123456", "session": "x" * 40, "attr:email": "mallory@example.com"}
    # The attacker's page: no cookie of this browser, a token of the attacker's own visit.
    attacker = requests.Session()
    own = attacker.get(site["url"] + "/login", params=_query(site), timeout=10)
    victim = requests.Session()
    victim.get(site["url"] + "/login", params=_query(site), timeout=10)   # has its cookie
    attempts = [
        ("no token", requests.Session(), {}),
        ("the attacker's token", victim, {"_csrf": _csrf_of(own.text)}),
        ("a token without its cookie", requests.Session(), {"_csrf": _csrf_of(own.text)}),
        ("a made-up token", victim, {"_csrf": "A" * 43}),
    ]
    for what, browser, token in attempts:
        r = browser.post(url, params=_query(site), data={**fields, **token}, timeout=10,
                         allow_redirects=False, headers={"Origin": EVIL,
                                                         "Sec-Fetch-Site": "cross-site"})
        assert r.status_code == 403, (path, what, r.status_code, r.headers.get("Location"))
        assert "cognito" not in r.cookies, (path, what)
        assert "This form has expired" in r.text
    # Nobody was signed up and nothing was sent on those posts' behalf.
    users = site["idp"].list_users(UserPoolId=site["pool"]["Id"])["Users"]
    assert [u["Username"] for u in users] == ["alice"]


def test_the_genuine_form_still_signs_in(site):
    browser = Browser(site["url"])
    answer = browser.sign_in(site["client"], username="alice", password=PASSWORD)
    assert answer.status_code == 302 and answer.headers["Location"].startswith(CALLBACK + "?code=")


def test_developer_endpoints_refuse_cross_site_posts():
    """A page on another site must not reset the store, register and run a function, or deploy
    a stack through the browser of a developer running the service. (A server of its own: a
    regression here would empty the store.)"""
    with LocalCognito() as server:
        _attack_developer_endpoints(server.url)


def _attack_developer_endpoints(url: str) -> None:
    idp = boto3.client("cognito-idp", endpoint_url=url, region_name="us-east-1")
    pool = idp.create_user_pool(PoolName="kept")["UserPool"]
    cross = {"Origin": EVIL, "Sec-Fetch-Site": "cross-site", "Content-Type": "text/plain"}
    code = "def handler(event, context):\n    return 'pwned'\n"
    attacks = [
        ("POST", "/_cfn_cognito/reset", b""),
        ("POST", "/_cfn_cognito/functions",
         ('{"FunctionName":"pwn","Runtime":"python3.12","Handler":"index.handler",'
          '"Code":{"ZipFile":%s},"Role":"arn:aws:iam::000000000000:role/x"}' % repr(code)
          .replace("'", '"')).encode()),
        ("POST", "/2015-03-31/functions", b'{"FunctionName":"pwn2"}'),
        ("POST", "/2015-03-31/functions/pwn/invocations", b"{}"),
        ("POST", "/", b"Action=CreateStack&Version=2010-05-15&StackName=pwn&TemplateBody=x"),
    ]
    for method, path, body in attacks:
        for headers in (cross, {**cross, "Sec-Fetch-Site": "same-site", "Origin": "null"},
                        {"Origin": EVIL, "Content-Type": "application/x-www-form-urlencoded"}):
            r = requests.request(method, url + path, data=body, headers=headers, timeout=10)
            assert r.status_code == 403, (path, headers, r.status_code, r.text[:200])
    # The store is whole and nothing was made.
    assert idp.describe_user_pool(UserPoolId=pool["Id"])
    assert requests.get(url + "/_cfn_cognito/functions/pwn", timeout=10).status_code == 404
    # The same calls from a tool (no Origin) or from the service's own pages still get through.
    for headers in ({}, {"Origin": url}, {"Origin": "http://localhost:3000"}):
        r = requests.delete(url + "/_cfn_cognito/messages", params={"pool": "nobody"},
                            headers=headers, timeout=10)
        assert r.status_code == 200 and r.json() == {"deleted": 0}
        r = requests.post(url + "/_cfn_cognito/functions", data=b"{}", headers=headers, timeout=10)
        assert 400 <= r.status_code < 500 and r.status_code != 403, r.text


# -- redirects ----------------------------------------------------------------------------

UNREGISTERED = [
    "https://evil.example/callback", "http://localhost:3000/callback/",
    "http://localhost:3000/CALLBACK",
    "http://localhost:3000/callback?x=1", "http://localhost:3000/callback#frag",
    "http://localhost:3000/callback.evil.example", "http://localhost:3000@evil.example/callback",
    "http://localhost:3001/callback", "https://localhost:3000/callback", "//evil.example/callback",
    "http://localhost:3000/callback/../../evil", "javascript:alert(1)//localhost:3000/callback",
    "http://localhost:3000/call%62ack", " http://localhost:3000/callback", "",
]


def _leaves_for(response, base: str) -> str | None:
    """Where a response sends the browser outside the service, if anywhere."""
    if not response.is_redirect:
        return None
    location = response.headers["Location"]
    parts = urlsplit(location)
    if not parts.scheme and not parts.netloc:
        return None
    if f"{parts.scheme}://{parts.netloc}" == base:
        return None
    return location


@pytest.mark.parametrize("uri", UNREGISTERED)
def test_no_page_redirects_to_an_unregistered_url(uri, site):
    base = site["url"]
    allowed = (CALLBACK + "?", SIGNED_OUT)
    client_id = site["client"]["ClientId"]
    requests_to_make = [
        ("GET", "/oauth2/authorize", _query(site, redirect_uri=uri)),
        ("GET", "/oauth2/authorize", _query(site, redirect_uri=uri, scope="nope")),
        ("GET", "/oauth2/authorize", _query(site, redirect_uri=uri, response_type="token")),
        ("GET", "/login", _query(site, redirect_uri=uri)),
        ("GET", "/signup", _query(site, redirect_uri=uri)),
        ("GET", "/forgotPassword", _query(site, redirect_uri=uri)),
        ("GET", "/logout", {"client_id": client_id, "logout_uri": uri}),
        ("GET", "/logout", {"client_id": client_id, "redirect_uri": uri, "response_type": "code"}),
    ]
    for method, path, params in requests_to_make:
        r = requests.request(method, base + path, params=params, allow_redirects=False,
                             timeout=10)
        assert r.status_code < 500, (path, params, r.status_code)
        leaves = _leaves_for(r, base)
        assert leaves is None or leaves.startswith(allowed), (path, params, leaves)
    # Signing in with the form of a page asked for with that URI goes nowhere either.
    browser = Browser(base)
    page = browser.get("/login", **_query(site, redirect_uri=uri))
    if page.status_code == 200 and "_csrf" in page.text:
        done = browser.submit(page, username="alice", password=PASSWORD)
        assert _leaves_for(done, base) is None, done.headers.get("Location")


# -- cookies ------------------------------------------------------------------------------

def _set_cookies(response) -> list[str]:
    return response.raw.headers.getlist("Set-Cookie")


def test_every_cookie_is_httponly_and_samesite(site):
    browser = Browser(site["url"])
    seen = []
    page = browser.session.get(site["url"] + "/login", params=_query(site), timeout=10,
                               allow_redirects=False)
    seen += _set_cookies(page)
    done = browser.submit(page, username="alice", password=PASSWORD)
    seen += _set_cookies(done)
    out = browser.session.get(site["url"] + "/logout", params={
        "client_id": site["client"]["ClientId"], "logout_uri": SIGNED_OUT}, timeout=10,
        allow_redirects=False)
    seen += _set_cookies(out)
    names = {c.split("=", 1)[0] for c in seen}
    assert {"XSRF-TOKEN", "cognito"} <= names, seen
    for cookie in seen:
        attributes = {a.strip().split("=")[0].lower(): a.strip() for a in cookie.split(";")[1:]}
        assert "httponly" in attributes, cookie
        assert attributes.get("samesite", "").lower() in ("samesite=lax", "samesite=strict"), cookie
        assert attributes.get("path") == "Path=/", cookie


# -- escaping -----------------------------------------------------------------------------

def _assert_escaped(html: str, value: str, where: str) -> None:
    assert value not in html, f"{where} shows {value!r} unescaped"


def test_user_supplied_values_are_escaped_everywhere(site):
    base = site["url"]
    browser = Browser(base)
    page = browser.get("/signup", **_query(site))
    signed_up = browser.submit(page, username=HTML_NAME, password=PASSWORD,
                               **{"attr:email": "html@example.com"})
    assert signed_up.status_code == 200, signed_up.text[:500]
    _assert_escaped(signed_up.text, HTML_NAME, "the confirm page")
    assert "&lt;svg/onload=alert(1)&gt;" in signed_up.text

    wrong = Browser(base)
    login = wrong.get("/login", **_query(site))
    refused = wrong.submit(login, username=HTML_NAME, password="wrong")
    _assert_escaped(refused.text, HTML_NAME, "the sign-in page's error")

    state = '"><script>alert(1)</script>'
    page = requests.get(base + "/login", params=_query(site, state=state), timeout=10)
    _assert_escaped(page.text, state, "the sign-in page (state)")
    error = requests.get(base + "/error", params={"error": "<script>alert(1)</script>"},
                         timeout=10)
    _assert_escaped(error.text, "<script>alert(1)</script>", "the error page")

    console = requests.get(base + "/_cfn_cognito/", timeout=10)
    assert "&lt;svg/onload=alert(1)&gt;" in console.text       # the user and its message
    _assert_escaped(console.text, HTML_NAME, "the console")
    filtered = requests.get(base + "/_cfn_cognito/", timeout=10,
                            params={"username": '"><script>alert(1)</script>', "pool": "<x>"})
    _assert_escaped(filtered.text, "<script>alert(1)</script>", "the console's filter")
    live = requests.get(base + "/_cfn_cognito/", params={"part": "live"}, timeout=10)
    _assert_escaped(live.text, HTML_NAME, "the console's live part")


# -- headers ------------------------------------------------------------------------------

def test_pages_and_endpoints_send_security_headers(site):
    base = site["url"]
    q = _query(site)
    pages = {
        "/login": requests.get(base + "/login", params=q, timeout=10),
        "/signup": requests.get(base + "/signup", params=q, timeout=10),
        "/forgotPassword": requests.get(base + "/forgotPassword", params=q, timeout=10),
        "/error": requests.get(base + "/error", params={"error": "x"}, timeout=10),
        "console": requests.get(base + "/_cfn_cognito/", timeout=10),
        "an unknown domain": requests.get(
            base + "/login",
            headers={"Host": f"nobody-{uuid.uuid4().hex[:6]}.auth.us-east-1.localhost"},
            timeout=10),
    }
    for name, r in pages.items():
        h = r.headers
        assert h.get("X-Content-Type-Options") == "nosniff", (name, dict(h))
        assert h.get("X-Frame-Options") == "DENY", (name, dict(h))
        if r.headers.get("Content-Type", "").startswith("text/html"):
            csp = h.get("Content-Security-Policy", "")
            assert "frame-ancestors 'none'" in csp and "default-src 'none'" in csp, (name, csp)
            assert "unsafe-inline" not in csp, (name, csp)
    # Answers that carry tokens or codes are never cached.
    secret = {
        "/oauth2/token": requests.post(base + "/oauth2/token", data={"grant_type": "x"},
                                       timeout=10),
        "/oauth2/userInfo": requests.get(base + "/oauth2/userInfo", timeout=10),
        "/_cfn_cognito/messages": requests.get(base + "/_cfn_cognito/messages", timeout=10),
        "console": pages["console"],
        "/login": pages["/login"],
    }
    for name, r in secret.items():
        assert "no-store" in r.headers.get("Cache-Control", ""), (name, dict(r.headers))
        assert r.headers.get("X-Content-Type-Options") == "nosniff", (name, dict(r.headers))


def test_pages_of_other_sites_may_call_only_what_aws_serves_unsigned(site, http):
    """The AWS JSON API answers every origin's CORS preflight (browser SDKs sign users in
    from anywhere), but a page of another site holds no credentials: as on AWS, it gets the
    unauthenticated operations only, never the admin ones (signatures are not checked here)."""
    pool_id, client_id = site["pool"]["Id"], site["client"]["ClientId"]
    foreign = {"Origin": EVIL}
    admin = [("AdminDeleteUser", {"UserPoolId": pool_id, "Username": "alice"}),
             ("DeleteUserPool", {"UserPoolId": pool_id}),
             ("ListUsers", {"UserPoolId": pool_id}),
             ("UpdateUserPoolClient", {"UserPoolId": pool_id, "ClientId": client_id})]
    for operation, body in admin:
        for headers in (foreign, {"Origin": "null"}, {"Sec-Fetch-Site": "cross-site"}):
            answer = wire.post(http, site["url"], f"{wire.TARGETS['cognito-idp']}.{operation}",
                               body, headers=headers)
            assert answer.status == 403, (operation, headers, answer.body)
            assert answer.error_type.endswith("MissingAuthenticationTokenException")
            assert answer.headers["Access-Control-Allow-Origin"] == "*"   # the SDK reads it
    assert site["idp"].admin_get_user(UserPoolId=pool_id, Username="alice")["Enabled"]
    # What a sign-in page needs works from any site, and everything from the developer's own.
    answer = wire.post(http, site["url"], f"{wire.TARGETS['cognito-idp']}.InitiateAuth", {
        "ClientId": client_id, "AuthFlow": "USER_PASSWORD_AUTH",
        "AuthParameters": {"USERNAME": "nobody", "PASSWORD": "wrong"}}, headers=foreign)
    assert answer.status == 400 and "MissingAuthentication" not in answer.error_type, answer.body
    answer = wire.post(http, site["url"], f"{wire.TARGETS['cognito-identity']}.GetId",
                       {"IdentityPoolId": "us-east-1:00000000-0000-0000-0000-000000000000"},
                       headers=foreign)
    assert answer.error_type == "ResourceNotFoundException", answer.body
    for headers in ({"Origin": "http://localhost:3000"}, {"Origin": "http://127.0.0.1:8080"}, {}):
        answer = wire.post(http, site["url"], f"{wire.TARGETS['cognito-idp']}.ListUsers",
                           {"UserPoolId": pool_id}, headers=headers)
        assert answer.status == 200, (headers, answer.body)
