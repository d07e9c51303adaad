"""Guessing is throttled as AWS throttles it: failed sign-ins lock the user ("Password attempts
exceeded"), and after 5 wrong tries a code is refused, even the right one, with
LimitExceededException until a new one is sent: through the API and the hosted UI alike."""

from __future__ import annotations

import time
import uuid

import boto3
import botocore.config
import botocore.exceptions
import pytest
import requests
from pycognito.aws_srp import AWSSRP

from hosted_ui_helpers import CALLBACK, Browser, oauth_client

PASSWORD = "Brute-Passw0rd!"
LOCKED = "Password attempts exceeded"
TOO_MANY = "Attempt limit exceeded, please try after some time."
WRONG_TRIES = 5


@pytest.fixture(scope="module")
def idp(hard_url):
    return boto3.client("cognito-idp", endpoint_url=hard_url, region_name="us-east-1",
                        config=botocore.config.Config(retries={"max_attempts": 0}))


@pytest.fixture(scope="module")
def app(idp):
    pool = idp.create_user_pool(PoolName="brute", AutoVerifiedAttributes=["email"])["UserPool"]
    client = oauth_client(idp, pool, ExplicitAuthFlows=[
        "ALLOW_USER_PASSWORD_AUTH", "ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"])
    return pool, client


def _error(call, **kwargs) -> tuple[str, str]:
    try:
        call(**kwargs)
    except botocore.exceptions.ClientError as err:
        return err.response["Error"]["Code"], err.response["Error"]["Message"]
    raise AssertionError(f"{call.__name__} succeeded")


def _user(idp, pool, **attrs) -> str:
    username = f"b{uuid.uuid4().hex[:8]}"
    idp.admin_create_user(UserPoolId=pool["Id"], Username=username, MessageAction="SUPPRESS",
                          UserAttributes=[{"Name": "email", "Value": f"{username}@example.com"},
                                          {"Name": "email_verified", "Value": "true"},
                                          *({"Name": k, "Value": v} for k, v in attrs.items())])
    idp.admin_set_user_password(UserPoolId=pool["Id"], Username=username, Password=PASSWORD,
                                Permanent=True)
    return username


def _code(url, pool, username) -> str:
    messages = requests.get(url + "/_cfn_cognito/messages", params={"pool": pool["Id"],
                            "username": username}, timeout=10).json()["messages"]
    return messages[-1]["code"]


def _wrong(code: str) -> str:
    return f"{(int(code) + 1) % 1_000_000:06d}"


def _sign_in(idp, client, username, password):
    return idp.initiate_auth(ClientId=client["ClientId"], AuthFlow="USER_PASSWORD_AUTH",
                             AuthParameters={"USERNAME": username, "PASSWORD": password})


def test_failed_sign_ins_lock_the_user_even_against_the_right_password(idp, app, tally):
    pool, client = app
    username, bystander = _user(idp, pool), _user(idp, pool)
    for attempt in range(WRONG_TRIES):
        # The API and the admin API count against the same user.
        if attempt % 2:
            code, message = _error(_sign_in, idp=idp, client=client, username=username,
                                   password="Wrong-Passw0rd!")
        else:
            code, message = _error(
                idp.admin_initiate_auth, UserPoolId=pool["Id"], ClientId=client["ClientId"],
                AuthFlow="ADMIN_USER_PASSWORD_AUTH",
                AuthParameters={"USERNAME": username, "PASSWORD": "nope-Passw0rd!"})
        assert (code, message) == ("NotAuthorizedException", "Incorrect username or password.")
    code, message = _error(_sign_in, idp=idp, client=client, username=username, password=PASSWORD)
    assert (code, message) == ("NotAuthorizedException", LOCKED)
    # Another user is not locked by it.
    assert _sign_in(idp, client, bystander, PASSWORD)["AuthenticationResult"]
    # AWS's first lock lasts a second; then the right password works and forgives the past.
    time.sleep(1.2)
    assert _sign_in(idp, client, username, PASSWORD)["AuthenticationResult"]
    tally["brute force"]["sign-in guesses refused"] += WRONG_TRIES + 1


def test_the_hosted_ui_sign_in_form_is_locked_the_same_way(idp, app, hard_url):
    pool, client = app
    username = _user(idp, pool)
    browser = Browser(hard_url)
    for _ in range(WRONG_TRIES):
        page = browser.sign_in(client, username=username, password="Wrong-Passw0rd!")
        assert page.status_code == 400 and "Incorrect username or password." in page.text
    page = browser.sign_in(client, username=username, password=PASSWORD)
    assert page.status_code == 400 and LOCKED in page.text
    assert "Location" not in page.headers


def test_wrong_sign_up_codes_use_up_the_code(idp, app, hard_url, tally):
    pool, client = app
    username = f"s{uuid.uuid4().hex[:8]}"
    idp.sign_up(ClientId=client["ClientId"], Username=username, Password=PASSWORD,
                UserAttributes=[{"Name": "email", "Value": f"{username}@example.com"}])
    code = _code(hard_url, pool, username)
    for _ in range(WRONG_TRIES):
        assert _error(idp.confirm_sign_up, ClientId=client["ClientId"], Username=username,
                      ConfirmationCode=_wrong(code))[0] == "CodeMismatchException"
    assert _error(idp.confirm_sign_up, ClientId=client["ClientId"], Username=username,
                  ConfirmationCode=code) == ("LimitExceededException", TOO_MANY)
    # A new code starts afresh.
    idp.resend_confirmation_code(ClientId=client["ClientId"], Username=username)
    idp.confirm_sign_up(ClientId=client["ClientId"], Username=username,
                        ConfirmationCode=_code(hard_url, pool, username))
    assert idp.admin_get_user(UserPoolId=pool["Id"], Username=username)["UserStatus"] == "CONFIRMED"
    tally["brute force"]["code guesses refused"] += WRONG_TRIES + 1


def test_wrong_password_reset_codes_use_up_the_code(idp, app, hard_url, tally):
    pool, client = app
    username = _user(idp, pool)
    idp.forgot_password(ClientId=client["ClientId"], Username=username)
    code = _code(hard_url, pool, username)
    for _ in range(WRONG_TRIES):
        assert _error(idp.confirm_forgot_password, ClientId=client["ClientId"], Username=username,
                      ConfirmationCode=_wrong(code), Password="Other-Passw0rd!")[0] == \
            "CodeMismatchException"
    assert _error(idp.confirm_forgot_password, ClientId=client["ClientId"], Username=username,
                  ConfirmationCode=code, Password="Other-Passw0rd!") == \
        ("LimitExceededException", TOO_MANY)
    # The password did not change.
    assert _sign_in(idp, client, username, PASSWORD)["AuthenticationResult"]
    tally["brute force"]["code guesses refused"] += WRONG_TRIES + 1


def test_wrong_attribute_verification_codes_use_up_the_code(idp, app, hard_url, tally):
    pool, client = app
    username = _user(idp, pool)
    token = _sign_in(idp, client, username, PASSWORD)["AuthenticationResult"]["AccessToken"]
    idp.update_user_attributes(AccessToken=token, UserAttributes=[
        {"Name": "email", "Value": f"new-{username}@example.com"}])
    code = _code(hard_url, pool, username)
    for _ in range(WRONG_TRIES):
        assert _error(idp.verify_user_attribute, AccessToken=token, AttributeName="email",
                      Code=_wrong(code))[0] == "CodeMismatchException"
    assert _error(idp.verify_user_attribute, AccessToken=token, AttributeName="email",
                  Code=code) == ("LimitExceededException", TOO_MANY)
    tally["brute force"]["code guesses refused"] += WRONG_TRIES + 1


def test_the_hosted_ui_confirm_form_uses_up_the_code_the_same_way(idp, app, hard_url):
    pool, client = app
    browser = Browser(hard_url)
    username = f"h{uuid.uuid4().hex[:8]}"
    page = browser.get("/signup", response_type="code", client_id=client["ClientId"],
                       redirect_uri=CALLBACK)
    page = browser.submit(page, username=username, password=PASSWORD,
                          **{"attr:email": f"{username}@example.com"})
    assert page.status_code == 200 and 'name="code"' in page.text
    code = _code(hard_url, pool, username)
    for _ in range(WRONG_TRIES):
        page = browser.submit(page, code=_wrong(code))
        assert "Invalid verification code provided, please try again." in page.text
    page = browser.submit(page, code=code)
    assert TOO_MANY in page.text and "Location" not in page.headers


def test_failed_srp_sign_ins_count_and_lock_as_well(idp, app):
    pool, _ = app
    username = _user(idp, pool)
    client = idp.create_user_pool_client(
        UserPoolId=pool["Id"], ClientName="srp",
        ExplicitAuthFlows=["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"])["UserPoolClient"]

    def srp(password: str):
        return AWSSRP(username=username, password=password, pool_id=pool["Id"],
                      client_id=client["ClientId"], client=idp).authenticate_user()

    for _ in range(WRONG_TRIES):
        assert _error(srp, password="Wrong-Passw0rd!") == \
            ("NotAuthorizedException", "Incorrect username or password.")
    assert _error(srp, password=PASSWORD) == ("NotAuthorizedException", LOCKED)
