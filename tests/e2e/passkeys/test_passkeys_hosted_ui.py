"""Passkey sign-in on the hosted UI in headless Chromium with a virtual authenticator: the
sign-in page offers it where the pool allows WEB_AUTHN, the passkey page asks the browser
for the passkey and the app gets its code; a user without a passkey is refused on the page."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import requests

from hosted_ui_helpers import CALLBACK, oauth_client, query_of, token
from passkey_helpers import Device, chromium, passkey_pool  # noqa: F401 (fixtures)
from signin_helpers import PASSWORD, make_user


class _App(BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 (http.server's name)
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.end_headers()
        self.wfile.write(b"<!doctype html><title>app</title><h1>The app</h1>")

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def callback():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _App)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://localhost:{server.server_address[1]}/callback"
    server.shutdown()
    server.server_close()


def _password_sign_in(page, login: str) -> None:
    page.goto(login)
    page.locator("#username").fill("alice")
    page.locator("#password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in", exact=True).click()


def _passkey_sign_in(page, username: str = "alice") -> None:
    page.locator("#passkey-username").fill(username)
    page.get_by_role("button", name="Sign in with a passkey").click()


def _sign_out(page, origin: str, client: dict, callback: str) -> None:
    page.goto(f"{origin}/logout?client_id={client['ClientId']}&logout_uri={callback}")


def test_passkey_sign_in_on_the_hosted_ui(cognito_url, chromium, idp,  # noqa: F811
                                          passkey_pool, callback):  # noqa: F811
    pool, api_client = passkey_pool
    idp.create_user_pool_domain(Domain="passkeys-v2", UserPoolId=pool["Id"],
                                ManagedLoginVersion=2)
    client = oauth_client(idp, pool, CallbackURLs=[callback])
    origin = "http://localhost:" + cognito_url.rsplit(":", 1)[1]
    device = Device(chromium, origin)
    try:
        # Register a passkey as the app would (the API), from the service's origin.
        access = idp.initiate_auth(ClientId=api_client["ClientId"],
                                   AuthFlow="USER_PASSWORD_AUTH",
                                   AuthParameters={"USERNAME": "alice", "PASSWORD": PASSWORD}
                                   )["AuthenticationResult"]["AccessToken"]
        options = idp.start_web_authn_registration(AccessToken=access)
        idp.complete_web_authn_registration(
            AccessToken=access, Credential=device.create(options["CredentialCreationOptions"]))

        page = device.page
        page.goto(f"{origin}/login?response_type=code&client_id={client['ClientId']}"
                  f"&redirect_uri={callback}&state=pk&scope=openid")
        # Nobody's passkey: refused on the page, as InitiateAuth refuses.
        _passkey_sign_in(page, "nobody")
        assert page.get_by_role("alert").inner_text() == "User does not exist."

        _passkey_sign_in(page)
        page.wait_for_url(callback + "?*")
        query = query_of(page.url)
        assert query["state"] == "pk"
        tokens = token(cognito_url, grant_type="authorization_code",
                       client_id=client["ClientId"], code=query["code"],
                       redirect_uri=callback).json()
        info = requests.get(cognito_url + "/oauth2/userInfo",
                            headers={"Authorization": f"Bearer {tokens['access_token']}"})
        assert info.json()["username"] == "alice"
    finally:
        device.close()


def test_the_sign_in_page_offers_passkeys_only_where_the_pool_allows_them(
        cognito_url, idp, pool, passkey_pool):  # noqa: F811
    allowing, _ = passkey_pool
    client = oauth_client(idp, allowing)
    query = {"response_type": "code", "client_id": client["ClientId"], "redirect_uri": CALLBACK}
    # The classic hosted UI (a version 1 domain) has no passkey sign-in; managed login has.
    idp.create_user_pool_domain(Domain="classic-ui", UserPoolId=allowing["Id"])
    assert "Sign in with a passkey" not in requests.get(f"{cognito_url}/login",
                                                        params=query).text
    idp.update_user_pool_domain(Domain="classic-ui", UserPoolId=allowing["Id"],
                                ManagedLoginVersion=2)
    page = requests.get(f"{cognito_url}/login", params=query)
    assert "Sign in with a passkey" in page.text
    other = idp.create_user_pool(PoolName="no-passkeys")["UserPool"]
    plain = oauth_client(idp, other)
    page = requests.get(f"{cognito_url}/login", params={
        "response_type": "code", "client_id": plain["ClientId"],
        "redirect_uri": CALLBACK})
    assert page.status_code == 200 and "Sign in with a passkey" not in page.text


def test_managed_login_offers_a_passkey_after_a_password_sign_in(
        cognito_url, chromium, idp, passkey_pool, callback):  # noqa: F811
    pool, _ = passkey_pool
    idp.create_user_pool_domain(Domain="passkeys-offer", UserPoolId=pool["Id"],
                                ManagedLoginVersion=2)
    client = oauth_client(idp, pool, CallbackURLs=[callback], LogoutURLs=[callback])
    origin = "http://localhost:" + cognito_url.rsplit(":", 1)[1]
    login = (f"{origin}/login?response_type=code&client_id={client['ClientId']}"
             f"&redirect_uri={callback}&state=st")
    device = Device(chromium, origin)
    try:
        page = device.page
        # "Not now": on to the app, no passkey made.
        _password_sign_in(page, login)
        assert page.inner_text("h1") == "Add a passkey"
        page.get_by_role("link", name="Not now").click()
        page.wait_for_url(callback + "?*")
        assert query_of(page.url)["state"] == "st" and device.credentials() == []

        # Signed out, in again: this time the passkey is added, then the app.
        _sign_out(page, origin, client, callback)
        _password_sign_in(page, login)
        page.get_by_role("button", name="Add a passkey").click()
        page.wait_for_url(callback + "?*")
        assert len(device.credentials()) == 1
        access = idp.initiate_auth(ClientId=passkey_pool[1]["ClientId"],
                                   AuthFlow="USER_PASSWORD_AUTH",
                                   AuthParameters={"USERNAME": "alice", "PASSWORD": PASSWORD}
                                   )["AuthenticationResult"]["AccessToken"]
        (listed,) = idp.list_web_authn_credentials(AccessToken=access)["Credentials"]
        assert listed["RelyingPartyId"] == "localhost"

        # Next time: the passkey, and no offer.
        _sign_out(page, origin, client, callback)
        page.goto(login)
        _passkey_sign_in(page)
        page.wait_for_url(callback + "?*")
    finally:
        device.close()


def test_on_the_pools_own_domain_the_rp_id_defaults_to_it(  # noqa: F811
        cognito_url, chromium, idp, pool, callback):  # noqa: F811
    # No RelyingPartyId: the pool's domain is the relying party, as on AWS.
    idp.update_user_pool(UserPoolId=pool["Id"], Policies={
        "PasswordPolicy": pool["Policies"]["PasswordPolicy"],
        "SignInPolicy": {"AllowedFirstAuthFactors": ["PASSWORD", "WEB_AUTHN"]}})
    idp.create_user_pool_domain(Domain="pkdomain", UserPoolId=pool["Id"],
                                ManagedLoginVersion=2)
    make_user(idp, pool)
    client = oauth_client(idp, pool, CallbackURLs=[callback], LogoutURLs=[callback])
    origin = "http://pkdomain.auth.us-east-1.localhost:" + cognito_url.rsplit(":", 1)[1]
    login = (f"{origin}/login?response_type=code&client_id={client['ClientId']}"
             f"&redirect_uri={callback}&state=d")
    device = Device(chromium, origin, page_path="/blank")
    try:
        page = device.page
        _password_sign_in(page, login)
        page.get_by_role("button", name="Add a passkey").click()
        page.wait_for_url(callback + "?*")
        (made,) = device.credentials()
        assert made["rpId"] == "pkdomain.auth.us-east-1.localhost"

        _sign_out(page, origin, client, callback)
        page.goto(login)
        _passkey_sign_in(page)
        page.wait_for_url(callback + "?*")
        assert query_of(page.url)["state"] == "d"
    finally:
        device.close()
