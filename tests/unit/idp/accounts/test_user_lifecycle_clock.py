"""What only a controllable clock can show: codes and temporary passwords running out,
through the real service functions."""

import pytest

from cfn_cognito.idp.accounts import admin_users
from cfn_cognito.idp.accounts import forgot_password
from cfn_cognito.idp.accounts import sign_up
from cfn_cognito.idp.accounts import users
from cfn_cognito.idp.errors import ExpiredCodeException
from users_fixtures import clock, ctx, last_code, make_client, make_pool  # noqa: F401


@pytest.fixture
def app(ctx):
    pool = make_pool(ctx, AutoVerifiedAttributes=["email"])
    return pool, make_client(ctx, pool)


def _sign_up(ctx, pool, client, username="carol"):
    sign_up.sign_up(ctx, {"ClientId": client["ClientId"], "Username": username,
                          "Password": "Passw0rd!",
                          "UserAttributes": [{"Name": "email", "Value": f"{username}@example.com"}]})
    return last_code(ctx, pool)


def test_sign_up_code_works_for_24_hours_only(ctx, clock, app):
    pool, client = app
    code = _sign_up(ctx, pool, client)
    clock.advance(24 * 3600 + 1)
    with pytest.raises(ExpiredCodeException):
        sign_up.confirm_sign_up(ctx, {"ClientId": client["ClientId"], "Username": "carol",
                                      "ConfirmationCode": code})
    sign_up.resend_confirmation_code(ctx, {"ClientId": client["ClientId"], "Username": "carol"})
    sign_up.confirm_sign_up(ctx, {"ClientId": client["ClientId"], "Username": "carol",
                                  "ConfirmationCode": last_code(ctx, pool)})
    assert users.get_user(ctx, pool, "carol").status == "CONFIRMED"


def test_password_reset_code_works_for_one_hour_only(ctx, clock, app):
    pool, client = app
    sign_up.confirm_sign_up(ctx, {"ClientId": client["ClientId"], "Username": "carol",
                                  "ConfirmationCode": _sign_up(ctx, pool, client)})
    forgot_password.forgot_password(ctx, {"ClientId": client["ClientId"], "Username": "carol"})
    code = last_code(ctx, pool, "ForgotPassword")
    clock.advance(3600 + 1)
    with pytest.raises(ExpiredCodeException):
        forgot_password.confirm_forgot_password(ctx, {
            "ClientId": client["ClientId"], "Username": "carol", "ConfirmationCode": code,
            "Password": "N3w-passw0rd"})


def test_temporary_password_expires_after_the_pool_validity(ctx, clock):
    pool = make_pool(ctx, Policies={"PasswordPolicy": {"MinimumLength": 8,
                                                       "TemporaryPasswordValidityDays": 2}})
    admin_users.admin_create_user(ctx, {"UserPoolId": pool["Id"], "Username": "dave",
                                        "MessageAction": "SUPPRESS"})
    clock.advance(2 * 86400 - 1)
    assert not users.temporary_password_expired(ctx, users.get_user(ctx, pool, "dave"))
    clock.advance(2)
    assert users.temporary_password_expired(ctx, users.get_user(ctx, pool, "dave"))
