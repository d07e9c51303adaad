"""ForgotPassword and ConfirmForgotPassword."""

import pytest

from user_helpers import (  # noqa: F401
    PASSWORD,
    attrs,
    error_of,
    inbox,
    last_code,
    make_client,
    make_pool,
    password_works,
    sign_up_confirmed,
)

FLOWS = ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]
NEW = "N3w-Passw0rd!"


@pytest.fixture
def setup(idp, cognito_url, make_pool):
    pool = make_pool(AutoVerifiedAttributes=["email"])
    client = make_client(idp, pool, ExplicitAuthFlows=FLOWS)
    sign_up_confirmed(idp, cognito_url, pool, client, "eve", email="eve@example.com")
    return pool, client


def test_forgot_password_then_confirm_with_the_code(idp, cognito_url, setup):
    pool, client = setup
    out = idp.forgot_password(ClientId=client["ClientId"], Username="eve")
    assert out["CodeDeliveryDetails"] == {"Destination": "e***@e***", "DeliveryMedium": "EMAIL",
                                          "AttributeName": "email"}
    message = inbox(cognito_url, pool, "eve")[-1]
    assert (message["kind"], message["to"]) == ("ForgotPassword", "eve@example.com")
    # The old password keeps working until the reset is confirmed.
    assert password_works(idp, client, "eve", PASSWORD)
    idp.confirm_forgot_password(ClientId=client["ClientId"], Username="eve",
                                ConfirmationCode=message["code"], Password=NEW)
    assert password_works(idp, client, "eve", NEW)
    assert not password_works(idp, client, "eve", PASSWORD)
    assert error_of(idp.confirm_forgot_password, ClientId=client["ClientId"], Username="eve",
                    ConfirmationCode=message["code"], Password="An0ther-one!") == (
        "ExpiredCodeException", "Invalid code provided, please request a code again.")


def test_wrong_code_and_weak_password_leave_the_code_usable(idp, cognito_url, setup):
    pool, client = setup
    idp.forgot_password(ClientId=client["ClientId"], Username="eve")
    code = last_code(cognito_url, pool, "eve")
    wrong = f"{(int(code) + 1) % 10**6:06d}"
    assert error_of(idp.confirm_forgot_password, ClientId=client["ClientId"], Username="eve",
                    ConfirmationCode=wrong, Password=NEW)[0] == "CodeMismatchException"
    assert error_of(idp.confirm_forgot_password, ClientId=client["ClientId"], Username="eve",
                    ConfirmationCode=code, Password="weakpass")[0] == "InvalidPasswordException"
    idp.confirm_forgot_password(ClientId=client["ClientId"], Username="eve",
                                ConfirmationCode=code, Password=NEW)


def test_without_an_earlier_request_the_code_is_expired(idp, setup):
    _, client = setup
    assert error_of(idp.confirm_forgot_password, ClientId=client["ClientId"], Username="eve",
                    ConfirmationCode="123456", Password=NEW)[0] == "ExpiredCodeException"


def test_users_who_cannot_recover(idp, cognito_url, setup):
    pool, client = setup
    hidden = make_client(idp, pool, PreventUserExistenceErrors="ENABLED")
    assert error_of(idp.forgot_password, ClientId=client["ClientId"], Username="nobody") == (
        "UserNotFoundException", "Username/client id combination not found.")
    simulated = idp.forgot_password(ClientId=hidden["ClientId"], Username="nobody")
    assert simulated["CodeDeliveryDetails"]["DeliveryMedium"] == "EMAIL"
    assert error_of(idp.confirm_forgot_password, ClientId=hidden["ClientId"], Username="nobody",
                    ConfirmationCode="123456", Password=NEW)[0] == "CodeMismatchException"
    assert error_of(idp.confirm_forgot_password, ClientId=client["ClientId"], Username="nobody",
                    ConfirmationCode="123456", Password=NEW)[0] == "UserNotFoundException"

    idp.sign_up(ClientId=client["ClientId"], Username="fred", Password=PASSWORD)
    idp.admin_confirm_sign_up(UserPoolId=pool["Id"], Username="fred")
    assert error_of(idp.forgot_password, ClientId=client["ClientId"], Username="fred") == (
        "InvalidParameterException",
        "Cannot reset password for the user as there is no registered/verified email or phone_number")
    assert "CodeDeliveryDetails" in idp.forgot_password(ClientId=hidden["ClientId"], Username="fred")

    idp.admin_disable_user(UserPoolId=pool["Id"], Username="eve")
    assert error_of(idp.forgot_password, ClientId=client["ClientId"], Username="eve") == (
        "NotAuthorizedException", "User is disabled.")
    idp.admin_enable_user(UserPoolId=pool["Id"], Username="eve")

    idp.admin_create_user(UserPoolId=pool["Id"], Username="gail", MessageAction="SUPPRESS",
                          UserAttributes=attrs(email="gail@example.com", email_verified="true"))
    assert error_of(idp.forgot_password, ClientId=client["ClientId"], Username="gail") == (
        "NotAuthorizedException", "User password cannot be reset in the current state.")


def test_recovery_by_alias_and_password_history(idp, cognito_url, make_pool):
    pool = make_pool(AliasAttributes=["email"], AutoVerifiedAttributes=["email"],
                     Policies={"PasswordPolicy": {"MinimumLength": 8, "PasswordHistorySize": 3}})
    client = make_client(idp, pool, ExplicitAuthFlows=FLOWS)
    sign_up_confirmed(idp, cognito_url, pool, client, "hugo", email="hugo@example.com")
    idp.forgot_password(ClientId=client["ClientId"], Username="hugo@example.com")
    code = last_code(cognito_url, pool, "hugo", "ForgotPassword")
    assert error_of(idp.confirm_forgot_password, ClientId=client["ClientId"],
                    Username="hugo@example.com", ConfirmationCode=code,
                    Password=PASSWORD)[0] == "PasswordHistoryPolicyViolationException"
    idp.confirm_forgot_password(ClientId=client["ClientId"], Username="hugo@example.com",
                                ConfirmationCode=code, Password=NEW)
    assert password_works(idp, client, "hugo@example.com", NEW)
