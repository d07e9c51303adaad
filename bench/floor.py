"""The CPU floor of a sign-in that hashes and signs: what one USER_PASSWORD_AUTH must compute
whatever the server around it (the PBKDF2 check of the password at the rounds the service
uses, and the RS256 signatures of the ID and access tokens), timed on one core. A server's
InitiateAuth throughput on N cores can at best reach N times this.

    .venv/bin/python -m bench.floor
"""

from __future__ import annotations

import hashlib
import os
import time

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa

from cfn_cognito.idp.accounts.passwords import ITERATIONS as PBKDF2_ROUNDS

SECONDS = 3.0


def sign_in_floor(seconds: float = SECONDS) -> float:
    """Sign-ins per second on one core: one PBKDF2-SHA256 check and two RS256 signatures."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    salt, claims = os.urandom(16), b"x" * 700   # a token's signing input is about this long
    done, deadline = 0, time.perf_counter() + seconds
    started = time.perf_counter()
    while time.perf_counter() < deadline:
        hashlib.pbkdf2_hmac("sha256", b"Bench-Passw0rd!", salt, PBKDF2_ROUNDS)
        for _ in range(2):
            key.sign(claims, padding.PKCS1v15(), hashes.SHA256())
        done += 1
    return done / (time.perf_counter() - started)


if __name__ == "__main__":
    per_core = sign_in_floor()
    cores = os.cpu_count() or 1
    print(f"sign-in CPU floor: {per_core:,.0f}/s on one core (PBKDF2 {PBKDF2_ROUNDS} rounds + "
          f"2 RS256 signatures); {per_core * cores:,.0f}/s on {cores} cores")
