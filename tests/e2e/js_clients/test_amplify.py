"""Amplify v6 (`aws-amplify/auth`) against the local service, configured as an app would be
(`Auth.Cognito.userPoolEndpoint`): sign-up to sign-out, the password flows, password reset,
the new-password challenge, auto sign-in, devices, TOTP and identity pool credentials. In
Node, Amplify keeps its tokens in memory, so each scenario is one script of
tests/node/amplify_*.js, run in one process."""

import re

import boto3
import pytest

from node_scripts import js_clients, run_ok  # noqa: F401 (a fixture)
from user_helpers import attrs, make_client, make_pool  # noqa: F401 (a fixture)

PASSWORD = "Corr3ct-Horse!"
NEW_PASSWORD = "N3w-Horse-Battery!"
UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
FLOWS = ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]
DONE = {"isSignedIn": True, "nextStep": {"signInStep": "DONE"}}


def app_for(idp, make_pool, **settings):  # noqa: F811
    """A pool that emails codes, with Amplify's kind of client (public, SRP and password)."""
    pool = make_pool(AutoVerifiedAttributes=["email"], **settings)
    return pool, make_client(idp, pool, ExplicitAuthFlows=FLOWS)


@pytest.fixture
def app(idp, make_pool):  # noqa: F811
    return app_for(idp, make_pool)


def add_user(idp, pool, username, email):
    idp.admin_create_user(UserPoolId=pool["Id"], Username=username, MessageAction="SUPPRESS",
                          UserAttributes=attrs(email=email, email_verified="true"))
    idp.admin_set_user_password(UserPoolId=pool["Id"], Username=username, Password=PASSWORD,
                                Permanent=True)


POOL_VARIANTS = {
    "chosen usernames": {},
    "emails as usernames": {"UsernameAttributes": ["email"]},
    "email kept until verified": {"UserAttributeUpdateSettings": {
        "AttributesRequireVerificationBeforeUpdate": ["email"]}},
}


@pytest.mark.parametrize("variant", POOL_VARIANTS)
def test_sign_up_to_global_sign_out(idp, cognito_url, make_pool, variant, js_clients):  # noqa: F811
    pool, client = app_for(idp, make_pool, **POOL_VARIANTS[variant])
    by_email = variant == "emails as usernames"
    login = "ada@example.com" if by_email else "ada"
    out = run_ok("amplify_lifecycle.js", cognito_url, pool["Id"], client["ClientId"], login,
                 PASSWORD, "ada@example.com", "ada.l@example.com")

    assert out["signUp"]["nextStep"] == {
        "signUpStep": "CONFIRM_SIGN_UP",
        "codeDeliveryDetails": {"destination": "a***@e***", "deliveryMedium": "EMAIL",
                                "attributeName": "email"}}
    sub = out["signUp"]["userId"]
    assert UUID.match(sub)
    assert out["confirmSignUp"] == {"isSignUpComplete": True, "nextStep": {"signUpStep": "DONE"}}
    assert out["signIn"] == DONE

    # A pool whose usernames are emails gives each user a generated username: its sub.
    username = sub if by_email else "ada"
    assert out["currentUser"] == {"username": username, "userId": sub, "signInDetails": {
        "loginId": login, "authFlowType": "USER_SRP_AUTH"}}
    id_token, access = out["idTokenPayload"], out["accessTokenPayload"]
    assert id_token["sub"] == sub and id_token["cognito:username"] == username
    assert id_token["email"] == "ada@example.com" and id_token["email_verified"] is True
    assert id_token["aud"] == client["ClientId"] and id_token["token_use"] == "id"
    assert access["username"] == username and access["client_id"] == client["ClientId"]
    assert access["scope"] == "aws.cognito.signin.user.admin"

    # fetchAuthSession({forceRefresh: true}) gets new tokens of the same sign-in.
    refreshed = out["refreshedAccessTokenPayload"]
    assert refreshed["jti"] != access["jti"] and refreshed["origin_jti"] == access["origin_jti"]
    assert out["refreshedIdTokenPayload"]["sub"] == sub
    assert out["refreshedUser"] == {"ok": True, "username": username}

    assert out["attributes"] == {"sub": sub, "email": "ada@example.com", "email_verified": "true"}
    assert out["updated"]["name"] == {"isUpdated": True,
                                      "nextStep": {"updateAttributeStep": "DONE"}}
    assert out["updated"]["email"]["isUpdated"] is False
    assert out["updated"]["email"]["nextStep"]["updateAttributeStep"] == \
        "CONFIRM_ATTRIBUTE_WITH_CODE"
    assert out["afterUpdate"]["name"] == "Ada Lovelace"
    if variant == "email kept until verified":
        assert out["afterUpdate"]["email"] == "ada@example.com"
        assert out["afterUpdate"]["email_verified"] == "true"
    else:
        assert out["afterUpdate"]["email"] == "ada.l@example.com"
        assert out["afterUpdate"]["email_verified"] == "false"
    assert out["emailConfirmed"]["email"] == "ada.l@example.com"
    assert out["emailConfirmed"]["email_verified"] == "true"

    # signOut({global: true}) revokes the tokens everywhere, not only in this app.
    assert out["beforeSignOut"] == {"ok": True, "username": username}
    assert out["afterSignOut"] == {"ok": False, "error": {
        "name": "NotAuthorizedException", "message": "Access Token has been revoked"}}
    assert out["tokensAfterSignOut"] is None
    assert out["currentAfterSignOut"]["error"]["name"] == "UserUnAuthenticatedException"


def test_password_flow_wrong_password_and_unknown_user(idp, cognito_url, app,
                                                       js_clients):  # noqa: F811
    pool, client = app
    add_user(idp, pool, "bo", "bo@example.com")
    out = run_ok("amplify_password_sign_in.js", cognito_url, pool["Id"], client["ClientId"],
                 "bo", PASSWORD)

    assert out["signIn"] == DONE
    assert out["flow"] == "USER_PASSWORD_AUTH" and out["username"] == "bo"
    wrong = {"name": "NotAuthorizedException", "message": "Incorrect username or password."}
    assert out["wrongSrp"] == {"ok": False, "error": wrong}
    assert out["wrongPassword"] == {"ok": False, "error": wrong}
    assert out["unknown"] == {"ok": False, "error": {
        "name": "UserNotFoundException", "message": "User does not exist."}}


def test_reset_password_then_sign_in_with_the_new_one(idp, cognito_url, app,
                                                      js_clients):  # noqa: F811
    pool, client = app
    add_user(idp, pool, "cy", "cy@example.com")
    out = run_ok("amplify_reset_password.js", cognito_url, pool["Id"], client["ClientId"], "cy",
                 "cy@example.com", PASSWORD, NEW_PASSWORD)

    assert out["reset"] == {"isPasswordReset": False, "nextStep": {
        "resetPasswordStep": "CONFIRM_RESET_PASSWORD_WITH_CODE",
        "codeDeliveryDetails": {"deliveryMedium": "EMAIL", "destination": "c***@e***",
                                "attributeName": "email"}}}
    assert out["wrongCode"]["error"] == {
        "name": "CodeMismatchException",
        "message": "Invalid verification code provided, please try again."}
    assert out["oldPassword"]["error"]["name"] == "NotAuthorizedException"
    assert out["signIn"] == DONE


def test_admin_created_user_sets_a_new_password_at_first_sign_in(idp, cognito_url, app,
                                                                  js_clients):  # noqa: F811
    pool, client = app
    idp.admin_create_user(UserPoolId=pool["Id"], Username="di", TemporaryPassword="Temp-pass1!",
                          MessageAction="SUPPRESS")
    out = run_ok("amplify_new_password.js", cognito_url, pool["Id"], client["ClientId"], "di",
                 "Temp-pass1!", NEW_PASSWORD)

    assert out["first"] == {"isSignedIn": False, "nextStep": {
        "signInStep": "CONFIRM_SIGN_IN_WITH_NEW_PASSWORD_REQUIRED", "missingAttributes": []}}
    assert out["confirmed"] == DONE and out["username"] == "di"
    assert idp.admin_get_user(UserPoolId=pool["Id"], Username="di")["UserStatus"] == "CONFIRMED"


def test_auto_sign_in_after_confirm_sign_up_then_delete_user(idp, cognito_url, app,
                                                             js_clients):  # noqa: F811
    pool, client = app
    out = run_ok("amplify_auto_sign_in.js", cognito_url, pool["Id"], client["ClientId"], "eli",
                 PASSWORD, "eli@example.com")

    assert out["confirmSignUp"] == {"isSignUpComplete": True,
                                    "nextStep": {"signUpStep": "COMPLETE_AUTO_SIGN_IN"}}
    assert out["autoSignIn"] == DONE and out["username"] == "eli"
    assert out["currentAfterDelete"]["error"]["name"] == "UserUnAuthenticatedException"
    assert out["afterDelete"]["error"] == {"name": "UserNotFoundException",
                                           "message": "User does not exist."}
    with pytest.raises(idp.exceptions.UserNotFoundException):
        idp.admin_get_user(UserPoolId=pool["Id"], Username="eli")


def test_sign_in_steps_for_unconfirmed_and_reset_users(idp, cognito_url, app,
                                                       js_clients):  # noqa: F811
    pool, client = app
    idp.sign_up(ClientId=client["ClientId"], Username="fay", Password=PASSWORD,
                UserAttributes=attrs(email="fay@example.com"))
    add_user(idp, pool, "gus", "gus@example.com")
    idp.admin_reset_user_password(UserPoolId=pool["Id"], Username="gus")
    out = run_ok("amplify_sign_in_steps.js", cognito_url, pool["Id"], client["ClientId"],
                 PASSWORD, "fay", "gus")

    assert out["unconfirmed"]["value"] == {"isSignedIn": False,
                                           "nextStep": {"signInStep": "CONFIRM_SIGN_UP"}}
    assert out["reset"]["value"] == {"isSignedIn": False,
                                     "nextStep": {"signInStep": "RESET_PASSWORD"}}


def test_remembered_device_signs_in_by_device_srp(idp, cognito_url, make_pool,
                                                  js_clients):  # noqa: F811
    pool, client = app_for(idp, make_pool, DeviceConfiguration={
        "ChallengeRequiredOnNewDevice": True, "DeviceOnlyRememberedOnUserPrompt": True})
    add_user(idp, pool, "hal", "hal@example.com")
    out = run_ok("amplify_devices.js", cognito_url, pool["Id"], client["ClientId"], "hal",
                 PASSWORD)

    key = out["firstKey"]
    assert key.startswith("us-east-1_")
    [device] = out["devices"]
    assert device["id"] == key
    assert device["attributes"]["dev:device_remembered_status"] == "remembered"
    assert device["name"] == "Mozilla/5.0 (cfn-cognito tests)"
    assert out["refreshedKey"] == key
    # The second sign-in proved the device (DEVICE_SRP_AUTH) instead of getting a new one.
    assert out["second"] == DONE and out["secondKey"] == key
    assert out["afterForget"] == []


def test_totp_mfa_set_up_and_sign_in(idp, cognito_url, make_pool, js_clients):  # noqa: F811
    pool, client = app_for(idp, make_pool)
    idp.set_user_pool_mfa_config(UserPoolId=pool["Id"], MfaConfiguration="OPTIONAL",
                                 SoftwareTokenMfaConfiguration={"Enabled": True})
    add_user(idp, pool, "ivy", "ivy@example.com")
    out = run_ok("amplify_totp.js", cognito_url, pool["Id"], client["ClientId"], "ivy", PASSWORD)

    assert out["setupUri"].startswith("otpauth://totp/cfn-cognito:")
    assert out["preference"] == {"preferred": "TOTP", "enabled": ["TOTP"]}
    assert out["challenge"] == {"isSignedIn": False,
                                "nextStep": {"signInStep": "CONFIRM_SIGN_IN_WITH_TOTP_CODE"}}
    assert out["wrongCode"]["error"] == {"name": "CodeMismatchException",
                                         "message": "Invalid code or auth state for the user."}
    assert out["confirmed"] == DONE and out["username"] == "ivy"
    assert idp.admin_get_user(UserPoolId=pool["Id"], Username="ivy")[
        "PreferredMfaSetting"] == "SOFTWARE_TOKEN_MFA"


def test_identity_pool_credentials_for_guest_then_signed_in_user(
        idp, cognito_url, app, js_clients):  # noqa: F811
    identity = boto3.client("cognito-identity", endpoint_url=cognito_url, region_name="us-east-1")
    pool, client = app
    add_user(idp, pool, "jo", "jo@example.com")
    identity_pool = identity.create_identity_pool(
        IdentityPoolName="amplify", AllowUnauthenticatedIdentities=True,
        CognitoIdentityProviders=[{
            "ProviderName": f"cognito-idp.us-east-1.amazonaws.com/{pool['Id']}",
            "ClientId": client["ClientId"]}])["IdentityPoolId"]
    try:
        identity.set_identity_pool_roles(IdentityPoolId=identity_pool, Roles={
            "authenticated": "arn:aws:iam::000000000000:role/amplify-auth",
            "unauthenticated": "arn:aws:iam::000000000000:role/amplify-guest"})
        out = run_ok("amplify_identity_pool.js", cognito_url, pool["Id"], client["ClientId"],
                     identity_pool, "jo", PASSWORD)
        guest, signed_in = out["guest"], out["signedIn"]
        assert guest["identityId"].startswith("us-east-1:") and not guest["signedIn"]
        assert guest["accessKeyId"].startswith("ASIA") and guest["hasSecret"]
        assert signed_in["signedIn"] and signed_in["hasSecret"]
        assert signed_in["accessKeyId"] != guest["accessKeyId"]
        assert 3000 < signed_in["expiresInSeconds"] <= 3600
        # Signing in on the guest's identity links the login to it, as AWS does.
        assert signed_in["identityId"] == guest["identityId"]
        described = identity.describe_identity(IdentityId=signed_in["identityId"])
        assert described["Logins"] == [f"cognito-idp.us-east-1.amazonaws.com/{pool['Id']}"]
    finally:
        identity.delete_identity_pool(IdentityPoolId=identity_pool)
