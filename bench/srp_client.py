"""The client's half of Cognito's SRP, fast (gmpy2), so the bench times the server.

pycognito does the same maths in Python's pow, at ~50 ms per sign-in: it would be the client
that is measured. Correctness against pycognito and amazon-cognito-identity-js is proved in
the test suite; this only has to be quick and right.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import time

import gmpy2

from cfn_cognito.idp.auth.srp_math import G, K, N, hash_hex, hex_hash, pad_hex

_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _timestamp() -> str:
    t = time.gmtime()
    return (f"{_DAYS[t.tm_wday]} {_MONTHS[t.tm_mon - 1]} {t.tm_mday} "
            f"{t.tm_hour:02d}:{t.tm_min:02d}:{t.tm_sec:02d} UTC {t.tm_year}")


def sign_in(api, pool_id: str, client_id: str, username: str, password: str) -> dict:
    """USER_SRP_AUTH then PASSWORD_VERIFIER over `api` (bench.client.Api); the tokens."""
    a = gmpy2.mpz(secrets.randbits(256))
    big_a = gmpy2.powmod(G, a, N)
    challenge = api.call("InitiateAuth", {
        "ClientId": client_id, "AuthFlow": "USER_SRP_AUTH",
        "AuthParameters": {"USERNAME": username, "SRP_A": format(int(big_a), "x")}})
    params = challenge["ChallengeParameters"]
    user_id = params["USER_ID_FOR_SRP"]
    big_b = gmpy2.mpz(params["SRP_B"], 16)
    u = gmpy2.mpz(hash_hex(pad_hex(int(big_a)) + pad_hex(int(big_b))), 16)
    inner = hex_hash(f"{pool_id.split('_', 1)[1]}{user_id}:{password}".encode())
    x = gmpy2.mpz(hash_hex(pad_hex(params["SALT"]) + inner), 16)
    s = gmpy2.powmod((big_b - K * gmpy2.powmod(G, x, N)) % N, a + u * x, N)
    prk = hmac.new(bytes.fromhex(pad_hex(int(u))), bytes.fromhex(pad_hex(int(s))),
                   hashlib.sha256).digest()
    key = hmac.new(prk, b"Caldera Derived Key\x01", hashlib.sha256).digest()[:16]
    timestamp = _timestamp()
    message = (pool_id.split("_", 1)[1] + user_id).encode() + \
        base64.b64decode(params["SECRET_BLOCK"]) + timestamp.encode()
    signature = base64.b64encode(hmac.new(key, message, hashlib.sha256).digest()).decode()
    return api.call("RespondToAuthChallenge", {
        "ClientId": client_id, "ChallengeName": "PASSWORD_VERIFIER",
        "ChallengeResponses": {"USERNAME": user_id, "TIMESTAMP": timestamp,
                               "PASSWORD_CLAIM_SECRET_BLOCK": params["SECRET_BLOCK"],
                               "PASSWORD_CLAIM_SIGNATURE": signature}})
