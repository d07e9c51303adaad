"""The hosted UI's account pages with a plain HTTP client: they are the API operations
underneath, so they accept and refuse what the API does, with its messages."""

import requests

from hosted_ui_helpers import CALLBACK, Browser, form_of, inbox_code, oauth_client, query_of
from user_helpers import make_pool  # noqa: F401 (a fixture)


def test_sign_up_with_a_secret_client_in_an_email_username_pool(cognito_url, idp, make_pool):
    pool = make_pool(UsernameAttributes=["email"], AutoVerifiedAttributes=["email"])
    client = oauth_client(idp, pool, GenerateSecret=True)
    browser = Browser(cognito_url)
    page = browser.get("/signup", response_type="code", client_id=client["ClientId"],
                       redirect_uri=CALLBACK)
    assert page.status_code == 200
    assert '<label for="username">Email</label>' in page.text
    weak = browser.submit(page, username="kim@example.com", password="short")
    assert weak.status_code == 400
    assert "Password did not conform with policy: Password not long enough" in weak.text

    confirm = browser.submit(weak, username="kim@example.com", password="Passw0rd!")
    assert "We have sent a code by email to k***@e***" in confirm.text
    wrong = browser.submit(confirm, code="000000" if inbox_code(cognito_url, pool) != "000000"
                           else "111111")
    assert "Invalid verification code provided, please try again." in wrong.text
    done = browser.submit(wrong, code=inbox_code(cognito_url, pool, "kim@example.com"))
    assert done.status_code == 302 and "code" in query_of(done.headers["Location"])
    code = query_of(done.headers["Location"])["code"]
    tokens = requests.post(cognito_url + "/oauth2/token", auth=(client["ClientId"],
                                                                client["ClientSecret"]), data={
        "grant_type": "authorization_code", "code": code, "redirect_uri": CALLBACK})
    assert tokens.status_code == 200, tokens.text


def test_an_unconfirmed_user_signing_in_gets_a_code_and_then_is_in(cognito_url, idp, make_pool):
    pool = make_pool(AutoVerifiedAttributes=["email"])
    client = oauth_client(idp, pool)
    idp.sign_up(ClientId=client["ClientId"], Username="lee", Password="Passw0rd!",
                UserAttributes=[{"Name": "email", "Value": "lee@example.com"}])
    browser = Browser(cognito_url)
    confirm = browser.submit(browser.authorize(client), username="lee", password="Passw0rd!")
    assert confirm.status_code == 200 and "Confirm your account" in confirm.text
    resent = browser.submit(confirm, action="resend")
    assert "We have sent a code by email to l***@e***" in resent.text
    done = browser.submit(resent, code=inbox_code(cognito_url, pool, "lee"))
    assert done.status_code == 302 and done.headers["Location"].startswith(CALLBACK + "?code=")


def test_confirming_in_another_browser_asks_to_sign_in(cognito_url, idp, make_pool):
    pool = make_pool(AutoVerifiedAttributes=["email"])
    client = oauth_client(idp, pool)
    idp.sign_up(ClientId=client["ClientId"], Username="max", Password="Passw0rd!",
                UserAttributes=[{"Name": "email", "Value": "max@example.com"}])
    browser = Browser(cognito_url)
    page = browser.get("/confirm", response_type="code", client_id=client["ClientId"],
                       redirect_uri=CALLBACK, username="max")
    _, fields = form_of(page.text)
    assert fields["username"] == "max"
    signed_out = browser.submit(page, code=inbox_code(cognito_url, pool, "max"))
    assert signed_out.status_code == 200
    assert "Your account has been confirmed. Sign in to continue." in signed_out.text


def test_forgot_password_speaks_as_the_api(cognito_url, idp, pool):
    client = oauth_client(idp, pool)
    browser = Browser(cognito_url)
    page = browser.get("/forgotPassword", response_type="code", client_id=client["ClientId"],
                       redirect_uri=CALLBACK)
    unknown = browser.submit(page, username="nobody")
    assert unknown.status_code == 400
    assert "Username/client id combination not found." in unknown.text


def test_the_email_link_confirms_the_account(cognito_url, idp, make_pool):
    pool = make_pool(AutoVerifiedAttributes=["email"], VerificationMessageTemplate={
        "DefaultEmailOption": "CONFIRM_WITH_LINK"})
    client = oauth_client(idp, pool)
    idp.sign_up(ClientId=client["ClientId"], Username="ned", Password="Passw0rd!",
                UserAttributes=[{"Name": "email", "Value": "ned@example.com"}])
    code = inbox_code(cognito_url, pool, "ned")
    link = requests.get(cognito_url + "/confirmUser", params={
        "client_id": client["ClientId"], "user_name": "ned", "confirmation_code": code})
    assert link.status_code == 200 and "Your registration has been confirmed!" in link.text
    assert idp.admin_get_user(UserPoolId=pool["Id"], Username="ned")["UserStatus"] == "CONFIRMED"
    again = requests.get(cognito_url + "/confirmUser", params={
        "client_id": client["ClientId"], "user_name": "ned", "confirmation_code": code})
    assert again.status_code == 400
