"""Device tracking: a remembered device skipping SMS MFA with amazon-cognito-identity-js
(its own device flow: ConfirmDevice, setDeviceStatusRemembered, DEVICE_SRP_AUTH), and the
device operations with boto3."""

import jwt
import pytest

from signin_helpers import node_clients, run_node  # noqa: F401 (a fixture)
from user_helpers import PASSWORD, error_of, inbox, make_client, make_pool  # noqa: F401

SMS_CONFIG = {"SnsCallerArn": "arn:aws:iam::123456789012:role/sns", "ExternalId": "x"}
FLOWS = ["ALLOW_USER_SRP_AUTH", "ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]


def _user(idp, pool, username="dana"):
    idp.admin_create_user(UserPoolId=pool["Id"], Username=username, MessageAction="SUPPRESS",
                          UserAttributes=[{"Name": "phone_number", "Value": "+15555550101"}])
    idp.admin_set_user_password(UserPoolId=pool["Id"], Username=username, Password=PASSWORD,
                                Permanent=True)


@pytest.fixture
def device_pool(idp, make_pool):  # noqa: F811
    pool = make_pool(SmsConfiguration=SMS_CONFIG, MfaConfiguration="ON",
                     DeviceConfiguration={"ChallengeRequiredOnNewDevice": True,
                                          "DeviceOnlyRememberedOnUserPrompt": True})
    return pool, make_client(idp, pool, ExplicitAuthFlows=FLOWS)


def test_a_remembered_device_skips_mfa_with_amazon_cognito_identity_js(
        idp, cognito_url, node_clients, device_pool):  # noqa: F811
    pool, client = device_pool
    _user(idp, pool)
    out = run_node("device_sign_in.js", cognito_url, pool["Id"], client["ClientId"], "dana",
                   PASSWORD)
    assert out["ok"], out
    assert out["firstMfa"] is True and out["secondMfa"] is False
    assert out["secondDeviceKey"] == out["deviceKey"]
    claims = jwt.decode(out["accessToken"], options={"verify_signature": False})
    assert claims["device_key"] == out["deviceKey"]
    sms = [m for m in inbox(cognito_url, pool, "dana") if m["kind"] == "Authentication"]
    assert len(sms) == 1  # only the first sign-in was asked for a code

    device = idp.admin_get_device(UserPoolId=pool["Id"], Username="dana",
                                  DeviceKey=out["deviceKey"])["Device"]
    attributes = {a["Name"]: a["Value"] for a in device["DeviceAttributes"]}
    assert attributes["dev:device_remembered_status"] == "remembered"
    assert attributes["device_status"] == "valid"


def test_device_operations(idp, cognito_url, device_pool):
    pool, client = device_pool
    _user(idp, pool)
    step = idp.initiate_auth(ClientId=client["ClientId"], AuthFlow="USER_PASSWORD_AUTH",
                             AuthParameters={"USERNAME": "dana", "PASSWORD": PASSWORD})
    assert step["ChallengeName"] == "SMS_MFA"
    code = inbox(cognito_url, pool, "dana")[-1]["code"]
    result = idp.respond_to_auth_challenge(
        ClientId=client["ClientId"], ChallengeName="SMS_MFA", Session=step["Session"],
        ChallengeResponses={"USERNAME": "dana", "SMS_MFA_CODE": code})["AuthenticationResult"]
    metadata = result["NewDeviceMetadata"]
    assert metadata["DeviceKey"].startswith(pool["Id"].split("_")[0] + "_")
    assert metadata["DeviceGroupKey"].startswith("-")
    access = result["AccessToken"]
    assert jwt.decode(access, options={"verify_signature": False})["device_key"] == \
        metadata["DeviceKey"]
    key = metadata["DeviceKey"]
    assert error_of(idp.confirm_device, AccessToken=access, DeviceKey=key,
                    DeviceSecretVerifierConfig={"PasswordVerifier": "!!", "Salt": "AA=="})[0] == \
        "InvalidParameterException"
    confirmed = idp.confirm_device(AccessToken=access, DeviceKey=key, DeviceName="laptop",
                                   DeviceSecretVerifierConfig={"PasswordVerifier": "AQID",
                                                               "Salt": "BAUG"})
    assert confirmed["UserConfirmationNecessary"] is True  # remembered only on the user's prompt

    listed = idp.list_devices(AccessToken=access)["Devices"]
    assert [d["DeviceKey"] for d in listed] == [key]
    attributes = {a["Name"]: a["Value"] for a in listed[0]["DeviceAttributes"]}
    assert attributes["device_name"] == "laptop"
    assert attributes["dev:device_remembered_status"] == "not_remembered"
    idp.update_device_status(AccessToken=access, DeviceKey=key,
                             DeviceRememberedStatus="remembered")
    got = idp.get_device(AccessToken=access, DeviceKey=key)["Device"]
    assert {"Name": "dev:device_remembered_status", "Value": "remembered"} in \
        got["DeviceAttributes"]
    idp.admin_update_device_status(UserPoolId=pool["Id"], Username="dana", DeviceKey=key,
                                   DeviceRememberedStatus="not_remembered")
    assert len(idp.admin_list_devices(UserPoolId=pool["Id"], Username="dana")["Devices"]) == 1

    idp.forget_device(AccessToken=access, DeviceKey=key)
    assert error_of(idp.get_device, AccessToken=access, DeviceKey=key) == (
        "ResourceNotFoundException", "Device does not exist.")
    assert error_of(idp.admin_forget_device, UserPoolId=pool["Id"], Username="dana",
                    DeviceKey=key) == ("ResourceNotFoundException", "Device does not exist.")
    assert idp.admin_list_devices(UserPoolId=pool["Id"], Username="dana")["Devices"] == []


def test_no_device_metadata_without_device_tracking(idp, make_pool):  # noqa: F811
    pool = make_pool()
    client = make_client(idp, pool, ExplicitAuthFlows=FLOWS)
    _user(idp, pool)
    result = idp.initiate_auth(ClientId=client["ClientId"], AuthFlow="USER_PASSWORD_AUTH",
                               AuthParameters={"USERNAME": "dana", "PASSWORD": PASSWORD})
    assert "NewDeviceMetadata" not in result["AuthenticationResult"]
    claims = jwt.decode(result["AuthenticationResult"]["AccessToken"],
                        options={"verify_signature": False})
    assert "device_key" not in claims
