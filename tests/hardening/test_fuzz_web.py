"""Fuzzing the browser and OAuth surfaces: the hosted UI pages, /oauth2/*, the discovery
documents and the developer console, with junk query strings, forms and Authorization
headers (real client ids and redirect URIs mixed in, to get past the first checks). No
answer is a 5xx, and the service keeps serving. Also: malformed HTTP itself."""

from __future__ import annotations

import base64
import socket

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fuzz_strategies import NASTY_STRINGS
from fuzz_world import CALLBACK, World
from hardening_settings import CASES_PER_ENDPOINT, fuzz

PARAMS = ["client_id", "response_type", "redirect_uri", "state", "scope", "nonce",
          "code_challenge", "code_challenge_method", "identity_provider", "idp_identifier",
          "grant_type", "code", "refresh_token", "code_verifier", "client_secret", "token",
          "logout_uri", "username", "password", "password_again", "session", "action",
          "required", "attr:email", "attr:name", "_csrf", "error", "user_name",
          "confirmation_code", "pool", "kind", "since", "to", "part", "lang"]
ENDPOINTS = [
    ("GET", "/oauth2/authorize"), ("POST", "/oauth2/token"), ("GET", "/oauth2/userInfo"),
    ("POST", "/oauth2/userInfo"), ("POST", "/oauth2/revoke"), ("GET", "/login"),
    ("POST", "/login"), ("GET", "/signup"), ("POST", "/signup"), ("POST", "/confirm"),
    ("POST", "/forgotPassword"), ("POST", "/confirmForgotPassword"), ("POST", "/newPassword"),
    ("GET", "/logout"), ("GET", "/error"), ("GET", "/confirmUser"),
    ("GET", "/_cfn_cognito/messages"), ("GET", "/_cfn_cognito/"),
    ("GET", "/{pool}/.well-known/openid-configuration"), ("GET", "/{pool}/.well-known/jwks.json"),
]


@pytest.fixture(scope="module")
def world(hard_url):
    return World(hard_url)


def values(world: World):
    real = [world.client["ClientId"], CALLBACK, "code", "token", "openid email",
            world.username, "authorization_code", "refresh_token", world.tokens["RefreshToken"],
            world.pool["Id"], "S256"]
    return st.one_of(st.sampled_from(real), st.sampled_from(NASTY_STRINGS[:-1]),
                     st.text(max_size=30), st.text(max_size=30).map(lambda t: t + "\x00"))


def authorization(world: World):
    junk = st.text(max_size=40)
    return st.one_of(
        st.none(),
        st.sampled_from(["Bearer", "Bearer ", "Basic", "Basic !!!", "Digest x",
                         "Bearer " + world.tokens["IdToken"],
                         "Bearer " + world.tokens["AccessToken"]]),
        junk.map(lambda t: "Bearer " + t),
        st.binary(max_size=40).map(lambda b: "Basic " + base64.b64encode(b).decode()),
        st.tuples(st.sampled_from([world.client["ClientId"], ""]), junk).map(
            lambda p: "Basic " + base64.b64encode(f"{p[0]}:{p[1]}".encode()).decode()))


def _raw(fields: dict) -> dict:
    """Fields as the bytes a client sends (percent-encoded on the way), lone surrogates too."""
    return {k.encode("utf-8", "surrogatepass"): v.encode("utf-8", "surrogatepass")
            for k, v in fields.items()}


def _latin1(text: str) -> str:
    """What a header can carry (HTTP headers are bytes; requests sends latin-1)."""
    return "".join(c for c in text if " " <= c <= "\xff" and c != "\x7f")


@pytest.mark.parametrize("method,path", ENDPOINTS, ids=[f"{m} {p}" for m, p in ENDPOINTS])
def test_fuzzed_web_requests_never_break_the_service(method, path, world, http, hard_url, tally):
    world.ensure()

    @fuzz(CASES_PER_ENDPOINT)
    @given(params=st.dictionaries(st.sampled_from(PARAMS) | st.text(max_size=10),
                                  values(world), max_size=6),
           form=st.dictionaries(st.sampled_from(PARAMS), values(world), max_size=6),
           auth=authorization(world),
           pool=st.sampled_from([world.pool["Id"], "us-east-1_nope", "x", "..", "%00"]),
           host=st.sampled_from([None, f"{world.refs['Domain'][0]}.auth.us-east-1.localhost",
                                 "nobody.auth.us-east-1.localhost", "evil.example"]))
    def one_request(params, form, auth, pool, host):
        headers = {}
        if auth is not None:
            headers["Authorization"] = _latin1(auth)
        if host:
            headers["Host"] = host
        url = hard_url + path.replace("{pool}", pool)
        params, form = _raw(params), _raw(form)
        r = http.request(method, url, params=params, data=form if method == "POST" else None,
                         headers=headers, allow_redirects=False, timeout=30)
        assert r.status_code < 500, (method, path, params, form, r.status_code, r.text[:300])

    one_request()
    assert http.get(hard_url + "/_cfn_cognito/health", timeout=10).status_code == 200
    tally["fuzzing"]["web endpoints"] += 1
    tally["fuzzing"]["web requests"] += CASES_PER_ENDPOINT


MALFORMED_HTTP = [
    b"\x00\x01\x02\x03garbage\r\n\r\n",
    b"GET / HTTP/1.1\r\n\r\n",
    b"POST / HTTP/1.1\r\nHost: localhost\r\nContent-Length: 99999999999999999999\r\n\r\n{}",
    b"POST / HTTP/1.1\r\nHost: localhost\r\nContent-Length: -5\r\n\r\n",
    b"POST / HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\nZZZ\r\n",
    b"POST / HTTP/1.1\r\nHost: localhost\r\nX-Amz-Target: AWSCognitoIdentityProviderService.ListUserPools"
    b"\r\nContent-Type: application/x-amz-json-1.1\r\nContent-Length: 20\r\n\r\n{\"MaxRes",
    b"GET /" + b"a" * 70_000 + b" HTTP/1.1\r\nHost: localhost\r\n\r\n",
    b"GET / HTTP/1.1\r\nHost: localhost\r\n" + b"X-Junk: " + b"b" * 300_000 + b"\r\n\r\n",
    b"GET /login?client_id=%ff%fe%00 HTTP/1.1\r\nHost: \xff\xfe\r\n\r\n",
    b"BREW /pot HTTP/1.1\r\nHost: localhost\r\n\r\n",
    b"GET / HTTP/9.9\r\n\r\n",
]


def test_malformed_http_leaves_the_server_serving(hard_server, http):
    for raw in MALFORMED_HTTP:
        with socket.create_connection(("127.0.0.1", hard_server.port), timeout=10) as sock:
            try:
                sock.sendall(raw)
                sock.shutdown(socket.SHUT_WR)
                answer = sock.recv(64)
            except OSError:
                answer = b""     # the server may hang up on junk: that is an answer too
        if answer.startswith(b"HTTP/"):
            assert answer[9:10] != b"5" or answer[9:12] in (b"501", b"505"), (raw[:60], answer)
    assert http.get(hard_server.url + "/_cfn_cognito/health", timeout=10).status_code == 200
