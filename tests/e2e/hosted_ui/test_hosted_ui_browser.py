"""The hosted UI in a real headless Chromium (Debian's, driven by Playwright): sign in from the
seed's /login URL, sign up and confirm with the code from the inbox, reset a forgotten
password, set a new password as a FORCE_CHANGE_PASSWORD user, and sign in on a pool's domain.

The app at the redirect URI is a tiny HTTP server on this machine, so the test sees exactly
where the browser lands.

Set CFN_COGNITO_SCREENSHOT=docs/login.png to save the README's picture of the sign-in page.
"""

import os
import shutil
from urllib.parse import urlencode

import pytest

from hosted_ui_helpers import (  # noqa: F401 (callback: a fixture)
    PASSWORD,
    callback,
    inbox_code,
    make_user,
    oauth_client,
    query_of,
)
import prerequisites


@pytest.fixture(scope="module")
def chromium():
    prerequisites.require("chromium", why="the browser tests")
    executable = shutil.which("chromium")
    from playwright.sync_api import sync_playwright
    with sync_playwright() as playwright:
        # *.localhost names are this machine, as browsers treat them; said outright here so
        # that no resolver configuration can send them elsewhere.
        browser = playwright.chromium.launch(
            executable_path=executable,
            args=["--no-sandbox", "--host-resolver-rules=MAP *.localhost 127.0.0.1"])
        yield browser
        browser.close()


@pytest.fixture
def page(chromium):
    context = chromium.new_context()
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    context.close()


@pytest.fixture
def client(idp, pool, callback):
    return oauth_client(idp, pool, CallbackURLs=[callback])


def login_url(base: str, client: dict, callback: str, state: str = "xyz") -> str:
    """The seed's URL: /login?response_type=code&client_id=...&redirect_uri=..."""
    query = urlencode({"response_type": "code", "client_id": client["ClientId"],
                       "redirect_uri": callback, "state": state})
    return f"{base}/login?{query}"


def landed_with_code(page, callback: str, state: str = "xyz") -> str:
    page.wait_for_url(callback + "?*")
    query = query_of(page.url)
    assert query["state"] == state
    assert page.inner_text("h1") == "The app"
    return query["code"]


def test_sign_in_from_the_seeds_login_url(page, client, callback, cognito_url, idp, pool):
    make_user(idp, pool)
    page.goto(login_url(cognito_url, client, callback))
    assert page.title().startswith("Sign in")
    if os.environ.get("CFN_COGNITO_SCREENSHOT"):
        page.set_viewport_size({"width": 900, "height": 640})
        page.screenshot(path=os.environ["CFN_COGNITO_SCREENSHOT"])

    page.get_by_label("Username").fill("alice")
    page.get_by_label("Password").fill("Wrong-pass1")
    page.get_by_role("button", name="Sign in").click()
    assert page.get_by_role("alert").inner_text() == "Incorrect username or password."

    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    assert landed_with_code(page, callback)

    # Signed in: the next authorization goes straight back to the app.
    page.goto(login_url(cognito_url, client, callback, state="again"))
    assert landed_with_code(page, callback, state="again")


def test_sign_up_and_confirm_with_the_code_from_the_inbox(page, client, callback, cognito_url,
                                                         idp, pool):
    idp.update_user_pool(UserPoolId=pool["Id"], AutoVerifiedAttributes=["email"])
    page.goto(login_url(cognito_url, client, callback))
    page.get_by_role("link", name="Sign up").click()
    page.get_by_label("Username").fill("nina")
    page.get_by_label("Email").fill("nina@example.com")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign up").click()

    assert "We have sent a code by email to n***@e***" in page.get_by_role("status").inner_text()
    page.get_by_label("Verification code").fill(inbox_code(cognito_url, pool, "nina"))
    page.get_by_role("button", name="Confirm account").click()
    assert landed_with_code(page, callback)
    user = idp.admin_get_user(UserPoolId=pool["Id"], Username="nina")
    assert user["UserStatus"] == "CONFIRMED"
    attributes = {a["Name"]: a["Value"] for a in user["UserAttributes"]}
    assert attributes["email_verified"] == "true"


def test_forgot_password_resets_the_password(page, client, callback, cognito_url, idp, pool):
    make_user(idp, pool, "olga", email="olga@example.com", email_verified="true")
    page.goto(login_url(cognito_url, client, callback))
    page.get_by_role("link", name="Forgot your password?").click()
    page.get_by_label("Username").fill("olga")
    page.get_by_role("button", name="Reset my password").click()

    page.get_by_label("Code").fill(inbox_code(cognito_url, pool, "olga"))
    page.get_by_label("New password", exact=True).fill("N3w-Passw0rd!")
    page.get_by_label("Enter the new password again").fill("N3w-Passw0rd!")
    page.get_by_role("button", name="Change password").click()
    assert "Your password has been reset" in page.get_by_role("status").inner_text()

    page.get_by_label("Password").fill("N3w-Passw0rd!")
    page.get_by_role("button", name="Sign in").click()
    assert landed_with_code(page, callback)


def test_a_force_change_password_user_sets_a_new_one(page, client, callback, cognito_url, idp,
                                                      pool):
    idp.admin_create_user(UserPoolId=pool["Id"], Username="paul",
                          TemporaryPassword="Temp-pass1!", MessageAction="SUPPRESS")
    page.goto(login_url(cognito_url, client, callback))
    page.get_by_label("Username").fill("paul")
    page.get_by_label("Password").fill("Temp-pass1!")
    page.get_by_role("button", name="Sign in").click()

    assert page.get_by_role("heading").inner_text() == "Change your password"
    page.get_by_label("New password", exact=True).fill("Perm-pass1!")
    page.get_by_label("Enter the new password again").fill("Perm-pass1!")
    page.get_by_role("button", name="Send").click()
    assert landed_with_code(page, callback)
    assert idp.admin_get_user(UserPoolId=pool["Id"],
                              Username="paul")["UserStatus"] == "CONFIRMED"


def test_sign_in_on_the_pools_domain(page, client, callback, cognito_server, idp, pool):
    prefix = "shop-" + pool["Id"].split("_")[1].lower()
    idp.create_user_pool_domain(UserPoolId=pool["Id"], Domain=prefix)
    make_user(idp, pool)
    domain = f"http://{prefix}.auth.us-east-1.localhost:{cognito_server.port}"
    page.goto(login_url(domain, client, callback))
    page.get_by_label("Username").fill("alice")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    assert landed_with_code(page, callback)
