"""Which first factors USER_AUTH offers a user (idp/auth/user_auth.py `available`): the
pool's AllowedFirstAuthFactors, what the user has, and MFA, which rules out one-time
passwords."""

from cfn_cognito.idp.userpools import mfa_settings
from cfn_cognito.idp.auth import user_auth
from cfn_cognito.store.users import UserRecord
from users_fixtures import clock, ctx, make_pool  # noqa: F401

EVERY_FACTOR = {"SignInPolicy": {"AllowedFirstAuthFactors": ["PASSWORD", "EMAIL_OTP", "SMS_OTP"]}}
ALL_CHOICES = ["PASSWORD", "PASSWORD_SRP", "EMAIL_OTP", "SMS_OTP"]


def _user(password=True, email_verified="true", phone_verified="true", **doc) -> UserRecord:
    attributes = [{"Name": "email", "Value": "a@example.com"},
                  {"Name": "email_verified", "Value": email_verified},
                  {"Name": "phone_number", "Value": "+15555550100"},
                  {"Name": "phone_number_verified", "Value": phone_verified}]
    if password:
        doc["PasswordHash"] = "pbkdf2_sha256$1000$c2FsdA==$aGFzaA=="
    return UserRecord("us-east-1_unit", "ada", "ada", "sub-1", "CONFIRMED", True, 0.0, 0.0,
                      {"Attributes": attributes, **doc})


def test_what_the_user_has_decides_among_what_the_pool_allows(ctx):  # noqa: F811
    pool = make_pool(ctx, Policies=EVERY_FACTOR)
    assert user_auth.available(ctx, pool, _user()) == ALL_CHOICES
    assert user_auth.available(ctx, pool, _user(password=False)) == ["EMAIL_OTP", "SMS_OTP"]
    assert user_auth.available(ctx, pool, _user(email_verified="false", phone_verified="false")) \
        == ["PASSWORD", "PASSWORD_SRP"]
    # A name nobody has (user existence errors prevented) is offered all the pool allows.
    assert user_auth.available(ctx, pool, None) == ALL_CHOICES
    assert user_auth.available(ctx, make_pool(ctx), _user()) == ["PASSWORD", "PASSWORD_SRP"]


def test_mfa_rules_out_one_time_passwords(ctx):  # noqa: F811
    required = make_pool(ctx, Policies=EVERY_FACTOR)
    mfa_settings.set_user_pool_mfa_config(ctx, {
        "UserPoolId": required["Id"], "MfaConfiguration": "ON",
        "SoftwareTokenMfaConfiguration": {"Enabled": True}})
    required = ctx.store.pools.get("", required["Id"])
    assert user_auth.available(ctx, required, _user()) == ["PASSWORD", "PASSWORD_SRP"]
    assert user_auth.available(ctx, required, None) == ["PASSWORD", "PASSWORD_SRP"]

    optional = make_pool(ctx, Policies=EVERY_FACTOR)
    mfa_settings.set_user_pool_mfa_config(ctx, {
        "UserPoolId": optional["Id"], "MfaConfiguration": "OPTIONAL",
        "SoftwareTokenMfaConfiguration": {"Enabled": True}})
    optional = ctx.store.pools.get("", optional["Id"])
    assert user_auth.available(ctx, optional, _user()) == ALL_CHOICES
    with_totp = _user(UserMFASettingList=["SOFTWARE_TOKEN_MFA"], SoftwareTokenSecret="JBSWY3DP")
    assert user_auth.available(ctx, optional, with_totp) == ["PASSWORD", "PASSWORD_SRP"]
