"""The developer console at /_cfn_cognito/ in a real headless Chromium (Debian's, driven by
Playwright): a user signs up (with boto3) while the page is open, and the page shows the user
and the code arrive by itself, without a reload.

Set CFN_COGNITO_CONSOLE_SCREENSHOT=docs/console.png to save the README's picture.
"""

import os
import shutil

import boto3
import pytest
import requests

from cfn_cognito.testing import LocalCognito
import prerequisites

PASSWORD = "Passw0rd!"
WAIT_MS = 15000


@pytest.fixture(scope="module")
def chromium():
    prerequisites.require("chromium", why="the browser tests")
    executable = shutil.which("chromium")
    from playwright.sync_api import sync_playwright
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=["--no-sandbox"])
        yield browser
        browser.close()


@pytest.fixture
def server():
    with LocalCognito() as server:
        yield server


@pytest.fixture
def page(chromium):
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(WAIT_MS)
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.errors = errors
    yield page
    context.close()


def test_the_console_shows_a_sign_up_and_its_code_arrive(server, page):
    from playwright.sync_api import expect

    idp = boto3.client("cognito-idp", endpoint_url=server.url, region_name="us-east-1")
    pool = idp.create_user_pool(PoolName="my-app", AutoVerifiedAttributes=["email"],
                                UsernameConfiguration={"CaseSensitive": False})["UserPool"]
    web = idp.create_user_pool_client(
        UserPoolId=pool["Id"], ClientName="web",
        ExplicitAuthFlows=["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"])["UserPoolClient"]
    idp.create_user_pool_client(UserPoolId=pool["Id"], ClientName="backend",
                                GenerateSecret=True)

    page.goto(server.url + "/_cfn_cognito/")
    expect(page.get_by_role("heading", level=1)).to_have_text("cfn-cognito console")
    expect(page.get_by_role("heading", name="Inbox", level=2)).to_be_visible()
    expect(page.get_by_role("heading", name=f"my-app {pool['Id']}", level=3)).to_be_visible()
    expect(page.get_by_role("rowheader", name="web")).to_be_visible()
    expect(page.get_by_text("No messages yet.")).to_be_visible()
    page.evaluate("window.stillTheSamePage = true")

    idp.sign_up(ClientId=web["ClientId"], Username="jane", Password=PASSWORD,
                UserAttributes=[{"Name": "email", "Value": "jane@example.com"}])
    code = requests.get(server.url + "/_cfn_cognito/messages",
                        timeout=10).json()["messages"][-1]["code"]

    inbox = page.locator("#live-inbox")
    expect(inbox.get_by_role("row").filter(has_text="jane")).to_contain_text(code)
    users = page.get_by_role("table").filter(has=page.get_by_role("columnheader", name="Status"))
    expect(users.get_by_role("row").filter(has_text="jane")).to_contain_text("UNCONFIRMED")
    assert page.evaluate("window.stillTheSamePage") is True  # updated in place, not reloaded
    expect(page.get_by_role("status")).to_contain_text("Updated at")

    # The code from the page confirms the user, and the page shows that too.
    shown = inbox.get_by_role("row").filter(has_text="jane").locator(".code").inner_text()
    idp.confirm_sign_up(ClientId=web["ClientId"], Username="jane", ConfirmationCode=shown)
    expect(users.get_by_role("row").filter(has_text="jane")).to_contain_text("CONFIRMED")
    expect(users.get_by_role("row").filter(has_text="jane")).to_contain_text(
        "jane@example.com (verified)")

    # An invitation: the temporary password is the code; the message opens to its text.
    idp.admin_create_user(UserPoolId=pool["Id"], Username="sam",
                          UserAttributes=[{"Name": "email", "Value": "sam@example.com"},
                                          {"Name": "email_verified", "Value": "true"}],
                          DesiredDeliveryMediums=["EMAIL"])
    invitation = inbox.get_by_role("row").filter(has_text="AdminCreateUser")
    expect(invitation).to_contain_text("sam@example.com")
    invitation.get_by_text("Your temporary password").click()
    expect(invitation.locator(".body")).to_contain_text("Your username is sam and temporary "
                                                        "password is")
    expect(users.get_by_role("row").filter(has_text="sam")).to_contain_text(
        "FORCE_CHANGE_PASSWORD")
    assert page.errors == [], page.errors  # no script error, no Content-Security-Policy refusal

    if os.environ.get("CFN_COGNITO_CONSOLE_SCREENSHOT"):
        page.screenshot(path=os.environ["CFN_COGNITO_CONSOLE_SCREENSHOT"], full_page=True)


def test_the_inbox_can_be_narrowed_to_a_pool_and_a_user(server, page):
    from playwright.sync_api import expect

    idp = boto3.client("cognito-idp", endpoint_url=server.url, region_name="us-east-1")
    for name in ("shop", "blog"):
        pool = idp.create_user_pool(PoolName=name, AutoVerifiedAttributes=["email"])["UserPool"]
        client = idp.create_user_pool_client(UserPoolId=pool["Id"],
                                             ClientName="app")["UserPoolClient"]
        for user in ("kim", "lee"):
            idp.sign_up(ClientId=client["ClientId"], Username=user, Password=PASSWORD,
                        UserAttributes=[{"Name": "email", "Value": f"{user}@{name}.example"}])

    page.goto(server.url + "/_cfn_cognito/")
    rows = page.locator("#live-inbox tbody tr")
    expect(rows).to_have_count(4)
    page.get_by_label("Pool", exact=True).select_option(label=f"blog ({pool['Id']})")
    page.get_by_label("Username", exact=True).fill("lee")
    page.get_by_role("button", name="Show messages").click()
    expect(rows).to_have_count(1)
    expect(rows).to_contain_text("lee@blog.example")
    page.get_by_role("link", name="Show all").click()
    expect(rows).to_have_count(4)
