"""Malformed passkey answers, as a buggy or hostile client sends them: each gets a clean 400
of an AWS error type (never a 500), and none registers a passkey or signs anyone in."""

import base64
import json

import pytest

from passkey_helpers import passkey_pool  # noqa: F401 (a fixture)
from signin_helpers import PASSWORD, error_of


def _b64(data) -> str:
    raw = data if isinstance(data, bytes) else json.dumps(data).encode()
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


CLIENT_DATA = {"type": "webauthn.create", "challenge": "AAAA", "origin": "http://localhost"}
JUNK = [
    {},
    {"id": "AAAA"},
    {"id": "AAAA", "rawId": "AAAA", "type": "public-key", "response": {}},
    {"id": "AAAA", "rawId": "AAAA", "type": "public-key",
     "response": {"clientDataJSON": "%%%", "attestationObject": "AAAA"}},
    {"id": "AAAA", "rawId": "AAAA", "type": "public-key",
     "response": {"clientDataJSON": _b64(CLIENT_DATA), "attestationObject": "AAAA"}},
    {"id": "AAAA", "rawId": "AAAA", "type": "public-key",
     "response": {"clientDataJSON": _b64(b"not json"), "attestationObject": _b64(b"\xa0")}},
    ["a", "list"],
    "a string",
    7,
]
ERRORS = {"InvalidParameterException", "WebAuthnChallengeNotFoundException",
          "WebAuthnOriginNotAllowedException", "WebAuthnCredentialNotSupportedException",
          "WebAuthnClientMismatchException", "WebAuthnRelyingPartyMismatchException",
          "NotAuthorizedException",
          "SerializationException"}  # the protocol: a Credential document that is no object


@pytest.fixture
def access(idp, passkey_pool):  # noqa: F811
    pool, client = passkey_pool
    return idp.initiate_auth(ClientId=client["ClientId"], AuthFlow="USER_PASSWORD_AUTH",
                             AuthParameters={"USERNAME": "alice", "PASSWORD": PASSWORD}
                             )["AuthenticationResult"]["AccessToken"]


@pytest.mark.parametrize("credential", JUNK)
def test_a_malformed_registration_is_refused(idp, access, credential):
    idp.start_web_authn_registration(AccessToken=access)
    code, _ = error_of(lambda: idp.complete_web_authn_registration(AccessToken=access,
                                                                   Credential=credential))
    assert code in ERRORS
    assert idp.list_web_authn_credentials(AccessToken=access)["Credentials"] == []


@pytest.mark.parametrize("credential", JUNK + ["{not json"])
def test_a_malformed_assertion_is_refused(idp, passkey_pool, credential):  # noqa: F811
    pool, client = passkey_pool
    # A name nobody has still gets a WEB_AUTHN challenge where existence errors are hidden;
    # alice has no passkey, so she is not offered one.
    step = idp.initiate_auth(ClientId=client["ClientId"], AuthFlow="USER_AUTH",
                             AuthParameters={"USERNAME": "alice",
                                             "PREFERRED_CHALLENGE": "WEB_AUTHN"})
    assert step["ChallengeName"] == "SELECT_CHALLENGE"
    assert "WEB_AUTHN" not in step["AvailableChallenges"]
    code, _ = error_of(lambda: idp.respond_to_auth_challenge(
        ClientId=client["ClientId"], ChallengeName="WEB_AUTHN", Session=step["Session"],
        ChallengeResponses={"USERNAME": "alice", "CREDENTIAL": json.dumps(credential)
                            if not isinstance(credential, str) else credential}))
    assert code in ERRORS


def test_a_name_nobody_has_gets_a_believable_challenge_that_fails(idp, passkey_pool):  # noqa: F811
    pool, _ = passkey_pool
    client = idp.create_user_pool_client(
        UserPoolId=pool["Id"], ClientName="hiding", PreventUserExistenceErrors="ENABLED",
        ExplicitAuthFlows=["ALLOW_USER_AUTH"])["UserPoolClient"]
    step = idp.initiate_auth(ClientId=client["ClientId"], AuthFlow="USER_AUTH",
                             AuthParameters={"USERNAME": "nobody",
                                             "PREFERRED_CHALLENGE": "WEB_AUTHN"})
    assert step["ChallengeName"] == "WEB_AUTHN"
    options = json.loads(step["ChallengeParameters"]["CREDENTIAL_REQUEST_OPTIONS"])
    assert options["rpId"] == "localhost" and options["allowCredentials"] == []
    assert error_of(lambda: idp.respond_to_auth_challenge(
        ClientId=client["ClientId"], ChallengeName="WEB_AUTHN", Session=step["Session"],
        ChallengeResponses={"USERNAME": "nobody", "CREDENTIAL": json.dumps(JUNK[2])})) == (
        "NotAuthorizedException", "Incorrect username or password.")
