"""Passkeys in a real browser: headless Chromium with a CDP virtual authenticator registers a
passkey (StartWebAuthnRegistration / CompleteWebAuthnRegistration) and signs in with it
through USER_AUTH's WEB_AUTHN challenge; a replayed assertion, a wrong origin, a wrong RP ID
and a cloned authenticator (its counter going back) are refused with AWS's errors.

The page making the WebAuthn calls is served by Playwright (page.route) at the origin under
test, as an app's own page would be; boto3 carries the options and answers to the service.
"""

import base64
import json

from passkey_helpers import Device, chromium, passkey_pool  # noqa: F401 (fixtures)
from signin_helpers import PASSWORD, error_of, make_user


def password_tokens(idp, client):
    return idp.initiate_auth(ClientId=client["ClientId"], AuthFlow="USER_PASSWORD_AUTH",
                             AuthParameters={"USERNAME": "alice", "PASSWORD": PASSWORD}
                             )["AuthenticationResult"]


def register(idp, client, device, rp_id=None):
    access = password_tokens(idp, client)["AccessToken"]
    options = idp.start_web_authn_registration(AccessToken=access)["CredentialCreationOptions"]
    credential = device.create(options, rp_id)
    return access, credential


def passkey_challenge(idp, client):
    started = idp.initiate_auth(ClientId=client["ClientId"], AuthFlow="USER_AUTH",
                                AuthParameters={"USERNAME": "alice",
                                                "PREFERRED_CHALLENGE": "WEB_AUTHN"})
    assert started["ChallengeName"] == "WEB_AUTHN"
    options = json.loads(started["ChallengeParameters"]["CREDENTIAL_REQUEST_OPTIONS"])
    return started["Session"], options


def answer(idp, client, session, assertion):
    return idp.respond_to_auth_challenge(
        ClientId=client["ClientId"], ChallengeName="WEB_AUTHN", Session=session,
        ChallengeResponses={"USERNAME": "alice", "CREDENTIAL": json.dumps(assertion)})


def test_register_a_passkey_then_sign_in_with_it(chromium, idp, passkey_pool):  # noqa: F811
    pool, client = passkey_pool
    device = Device(chromium, "http://localhost:8123")
    try:
        access, credential = register(idp, client, device)
        assert credential["response"]["clientDataJSON"]
        idp.complete_web_authn_registration(AccessToken=access, Credential=credential)
        assert "WEB_AUTHN" in idp.get_user_auth_factors(
            AccessToken=access)["ConfiguredUserAuthFactors"]
        listed = idp.list_web_authn_credentials(AccessToken=access)["Credentials"]
        assert len(listed) == 1
        assert listed[0]["CredentialId"] == credential["id"]
        assert listed[0]["RelyingPartyId"] == "localhost"
        assert listed[0]["AuthenticatorAttachment"] == "platform"
        # The registration's challenge was single use.
        assert error_of(lambda: idp.complete_web_authn_registration(
            AccessToken=access, Credential=credential))[0] == "WebAuthnChallengeNotFoundException"

        # Offered among the first factors, and signing in with it.
        choices = idp.initiate_auth(ClientId=client["ClientId"], AuthFlow="USER_AUTH",
                                    AuthParameters={"USERNAME": "alice"})
        assert "WEB_AUTHN" in choices["AvailableChallenges"]
        session, options = passkey_challenge(idp, client)
        assert options["rpId"] == "localhost" and options["userVerification"] == "required"
        assert [c["id"] for c in options["allowCredentials"]] == [credential["id"]]
        assertion = device.get(options)
        result = answer(idp, client, session, assertion)["AuthenticationResult"]
        assert idp.get_user(AccessToken=result["AccessToken"])["Username"] == "alice"

        # Replayed: with its own session (used), and against a fresh challenge.
        assert error_of(lambda: answer(idp, client, session, assertion)) == (
            "NotAuthorizedException",
            "Invalid session for the user, session can only be used once.")
        fresh_session, _ = passkey_challenge(idp, client)
        assert error_of(lambda: answer(idp, client, fresh_session, assertion))[0] == \
            "WebAuthnChallengeNotFoundException"

        # A cloned authenticator: the same key with the counter from before the last sign-in.
        (stored,) = device.credentials()
        assert stored["signCount"] >= 1
        device.set_counter(stored, 0)
        session, options = passkey_challenge(idp, client)
        assert error_of(lambda: answer(idp, client, session, device.get(options))) == (
            "NotAuthorizedException", "Incorrect username or password.")

        # Deleted, it is no longer offered.
        idp.delete_web_authn_credential(AccessToken=access, CredentialId=credential["id"])
        assert idp.list_web_authn_credentials(AccessToken=access)["Credentials"] == []
        assert error_of(lambda: idp.delete_web_authn_credential(
            AccessToken=access, CredentialId=credential["id"]))[0] == "ResourceNotFoundException"
    finally:
        device.close()


def test_an_assertion_from_another_origin_is_refused(chromium, idp, passkey_pool):  # noqa: F811
    pool, client = passkey_pool
    device = Device(chromium, "http://localhost:8123")
    try:
        access, credential = register(idp, client, device)
        idp.complete_web_authn_registration(AccessToken=access, Credential=credential)
        session, options = passkey_challenge(idp, client)
        assertion = device.get(options)
        # What a phishing page relaying the user's assertion would present: clientDataJSON
        # naming the page it came from (browsers only sign for their own origin).
        client_data = json.loads(_b64url_decode(assertion["response"]["clientDataJSON"]))
        client_data["origin"] = "https://evil.example"
        assertion["response"]["clientDataJSON"] = _b64url(json.dumps(client_data).encode())
        assert error_of(lambda: answer(idp, client, session, assertion))[0] == \
            "WebAuthnOriginNotAllowedException"
    finally:
        device.close()


def test_a_passkey_for_another_rp_id_is_refused(chromium, idp, passkey_pool):  # noqa: F811
    pool, client = passkey_pool
    idp.set_user_pool_mfa_config(UserPoolId=pool["Id"], MfaConfiguration="OFF",
                                 WebAuthnConfiguration={"RelyingPartyId": "shop.app.localhost",
                                                        "UserVerification": "required"})
    # A page on shop.app.localhost may make a passkey for its parent app.localhost too: a
    # passkey of another relying party than this pool.
    device = Device(chromium, "http://shop.app.localhost:8123")
    try:
        access, credential = register(idp, client, device, rp_id="app.localhost")
        assert error_of(lambda: idp.complete_web_authn_registration(
            AccessToken=access, Credential=credential))[0] == \
            "WebAuthnRelyingPartyMismatchException"
        assert idp.list_web_authn_credentials(AccessToken=access)["Credentials"] == []
        # Made for the right RP ID, it registers.
        access, credential = register(idp, client, device)
        idp.complete_web_authn_registration(AccessToken=access, Credential=credential)
        session, options = passkey_challenge(idp, client)
        assert options["rpId"] == "shop.app.localhost"
        assert "AuthenticationResult" in answer(idp, client, session, device.get(options))
    finally:
        device.close()


def test_passkeys_need_the_pool_to_allow_them(idp, pool):
    client = idp.create_user_pool_client(
        UserPoolId=pool["Id"], ClientName="web",
        ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH"])["UserPoolClient"]
    make_user(idp, pool)
    access = password_tokens(idp, client)["AccessToken"]
    assert error_of(lambda: idp.start_web_authn_registration(AccessToken=access))[0] == \
        "WebAuthnNotEnabledException"


def _b64url(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def _b64url_decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
