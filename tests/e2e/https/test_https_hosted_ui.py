"""The hosted UI's code flow in a real headless Chromium over https: sign in at the service's
address and at a pool's domain (`https://{prefix}.auth.us-east-1.localhost:{port}`, a name the
certificate covers by its `*.auth.us-east-1.localhost` wildcard), land at the app with a code,
exchange it over https for tokens of the https issuer; the hosted UI's cookies are Secure.

How Chromium trusts the CA here: Chromium on Linux reads trusted roots from an NSS database,
which only NSS's certutil (not installed on these machines) writes. Instead the browser is
launched with `--ignore-certificate-errors-spki-list` naming the server certificate's key: it
accepts that one key and nothing else, unlike `--ignore-certificate-errors`, which accepts any
certificate. A browser launched without it gets ERR_CERT_AUTHORITY_INVALID: no silent fallback.
"""

import base64
import hashlib
import os
import shutil
from urllib.parse import urlencode

import boto3
import jwt
import pytest
import requests
from cryptography import x509
from cryptography.hazmat.primitives import serialization

from hosted_ui_helpers import (  # noqa: F401 (callback: a fixture)
    PASSWORD,
    callback,
    make_user,
    oauth_client,
    query_of,
)
from https_helpers import ca_env, https_server  # noqa: F401 (https_server: a fixture)


def spki_pin(certificate_file: str) -> str:
    """Chromium's form of a key pin: base64 of the SHA-256 of the SubjectPublicKeyInfo."""
    with open(certificate_file, "rb") as f:
        certificate = x509.load_pem_x509_certificate(f.read())
    der = certificate.public_key().public_bytes(serialization.Encoding.DER,
                                                serialization.PublicFormat.SubjectPublicKeyInfo)
    return base64.b64encode(hashlib.sha256(der).digest()).decode()


@pytest.fixture(scope="module")
def playwright():
    if shutil.which("chromium") is None:
        pytest.fail("Debian's chromium is required for the browser tests "
                    "(apt-get install -y chromium; .ci/run installs it)")
    from playwright.sync_api import sync_playwright
    with sync_playwright() as driver:
        yield driver


def launch(playwright, *args: str):
    # *.localhost names are this machine, as browsers treat them; said outright so that no
    # resolver configuration can send them elsewhere.
    return playwright.chromium.launch(
        executable_path=shutil.which("chromium"),
        args=["--no-sandbox", "--host-resolver-rules=MAP *.localhost 127.0.0.1", *args])


@pytest.fixture(scope="module")
def browser(playwright, https_server):
    server_certificate = os.path.join(https_server.data_dir, "tls", "server.pem")
    browser = launch(playwright, f"--ignore-certificate-errors-spki-list="
                                 f"{spki_pin(server_certificate)}")
    yield browser
    browser.close()


@pytest.fixture(scope="module")
def idp(https_server):
    return boto3.client("cognito-idp", endpoint_url=https_server.url, region_name="us-east-1")


@pytest.fixture
def pool(idp):
    pool = idp.create_user_pool(PoolName="https-hosted-ui")["UserPool"]
    yield pool
    domain = idp.describe_user_pool(UserPoolId=pool["Id"])["UserPool"].get("Domain")
    if domain:
        idp.delete_user_pool_domain(UserPoolId=pool["Id"], Domain=domain)
    idp.delete_user_pool(UserPoolId=pool["Id"])


def login_url(base: str, client: dict, callback: str) -> str:
    query = urlencode({"response_type": "code", "client_id": client["ClientId"],
                       "redirect_uri": callback, "state": "xyz"})
    return f"{base}/login?{query}"


def sign_in(browser, url: str, callback: str) -> tuple[str, list]:
    """(the code the app received, the cookies the browser kept)."""
    context = browser.new_context()
    try:
        page = context.new_page()
        page.set_default_timeout(15000)
        page.goto(url)
        page.get_by_label("Username").fill("alice")
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_url(callback + "?*")
        assert page.inner_text("h1") == "The app"
        query = query_of(page.url)
        assert query["state"] == "xyz"
        return query["code"], context.cookies()
    finally:
        context.close()


def test_code_flow_over_https_in_chromium(browser, https_server, idp, pool, callback):
    client = oauth_client(idp, pool, CallbackURLs=[callback])
    make_user(idp, pool)
    code, cookies = sign_in(browser, login_url(https_server.https_url, client, callback),
                            callback)
    assert cookies and all(cookie["secure"] for cookie in cookies), cookies

    bundle = ca_env(https_server.data_dir)["REQUESTS_CA_BUNDLE"]
    tokens = requests.post(f"{https_server.https_url}/oauth2/token", verify=bundle, timeout=15,
                           data={"grant_type": "authorization_code", "code": code,
                                 "client_id": client["ClientId"], "redirect_uri": callback})
    assert tokens.status_code == 200, tokens.text
    claims = jwt.decode(tokens.json()["id_token"], options={"verify_signature": False})
    assert claims["iss"] == f"{https_server.https_url}/{pool['Id']}"
    assert claims["cognito:username"] == "alice"


def test_code_flow_on_the_pools_domain_over_https(browser, https_server, idp, pool, callback):
    prefix = "https-" + pool["Id"].split("_")[1].lower()
    idp.create_user_pool_domain(UserPoolId=pool["Id"], Domain=prefix)
    client = oauth_client(idp, pool, CallbackURLs=[callback])
    make_user(idp, pool)
    domain = f"https://{prefix}.auth.us-east-1.localhost:{https_server.https_port}"
    code, _ = sign_in(browser, login_url(domain, client, callback), callback)
    assert code


def test_a_browser_not_told_to_trust_the_certificate_refuses_the_page(playwright,
                                                                       https_server):
    browser = launch(playwright)
    try:
        page = browser.new_page()
        with pytest.raises(Exception) as info:
            page.goto(https_server.https_url + "/_cfn_cognito/health")
        assert "ERR_CERT_AUTHORITY_INVALID" in str(info.value)
    finally:
        browser.close()
