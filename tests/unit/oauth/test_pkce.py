"""PKCE as Cognito takes it: S256 only, RFC 7636's verifier alphabet and lengths."""

import base64
import hashlib

import pytest

from cfn_cognito.oauth import pkce

# RFC 7636 appendix B.
VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"
CHALLENGE = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"


def test_the_rfc_example_verifies():
    assert pkce.s256(VERIFIER) == CHALLENGE
    assert pkce.verifies(CHALLENGE, VERIFIER)


@pytest.mark.parametrize("verifier", [None, "", VERIFIER + "x", "short", "a" * 129,
                                      VERIFIER[:-1] + "!"])
def test_anything_else_does_not(verifier):
    assert not pkce.verifies(CHALLENGE, verifier)


@pytest.mark.parametrize("challenge, method, ok", [
    (None, None, True),
    (CHALLENGE, "S256", True),
    (CHALLENGE, "plain", False),      # Cognito supports S256 only
    (CHALLENGE, None, False),         # a challenge needs its method
    (None, "S256", False),
    ("too-short", "S256", False),
    (CHALLENGE + "/", "S256", False),
])
def test_authorize_parameters(challenge, method, ok):
    assert (pkce.check_challenge(challenge, method) is None) is ok


def test_any_43_to_128_unreserved_characters_make_a_verifier():
    verifier = "A-._~" * 9
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest())
    assert pkce.verifies(challenge.rstrip(b"=").decode(), verifier)
