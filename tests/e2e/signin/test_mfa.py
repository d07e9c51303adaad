"""MFA end to end: an authenticator (pyotp) set up through MFA_SETUP and used through
SOFTWARE_TOKEN_MFA, SMS and email codes from the inbox, SELECT_MFA_TYPE, the pool and user
settings, with boto3 and pycognito's SRP."""

import json
import time

import pyotp
import pytest
from pycognito.aws_srp import AWSSRP

from user_helpers import PASSWORD, error_of, inbox, make_client, make_pool  # noqa: F401

FLOWS = ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_USER_SRP_AUTH",
         "ALLOW_REFRESH_TOKEN_AUTH"]
SMS_CONFIG = {"SnsCallerArn": "arn:aws:iam::123456789012:role/sns", "ExternalId": "x"}
INVALID = ("CodeMismatchException", "Invalid code or auth state for the user.")


def _user(idp, pool, username="alice", **attrs):
    values = {"email": f"{username}@example.com", **attrs}
    idp.admin_create_user(UserPoolId=pool["Id"], Username=username, MessageAction="SUPPRESS",
                          UserAttributes=[{"Name": k, "Value": v} for k, v in values.items()])
    idp.admin_set_user_password(UserPoolId=pool["Id"], Username=username, Password=PASSWORD,
                                Permanent=True)


def _password_sign_in(idp, client, username="alice", password=PASSWORD):
    return idp.initiate_auth(ClientId=client["ClientId"], AuthFlow="USER_PASSWORD_AUTH",
                             AuthParameters={"USERNAME": username, "PASSWORD": password})


def _answer(idp, client, step, name, **responses):
    return idp.respond_to_auth_challenge(ClientId=client["ClientId"], ChallengeName=name,
                                         Session=step["Session"],
                                         ChallengeResponses={"USERNAME": "alice", **responses})


def _wrong_totp(secret):
    """A code no step near now has."""
    near = {pyotp.TOTP(secret).at(time.time() + d) for d in (-60, -30, 0, 30, 60)}
    return next(c for c in ("000000", "111111", "222222", "333333", "444444", "555555")
                if c not in near)


def _later_code(secret):
    # The next step's code: accepted within the ±1 step window, and not the one set-up used.
    return pyotp.TOTP(secret).at(time.time() + 30)


@pytest.fixture
def totp_pool(idp, make_pool):  # noqa: F811
    pool = make_pool()
    idp.set_user_pool_mfa_config(UserPoolId=pool["Id"], MfaConfiguration="ON",
                                 SoftwareTokenMfaConfiguration={"Enabled": True})
    return pool, make_client(idp, pool, ExplicitAuthFlows=FLOWS)


def test_totp_set_up_then_sign_in_with_authenticator_codes(idp, totp_pool):
    pool, client = totp_pool
    _user(idp, pool)
    step = _password_sign_in(idp, client)
    assert step["ChallengeName"] == "MFA_SETUP"
    assert json.loads(step["ChallengeParameters"]["MFAS_CAN_SETUP"]) == ["SOFTWARE_TOKEN_MFA"]
    assert "AuthenticationResult" not in step

    associated = idp.associate_software_token(Session=step["Session"])
    secret = associated["SecretCode"]
    assert len(secret) == 32
    assert error_of(idp.verify_software_token, Session=associated["Session"],
                    UserCode=_wrong_totp(secret)) == (
        "EnableSoftwareTokenMFAException", "Code mismatch and fail enable Software Token MFA")
    verified = idp.verify_software_token(Session=associated["Session"],
                                         UserCode=pyotp.TOTP(secret).now())
    assert verified["Status"] == "SUCCESS"
    done = _answer(idp, client, verified, "MFA_SETUP")
    assert done["AuthenticationResult"]["AccessToken"]

    user = idp.admin_get_user(UserPoolId=pool["Id"], Username="alice")
    assert user["UserMFASettingList"] == ["SOFTWARE_TOKEN_MFA"]
    assert user["PreferredMfaSetting"] == "SOFTWARE_TOKEN_MFA"

    step = _password_sign_in(idp, client)
    assert step["ChallengeName"] == "SOFTWARE_TOKEN_MFA"
    assert step["ChallengeParameters"] == {"USER_ID_FOR_SRP": "alice"}
    assert error_of(lambda: _answer(idp, client, step, "SOFTWARE_TOKEN_MFA",
                                    SOFTWARE_TOKEN_MFA_CODE=_wrong_totp(secret))) == INVALID
    tokens = _answer(idp, client, step, "SOFTWARE_TOKEN_MFA",
                     SOFTWARE_TOKEN_MFA_CODE=_later_code(secret))["AuthenticationResult"]
    assert idp.get_user(AccessToken=tokens["AccessToken"])["Username"] == "alice"
    # The session of a finished challenge is used up.
    assert error_of(lambda: _answer(idp, client, step, "SOFTWARE_TOKEN_MFA",
                                    SOFTWARE_TOKEN_MFA_CODE=_later_code(secret))) == (
        "NotAuthorizedException", "Invalid session for the user, session can only be used once.")


def test_srp_sign_in_meets_the_totp_challenge(idp, cognito_url, totp_pool):
    pool, client = totp_pool
    _user(idp, pool)
    first = _password_sign_in(idp, client)
    secret = idp.associate_software_token(Session=first["Session"])
    verified = idp.verify_software_token(Session=secret["Session"],
                                         UserCode=pyotp.TOTP(secret["SecretCode"]).now())
    _answer(idp, client, verified, "MFA_SETUP")

    srp = AWSSRP(username="alice", password=PASSWORD, pool_id=pool["Id"],
                 client_id=client["ClientId"], client=idp)
    start = idp.initiate_auth(ClientId=client["ClientId"], AuthFlow="USER_SRP_AUTH",
                              AuthParameters=srp.get_auth_params())
    proof = idp.respond_to_auth_challenge(
        ClientId=client["ClientId"], ChallengeName="PASSWORD_VERIFIER",
        ChallengeResponses=srp.process_challenge(start["ChallengeParameters"],
                                                 srp.get_auth_params()))
    assert proof["ChallengeName"] == "SOFTWARE_TOKEN_MFA"
    done = _answer(idp, client, proof, "SOFTWARE_TOKEN_MFA",
                   SOFTWARE_TOKEN_MFA_CODE=_later_code(secret["SecretCode"]))
    assert done["AuthenticationResult"]["IdToken"]


@pytest.fixture
def optional_totp(idp, make_pool):  # noqa: F811
    """A pool where authenticator MFA is optional, and alice signed in (no MFA yet): (pool,
    client, alice's access token)."""
    pool = make_pool()
    idp.set_user_pool_mfa_config(UserPoolId=pool["Id"], MfaConfiguration="OPTIONAL",
                                 SoftwareTokenMfaConfiguration={"Enabled": True})
    client = make_client(idp, pool, ExplicitAuthFlows=FLOWS)
    _user(idp, pool)
    return pool, client, _password_sign_in(idp, client)["AuthenticationResult"]["AccessToken"]


def test_signed_in_user_adds_an_authenticator_and_prefers_it(idp, optional_totp):
    pool, client, access = optional_totp
    assert error_of(idp.set_user_mfa_preference, AccessToken=access,
                    SoftwareTokenMfaSettings={"Enabled": True, "PreferredMfa": True}) == (
        "InvalidParameterException",
        "User does not have delivery config set to turn on SOFTWARE_TOKEN_MFA")
    secret = idp.associate_software_token(AccessToken=access)["SecretCode"]
    assert "Session" not in idp.verify_software_token(
        AccessToken=access, UserCode=pyotp.TOTP(secret).now(), FriendlyDeviceName="phone")
    idp.set_user_mfa_preference(AccessToken=access,
                                SoftwareTokenMfaSettings={"Enabled": True, "PreferredMfa": True})
    assert idp.get_user(AccessToken=access)["PreferredMfaSetting"] == "SOFTWARE_TOKEN_MFA"
    step = _password_sign_in(idp, client)
    assert step["ChallengeName"] == "SOFTWARE_TOKEN_MFA"
    # Turned off again, sign-in goes straight to tokens.
    idp.admin_set_user_mfa_preference(UserPoolId=pool["Id"], Username="alice",
                                      SoftwareTokenMfaSettings={"Enabled": False})
    assert "AuthenticationResult" in _password_sign_in(idp, client)
    assert "UserMFASettingList" not in idp.admin_get_user(UserPoolId=pool["Id"], Username="alice")


def test_sms_mfa_code_comes_to_the_inbox(idp, cognito_url, make_pool):  # noqa: F811
    pool = make_pool(SmsConfiguration=SMS_CONFIG)
    idp.set_user_pool_mfa_config(UserPoolId=pool["Id"], MfaConfiguration="ON",
                                 SmsMfaConfiguration={
                                     "SmsAuthenticationMessage": "Your code: {####}",
                                     "SmsConfiguration": SMS_CONFIG})
    client = make_client(idp, pool, ExplicitAuthFlows=FLOWS)
    _user(idp, pool, phone_number="+15555551234")
    step = idp.admin_initiate_auth(UserPoolId=pool["Id"], ClientId=client["ClientId"],
                                   AuthFlow="ADMIN_USER_PASSWORD_AUTH",
                                   AuthParameters={"USERNAME": "alice", "PASSWORD": PASSWORD})
    assert step["ChallengeName"] == "SMS_MFA"
    assert step["ChallengeParameters"] == {"CODE_DELIVERY_DELIVERY_MEDIUM": "SMS",
                                           "CODE_DELIVERY_DESTINATION": "+*******1234",
                                           "USER_ID_FOR_SRP": "alice"}
    message = inbox(cognito_url, pool, "alice")[-1]
    assert message["to"] == "+15555551234" and message["medium"] == "SMS"
    assert message["body"] == f"Your code: {message['code']}" and len(message["code"]) == 6

    def answer(code):
        return idp.admin_respond_to_auth_challenge(
            UserPoolId=pool["Id"], ClientId=client["ClientId"], ChallengeName="SMS_MFA",
            Session=step["Session"], ChallengeResponses={"USERNAME": "alice", "SMS_MFA_CODE": code})

    wrong = str((int(message["code"]) + 1) % 10**6).zfill(6)
    assert error_of(lambda: answer(wrong)) == INVALID
    assert answer(message["code"])["AuthenticationResult"]["AccessToken"]


def test_email_otp_is_eight_digits_by_email(idp, cognito_url, make_pool):  # noqa: F811
    pool = make_pool()
    idp.set_user_pool_mfa_config(UserPoolId=pool["Id"], MfaConfiguration="OPTIONAL",
                                 EmailMfaConfiguration={"Message": "Sign-in code {####}",
                                                        "Subject": "Your sign-in code"})
    client = make_client(idp, pool, ExplicitAuthFlows=FLOWS)
    _user(idp, pool)
    idp.admin_set_user_mfa_preference(UserPoolId=pool["Id"], Username="alice",
                                      EmailMfaSettings={"Enabled": True, "PreferredMfa": True})
    step = _password_sign_in(idp, client)
    assert step["ChallengeName"] == "EMAIL_OTP"
    assert step["ChallengeParameters"]["CODE_DELIVERY_DESTINATION"] == "a***@e***"
    message = inbox(cognito_url, pool, "alice")[-1]
    assert message["subject"] == "Your sign-in code" and len(message["code"]) == 8
    done = _answer(idp, client, step, "EMAIL_OTP", EMAIL_OTP_CODE=message["code"])
    assert "AuthenticationResult" in done


def test_several_methods_ask_the_user_to_choose(idp, cognito_url, make_pool):  # noqa: F811
    pool = make_pool(SmsConfiguration=SMS_CONFIG)
    idp.set_user_pool_mfa_config(UserPoolId=pool["Id"], MfaConfiguration="OPTIONAL",
                                 SmsMfaConfiguration={"SmsConfiguration": SMS_CONFIG},
                                 EmailMfaConfiguration={})
    client = make_client(idp, pool, ExplicitAuthFlows=FLOWS)
    _user(idp, pool, phone_number="+15555550000")
    idp.admin_set_user_mfa_preference(UserPoolId=pool["Id"], Username="alice",
                                      SMSMfaSettings={"Enabled": True},
                                      EmailMfaSettings={"Enabled": True})
    step = _password_sign_in(idp, client)
    assert step["ChallengeName"] == "SELECT_MFA_TYPE"
    assert json.loads(step["ChallengeParameters"]["MFAS_CAN_CHOOSE"]) == ["SMS_MFA", "EMAIL_OTP"]
    chosen = _answer(idp, client, step, "SELECT_MFA_TYPE", ANSWER="SMS_MFA")
    assert chosen["ChallengeName"] == "SMS_MFA"
    code = inbox(cognito_url, pool, "alice")[-1]["code"]
    assert "AuthenticationResult" in _answer(idp, client, chosen, "SMS_MFA", SMS_MFA_CODE=code)


def test_pool_mfa_config_round_trips_and_shows_in_describe(idp, make_pool):  # noqa: F811
    pool = make_pool()
    assert idp.get_user_pool_mfa_config(UserPoolId=pool["Id"])["MfaConfiguration"] == "OFF"
    set_ = idp.set_user_pool_mfa_config(UserPoolId=pool["Id"], MfaConfiguration="OPTIONAL",
                                        SoftwareTokenMfaConfiguration={"Enabled": True})
    got = idp.get_user_pool_mfa_config(UserPoolId=pool["Id"])
    for out in (set_, got):
        assert out["MfaConfiguration"] == "OPTIONAL"
        assert out["SoftwareTokenMfaConfiguration"] == {"Enabled": True}
    described = idp.describe_user_pool(UserPoolId=pool["Id"])["UserPool"]
    assert described["MfaConfiguration"] == "OPTIONAL"
    assert "SoftwareTokenMfaConfiguration" not in described


def test_legacy_mfa_options_are_kept(idp, make_pool):  # noqa: F811
    pool = make_pool()
    _user(idp, pool, phone_number="+15555550000")
    options = [{"DeliveryMedium": "SMS", "AttributeName": "phone_number"}]
    idp.admin_set_user_settings(UserPoolId=pool["Id"], Username="alice", MFAOptions=options)
    assert idp.admin_get_user(UserPoolId=pool["Id"], Username="alice")["MFAOptions"] == options
    idp.admin_set_user_settings(UserPoolId=pool["Id"], Username="alice", MFAOptions=[])
    assert "MFAOptions" not in idp.admin_get_user(UserPoolId=pool["Id"], Username="alice")


def test_admin_deletes_a_lost_authenticator(idp, totp_pool):
    pool, client = totp_pool
    _user(idp, pool)
    first = _password_sign_in(idp, client)
    associated = idp.associate_software_token(Session=first["Session"])
    verified = idp.verify_software_token(Session=associated["Session"],
                                         UserCode=pyotp.TOTP(associated["SecretCode"]).now())
    _answer(idp, client, verified, "MFA_SETUP")
    idp.admin_delete_software_token(UserPoolId=pool["Id"], Username="alice")
    assert "UserMFASettingList" not in idp.admin_get_user(UserPoolId=pool["Id"], Username="alice")
    # MFA is required, so the next sign-in sets up a new authenticator.
    assert _password_sign_in(idp, client)["ChallengeName"] == "MFA_SETUP"


NO_FACTOR = ("InvalidParameterException", ("Invalid MFA configuration given, can't disable all "
                                           "MFAs with a required or optional configuration."))
OFF_WITH_FACTOR = ("InvalidParameterException", ("Invalid MFA configuration given, can't turn "
                                                 "off MFA and configure an MFA together."))


def test_pool_mfa_config_is_replaced_whole_and_refused_as_aws_words_it(idp, make_pool):  # noqa: F811
    pool = make_pool()
    on = {"UserPoolId": pool["Id"], "MfaConfiguration": "ON"}
    assert error_of(idp.set_user_pool_mfa_config, **on) == NO_FACTOR
    assert error_of(idp.set_user_pool_mfa_config, **on,
                    SoftwareTokenMfaConfiguration={"Enabled": False}) == NO_FACTOR
    for factor in ({"SoftwareTokenMfaConfiguration": {"Enabled": True}},
                   {"SoftwareTokenMfaConfiguration": {"Enabled": False}},
                   {"EmailMfaConfiguration": {}},
                   {"SmsMfaConfiguration": {"SmsConfiguration": SMS_CONFIG}}):
        assert error_of(idp.set_user_pool_mfa_config, UserPoolId=pool["Id"],
                        MfaConfiguration="OFF", **factor) == OFF_WITH_FACTOR
        # Without MfaConfiguration the call means OFF.
        assert error_of(idp.set_user_pool_mfa_config, UserPoolId=pool["Id"],
                        **factor) == OFF_WITH_FACTOR
    assert idp.describe_user_pool(UserPoolId=pool["Id"])["UserPool"]["MfaConfiguration"] == "OFF"
    idp.set_user_pool_mfa_config(**on, SoftwareTokenMfaConfiguration={"Enabled": True})
    # Passkeys are no MFA factor: allowed beside OFF; and the bare call turns MFA off whole.
    off = idp.set_user_pool_mfa_config(UserPoolId=pool["Id"],
                                       WebAuthnConfiguration={"RelyingPartyId": "localhost"})
    assert off["MfaConfiguration"] == "OFF" and "SoftwareTokenMfaConfiguration" not in off
    assert idp.describe_user_pool(UserPoolId=pool["Id"])["UserPool"]["MfaConfiguration"] == "OFF"


def test_create_user_pool_turns_on_only_sms_mfa(idp):
    refused = error_of(idp.create_user_pool, PoolName="totp-at-create", MfaConfiguration="ON")
    assert refused == ("InvalidParameterException", ("SMS configuration and Auto verification "
                                                     "for phone_number are required when MFA "
                                                     "is required/optional"))
    pool = idp.create_user_pool(PoolName="sms-at-create", MfaConfiguration="OPTIONAL",
                                SmsConfiguration=SMS_CONFIG)["UserPool"]
    try:
        config = idp.get_user_pool_mfa_config(UserPoolId=pool["Id"])
        assert config["MfaConfiguration"] == "OPTIONAL"
        assert config["SmsMfaConfiguration"]["SmsConfiguration"] == SMS_CONFIG
    finally:
        idp.delete_user_pool(UserPoolId=pool["Id"])


def test_a_user_turns_on_only_a_method_they_have(idp, make_pool):  # noqa: F811
    pool = make_pool()
    _user(idp, pool)   # an email, no phone, no authenticator
    who = {"UserPoolId": pool["Id"], "Username": "alice"}
    assert error_of(idp.admin_set_user_mfa_preference, **who,
                    SMSMfaSettings={"Enabled": True, "PreferredMfa": True}) == (
        "InvalidParameterException", "User does not have a phone_number set to turn on SMS MFA")
    assert error_of(idp.admin_set_user_mfa_preference, **who,
                    SoftwareTokenMfaSettings={"Enabled": True, "PreferredMfa": True}) == (
        "InvalidParameterException",
        "User does not have delivery config set to turn on SOFTWARE_TOKEN_MFA")
    tokens = _password_sign_in(idp, make_client(idp, pool, ExplicitAuthFlows=FLOWS))
    idp.associate_software_token(AccessToken=tokens["AuthenticationResult"]["AccessToken"])
    assert error_of(idp.admin_set_user_mfa_preference, **who,
                    SoftwareTokenMfaSettings={"Enabled": True}) == (
        "InvalidParameterException", "User has not verified software token mfa")
    # Turning off what is not on is no error (Amplify sends every method's setting).
    idp.admin_set_user_mfa_preference(**who, SMSMfaSettings={"Enabled": False,
                                                              "PreferredMfa": False})
    user = idp.admin_get_user(**who)
    assert "UserMFASettingList" not in user and "PreferredMfaSetting" not in user


def test_a_new_authenticator_not_yet_verified_puts_the_old_one_out_of_use(idp, optional_totp):
    _, client, access = optional_totp
    old = idp.associate_software_token(AccessToken=access)["SecretCode"]
    idp.verify_software_token(AccessToken=access, UserCode=pyotp.TOTP(old).now())
    idp.set_user_mfa_preference(AccessToken=access,
                                SoftwareTokenMfaSettings={"Enabled": True, "PreferredMfa": True})
    assert _password_sign_in(idp, client)["ChallengeName"] == "SOFTWARE_TOKEN_MFA"
    # A new phone: until its code is verified, the pool (MFA optional) asks for none.
    new = idp.associate_software_token(AccessToken=access)["SecretCode"]
    assert "AuthenticationResult" in _password_sign_in(idp, client)
    assert idp.get_user(AccessToken=access)["UserMFASettingList"] == ["SOFTWARE_TOKEN_MFA"]
    idp.verify_software_token(AccessToken=access, UserCode=pyotp.TOTP(new).now())
    step = _password_sign_in(idp, client)
    assert step["ChallengeName"] == "SOFTWARE_TOKEN_MFA"
    # The old authenticator's codes no longer count.
    assert error_of(lambda: _answer(idp, client, step, "SOFTWARE_TOKEN_MFA",
                                    SOFTWARE_TOKEN_MFA_CODE=pyotp.TOTP(old).now()))[0] == \
        "CodeMismatchException"
    step = _password_sign_in(idp, client)
    assert "AuthenticationResult" in _answer(idp, client, step, "SOFTWARE_TOKEN_MFA",
                                             SOFTWARE_TOKEN_MFA_CODE=_later_code(new))
