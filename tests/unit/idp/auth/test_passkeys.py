"""The pool as a WebAuthn relying party, and what py_webauthn's refusals become: the RP ID
(configured, or the service's host for a pool with a domain), which origins may use it,
and AWS's error for each kind of bad answer."""

import base64
import json

import pytest

from cfn_cognito.idp.auth import passkeys
from cfn_cognito.idp.errors import (
    NotAuthorizedException,
    WebAuthnChallengeNotFoundException,
    WebAuthnClientMismatchException,
    WebAuthnConfigurationMissingException,
    WebAuthnCredentialNotSupportedException,
    WebAuthnNotEnabledException,
    WebAuthnOriginNotAllowedException,
    WebAuthnRelyingPartyMismatchException,
)
from cfn_cognito.idp.userpools import domains, mfa_settings
from users_fixtures import clock, ctx, make_pool  # noqa: F401

RP = passkeys.RelyingParty(rp_id="example.com", name="app", user_verification="required")


def passkey_pool(ctx, **settings):  # noqa: F811
    return make_pool(ctx, Policies={"SignInPolicy": {
        "AllowedFirstAuthFactors": ["PASSWORD", "WEB_AUTHN"]}}, **settings)


def test_the_relying_party_of_a_pool(ctx):  # noqa: F811
    with pytest.raises(WebAuthnNotEnabledException):
        passkeys.relying_party(ctx, make_pool(ctx))
    pool = passkey_pool(ctx)
    with pytest.raises(WebAuthnConfigurationMissingException):
        passkeys.relying_party(ctx, pool)
    # With a domain, the RP ID is the domain's host (here under .localhost).
    domains.create_user_pool_domain(ctx, {"UserPoolId": pool["Id"], "Domain": "unit-app"})
    assert passkeys.relying_party(ctx, pool).rp_id == "unit-app.auth.us-east-1.localhost"
    assert not passkeys.on_managed_login(ctx, pool)    # a classic (version 1) domain
    mfa_settings.set_user_pool_mfa_config(ctx, {
        "UserPoolId": pool["Id"], "WebAuthnConfiguration": {"RelyingPartyId": "example.com"}})
    rp = passkeys.relying_party(ctx, pool)
    assert (rp.rp_id, rp.user_verification) == ("example.com", "preferred")


def assertion(origin, kind="webauthn.get"):
    client_data = {"type": kind, "challenge": "AAAA", "origin": origin}
    raw = base64.urlsafe_b64encode(json.dumps(client_data).encode()).rstrip(b"=").decode()
    return {"id": "AAAA", "rawId": "AAAA", "type": "public-key",
            "response": {"clientDataJSON": raw, "authenticatorData": "AAAA",
                         "signature": "AAAA"}}


@pytest.mark.parametrize("origin", ["https://evil.example", "https://example.com.evil.io",
                                    "http://example.com", "null", "https://xexample.com"])
def test_origins_off_the_rp_id_or_without_tls_are_refused(origin):
    with pytest.raises(WebAuthnOriginNotAllowedException):
        passkeys.verify_assertion(RP, assertion(origin), "AAAA", "AAAA", 0)


@pytest.mark.parametrize("rp_id,origin", [
    ("example.com", "https://example.com"), ("example.com", "https://login.example.com:8443"),
    ("localhost", "http://localhost:3000"), ("app.localhost", "http://app.localhost")])
def test_origins_on_the_rp_id_get_to_the_signature_check(rp_id, origin):
    rp = passkeys.RelyingParty(rp_id=rp_id, name="app", user_verification="preferred")
    # Past the origin: the garbage authenticator data is what fails.
    with pytest.raises(NotAuthorizedException):
        passkeys.verify_assertion(rp, assertion(origin), "AAAA", "AAAA", 0)


def test_a_registration_answer_to_an_assertion_is_a_client_mismatch():
    with pytest.raises(WebAuthnClientMismatchException):
        passkeys.verify_assertion(RP, assertion("https://example.com", "webauthn.create"),
                                  "AAAA", "AAAA", 0)


def test_another_challenge_is_not_found():
    with pytest.raises(WebAuthnChallengeNotFoundException):
        passkeys.verify_assertion(RP, assertion("https://example.com"), "BBBB", "AAAA", 0)


@pytest.mark.parametrize("message,registering,error", [
    ("Unexpected RP ID hash", False, WebAuthnRelyingPartyMismatchException),
    ("Unexpected client data type", True, WebAuthnClientMismatchException),
    ("Client data challenge was not expected challenge", False,
     WebAuthnChallengeNotFoundException),
    ("Response sign count of 1 was not greater than current count of 5", False,
     NotAuthorizedException),
    ("Unsupported attestation type", True, WebAuthnCredentialNotSupportedException),
])
def test_py_webauthn_refusals_become_aws_errors(message, registering, error):
    assert isinstance(passkeys._refusal(Exception(message), registering=registering), error)
