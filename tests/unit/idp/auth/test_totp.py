"""TOTP against RFC 6238's test vectors and pyotp."""

import random

import pyotp

from cfn_cognito.idp.auth import totp

# RFC 6238 appendix B, SHA-1, key "12345678901234567890", last 6 of the 8 digits.
RFC_SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
VECTORS = {59: "287082", 1111111109: "081804", 1111111111: "050471", 1234567890: "005924",
           2000000000: "279037", 20000000000: "353130"}


def test_rfc_6238_vectors():
    for when, code in VECTORS.items():
        assert totp.code_at(RFC_SECRET, when) == code


def test_agrees_with_pyotp_and_allows_one_step_of_skew():
    secret = totp.new_secret(random.Random(7))
    assert len(secret) == 32
    now = 1_700_000_000
    app = pyotp.TOTP(secret)
    assert totp.code_at(secret, now) == app.at(now)
    for offset in (-30, 0, 30):
        assert totp.matches(secret, app.at(now + offset), now)
    for offset in (-90, 60):
        assert not totp.matches(secret, app.at(now + offset), now) or \
            app.at(now + offset) in {app.at(now - 30), app.at(now), app.at(now + 30)}


def test_refuses_malformed_codes():
    assert not totp.matches(RFC_SECRET, "28708", 59)
    assert not totp.matches(RFC_SECRET, "abcdef", 59)
    assert not totp.matches("not base32!", "287082", 59)
