"""Helpers for the hosted UI / OAuth tests: OAuth app clients, users, PKCE, and a plain HTTP
"browser" that fills in the hosted UI's forms and stops at the redirect to the app."""

import base64
import hashlib
import secrets
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from html.parser import HTMLParser
from urllib.parse import parse_qs, urljoin, urlsplit

import pytest
import requests

from cfn_cognito.testing import free_port

PASSWORD = "Passw0rd!"
CALLBACK = "http://localhost:3000/callback"
SIGNED_OUT = "http://localhost:3000/signed-out"
ALL_SCOPES = ["openid", "email", "phone", "profile", "aws.cognito.signin.user.admin"]


def oauth_client(idp, pool, **settings) -> dict:
    """An app client of the hosted UI: code and implicit flows, every reserved scope."""
    options = {
        "AllowedOAuthFlowsUserPoolClient": True,
        "AllowedOAuthFlows": ["code", "implicit"],
        "AllowedOAuthScopes": ALL_SCOPES,
        "CallbackURLs": [CALLBACK],
        "LogoutURLs": [SIGNED_OUT],
        "SupportedIdentityProviders": ["COGNITO"],
        **settings,
    }
    return idp.create_user_pool_client(UserPoolId=pool["Id"], ClientName="web",
                                       **options)["UserPoolClient"]


def make_user(idp, pool, username="alice", password=PASSWORD, **attributes):
    idp.admin_create_user(UserPoolId=pool["Id"], Username=username, MessageAction="SUPPRESS",
                          UserAttributes=[{"Name": k, "Value": v} for k, v in attributes.items()])
    idp.admin_set_user_password(UserPoolId=pool["Id"], Username=username, Password=password,
                                Permanent=True)


def pkce_pair() -> tuple[str, str]:
    """(code_verifier, S256 code_challenge)."""
    verifier = secrets.token_urlsafe(48)
    digest = hashlib.sha256(verifier.encode()).digest()
    return verifier, base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def query_of(url: str) -> dict:
    return {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}


def fragment_of(url: str) -> dict:
    return {k: v[0] for k, v in parse_qs(urlsplit(url).fragment).items()}


class _Forms(HTMLParser):
    def __init__(self):
        super().__init__()
        self.forms: list[dict] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.forms.append({"action": attrs.get("action", ""), "fields": {}})
        elif tag == "input" and self.forms and attrs.get("name"):
            if attrs.get("type") == "hidden" or attrs.get("value"):
                self.forms[-1]["fields"].setdefault(attrs["name"], attrs.get("value") or "")


def form_of(html: str) -> tuple[str, dict]:
    """(action, hidden and pre-filled fields) of the page's first form."""
    parser = _Forms()
    parser.feed(html)
    assert parser.forms, html
    return parser.forms[0]["action"], dict(parser.forms[0]["fields"])


class Browser:
    """A cookie-keeping HTTP client that walks the hosted UI as a browser would, following
    redirects within the service and stopping at the one that leaves it (to the app)."""

    def __init__(self, base_url: str, host: str | None = None):
        self.base_url = base_url.rstrip("/")
        self.session = requests.Session()
        # A pool's domain name, sent as Host to the service's address.
        self.host = host

    def _send(self, method: str, url: str, **kwargs) -> requests.Response:
        headers = dict(kwargs.pop("headers", {}))
        if self.host:
            headers["Host"] = self.host
        return self.session.request(method, url, headers=headers, allow_redirects=False,
                                    timeout=15, **kwargs)

    def _inside(self, location: str) -> str | None:
        """The service URL a Location points at, or None when it leaves the service."""
        parts = urlsplit(location)
        if not parts.netloc:
            return urljoin(self.base_url + "/", location)
        ours = {urlsplit(self.base_url).netloc, self.host}
        if parts.netloc in ours:
            return self.base_url + location[location.index(parts.netloc) + len(parts.netloc):]
        return None

    def go(self, method: str, url: str, **kwargs) -> requests.Response:
        response = self._send(method, url, **kwargs)
        while response.is_redirect:
            target = self._inside(response.headers["Location"])
            if target is None:
                return response
            response = self._send("GET", target)
        return response

    def get(self, path: str, **params) -> requests.Response:
        return self.go("GET", self.base_url + path, params=params)

    def submit(self, page: requests.Response, **fields) -> requests.Response:
        """Fill in the page's form (keeping its hidden fields) and send it."""
        action, values = form_of(page.text)
        values.update(fields)
        return self.go("POST", urljoin(self.base_url + "/", action), data=values)

    def authorize(self, client: dict, **params) -> requests.Response:
        params = {"response_type": "code", "client_id": client["ClientId"],
                  "redirect_uri": CALLBACK, **params}
        return self.get("/oauth2/authorize", **params)

    def sign_in(self, client: dict, username="alice", password=PASSWORD, **params):
        """Authorize, fill in the sign-in form; the response (the redirect to the app)."""
        page = self.authorize(client, **params)
        assert page.status_code == 200, page.text
        return self.submit(page, username=username, password=password)


def token(base_url: str, auth=None, **form) -> requests.Response:
    return requests.post(base_url + "/oauth2/token", data=form, auth=auth, timeout=15)


def inbox_code(base_url: str, pool: dict, username: str | None = None) -> str:
    messages = requests.get(base_url + "/_cfn_cognito/messages",
                            params={"pool": pool["Id"]}, timeout=10).json()["messages"]
    if username:
        messages = [m for m in messages if m["username"] == username or m["to"] == username]
    return messages[-1]["code"]


class _App(BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 (the handler's name is http.server's)
        body = b"<!doctype html><title>The app</title><h1>The app</h1>"
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def callback():
    """The app's redirect URI: a page on a local port (http on localhost, as AWS allows)."""
    server = ThreadingHTTPServer(("127.0.0.1", free_port()), _App)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://localhost:{server.server_address[1]}/callback"
    server.shutdown()
    server.server_close()
