"""The server side of Cognito's SRP-6a: the PASSWORD_VERIFIER challenge and its proof.

Two steps, each a pure function the auth flows call:

    part, state = srp.start(pool_id, user_id_for_srp, salt_hex, verifier_hex, srp_a_hex, rng)
        # part = {"SALT", "SRP_B", "SECRET_BLOCK"}; keep `state` server-side under
        # srp.secret_block_id(part["SECRET_BLOCK"]) and answer PASSWORD_VERIFIER.
    ok = srp.verify(pool_id, user_id_for_srp, state, secret_block_b64, timestamp,
                    signature_b64, now)

Device SRP (DEVICE_SRP_AUTH → DEVICE_PASSWORD_VERIFIER) is the same maths with the device
group key and device key hashed where the pool name and user id are: `start_device` and
`verify_device`. `device_verifier` turns ConfirmDevice's DeviceSecretVerifierConfig into the
(salt, verifier) pair `start_device` takes.

Cost: the server's secret b is 256 bits (a 3072-bit group is worth about 128 bits of security,
which a 256-bit exponent matches), so each step is one or two short modular exponentiations.
"""

from __future__ import annotations

import base64
import binascii
import calendar
import hashlib
import hmac
import re
import time

import gmpy2

from cfn_cognito.idp.errors import InvalidParameterException
from cfn_cognito.idp.auth.srp_math import K, N, hash_hex, pad_hex, pool_name, power_of_g, powmod

SECRET_BITS = 256
SECRET_BLOCK_BYTES = 384
# How far TIMESTAMP may be from the server's clock, either way.
MAX_CLOCK_SKEW_SECONDS = 300
HKDF_INFO = b"Caldera Derived Key\x01"

TIMESTAMP_FORMAT_ERROR = "TIMESTAMP format should be EEE MMM d HH:mm:ss z yyyy in english."
_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
# Java's `EEE MMM d HH:mm:ss 'UTC' yyyy`. A zero-padded day or a wrong weekday parses, but
# AWS signs the canonical form, so such a claim fails as a wrong password does (warrant PR
# #12; ministack PR #1758 measured both).
# Names parse in any case and GMT is UTC, but the zone's case counts (measured, ministack's
# test_cognito.py); the proof is always checked over the canonical form.
_TIMESTAMP = re.compile(
    r"(?P<dow>[A-Za-z]{3}) (?P<mon>[A-Za-z]{3}) (?P<day>\d{1,2}) "
    r"(?P<h>\d{2}):(?P<m>\d{2}):(?P<s>\d{2}) (?:UTC|GMT) (?P<y>\d{4})")
_HEX = re.compile(r"[0-9a-fA-F]+")


def start(pool_id: str, user_id_for_srp: str, salt_hex: str, verifier_hex: str,
          srp_a_hex: str, rng) -> tuple[dict, dict]:
    """The PASSWORD_VERIFIER challenge for a user: ({"SALT", "SRP_B", "SECRET_BLOCK"}, state).

    `state` is a small JSON-able dict to keep server-side (never send it) until the answer
    comes; find it again with `secret_block_id(SECRET_BLOCK)`. Raises
    InvalidParameterException when SRP_A is not a usable public value (A % N == 0).
    """
    return _start(pool_name(pool_id), user_id_for_srp, salt_hex, verifier_hex, srp_a_hex, rng)


def verify(pool_id: str, user_id_for_srp: str, state: dict, secret_block_b64: str,
           timestamp: str, signature_b64: str, now: float) -> bool:
    """Whether PASSWORD_CLAIM_SIGNATURE proves the password behind the verifier in `state`.

    False for a wrong password, another challenge's secret block, another user, or a
    TIMESTAMP more than 5 minutes from `now` (epoch seconds). Raises InvalidParameterException
    when TIMESTAMP is not in Cognito's format.
    """
    return _verify(pool_name(pool_id), user_id_for_srp, state, secret_block_b64, timestamp,
                   signature_b64, now)


def start_device(device_group_key: str, device_key: str, salt_hex: str, verifier_hex: str,
                 srp_a_hex: str, rng) -> tuple[dict, dict]:
    """`start` for DEVICE_SRP_AUTH, the device's (salt, verifier) from `device_verifier`."""
    return _start(device_group_key, device_key, salt_hex, verifier_hex, srp_a_hex, rng)


def verify_device(device_group_key: str, device_key: str, state: dict, secret_block_b64: str,
                  timestamp: str, signature_b64: str, now: float) -> bool:
    """`verify` for DEVICE_PASSWORD_VERIFIER."""
    return _verify(device_group_key, device_key, state, secret_block_b64, timestamp,
                   signature_b64, now)


def device_verifier(config: dict) -> tuple[str, str]:
    """(salt hex, verifier hex) of a DeviceSecretVerifierConfig {PasswordVerifier, Salt}
    (both base64), as ConfirmDevice receives it."""
    try:
        verifier = base64.b64decode(config["PasswordVerifier"], validate=True)
        salt = base64.b64decode(config["Salt"], validate=True)
    except (KeyError, TypeError, binascii.Error):
        raise InvalidParameterException("Invalid DeviceSecretVerifierConfig.") from None
    if not verifier or not salt or int.from_bytes(verifier, "big") % N == 0:
        raise InvalidParameterException("Invalid DeviceSecretVerifierConfig.")
    return salt.hex(), verifier.hex()


def secret_block_id(secret_block_b64: str) -> str | None:
    """The key a challenge's state is kept under, from its SECRET_BLOCK; None if malformed."""
    raw = b64(secret_block_b64)
    return hashlib.sha256(raw).hexdigest() if raw else None


def format_timestamp(epoch_seconds: float) -> str:
    """A TIMESTAMP as Cognito's clients write it, e.g. `Tue Mar 5 09:07:03 UTC 2024`."""
    t = time.gmtime(epoch_seconds)
    return (f"{_DAYS[t.tm_wday]} {_MONTHS[t.tm_mon - 1]} {t.tm_mday} "
            f"{t.tm_hour:02d}:{t.tm_min:02d}:{t.tm_sec:02d} UTC {t.tm_year}")


def parse_timestamp(text: str) -> int:
    """Epoch seconds of a TIMESTAMP; InvalidParameterException if it is not Cognito's format."""
    m = _TIMESTAMP.fullmatch(text or "")
    if not m or m["dow"].title() not in _DAYS or m["mon"].title() not in _MONTHS:
        raise InvalidParameterException(TIMESTAMP_FORMAT_ERROR)
    fields = (int(m["y"]), _MONTHS.index(m["mon"].title()) + 1, int(m["day"]),
              int(m["h"]), int(m["m"]), int(m["s"]))
    try:
        epoch = calendar.timegm(fields + (0, 0, 0))
        parsed = time.gmtime(epoch)
    except (ValueError, OverflowError):
        raise InvalidParameterException(TIMESTAMP_FORMAT_ERROR) from None
    # timegm normalizes out-of-range fields (Feb 30 → Mar 2); a real date round-trips. A
    # wrong weekday parses (Java's parser ignores it) and then fails as a wrong password:
    # the claim is checked against the canonical form.
    if tuple(parsed[:6]) != fields:
        raise InvalidParameterException(TIMESTAMP_FORMAT_ERROR)
    return epoch


def _start(realm: str, identity: str, salt_hex: str, verifier_hex: str, srp_a_hex: str,
           rng) -> tuple[dict, dict]:
    if not srp_a_hex or not _HEX.fullmatch(srp_a_hex):
        raise InvalidParameterException(
            f"1 validation error detected: Value '{srp_a_hex}' at 'sRPA' failed to satisfy "
            "constraint: Member must satisfy regular expression pattern: ^[0-9a-fA-F]+$")
    big_a = gmpy2.mpz(srp_a_hex, 16)
    # SRP-6a's A % N != 0 is checked at the proof (an A of 0 or N gets a challenge whose
    # proof always fails, as AWS answers: measured); clients send A = g^a mod N, so A > N is
    # no client's (and would let a caller park an arbitrarily large number in the state).
    if big_a > N:
        raise InvalidParameterException("Invalid SRP_A value.")
    v = gmpy2.mpz(verifier_hex, 16)
    while True:
        b = gmpy2.mpz(rng.getrandbits(SECRET_BITS))
        big_b = (K * v + power_of_g(b)) % N
        # B ≡ 0 would let anyone pass; u = 0 would make the password irrelevant. Both are
        # astronomically unlikely; drawing another b costs nothing.
        if big_b and _u(big_a, big_b):
            break
    block = rng.getrandbits(SECRET_BLOCK_BYTES * 8).to_bytes(SECRET_BLOCK_BYTES, "big")
    state = {
        "realm": realm,
        "identity": identity,
        "A": format(int(big_a), "x"),
        "B": format(int(big_b), "x"),
        "b": format(int(b), "x"),
        "verifier": verifier_hex,
        "block": hashlib.sha256(block).hexdigest(),
    }
    part = {
        "SALT": salt_hex,
        "SRP_B": format(int(big_b), "x"),
        "SECRET_BLOCK": base64.b64encode(block).decode("ascii"),
    }
    return part, state


def _verify(realm: str, identity: str, state: dict, secret_block_b64: str, timestamp: str,
            signature_b64: str, now: float) -> bool:
    when = parse_timestamp(timestamp)
    block = b64(secret_block_b64)
    claimed = b64(signature_b64)
    if block is None or claimed is None:
        return False
    if (state.get("realm"), state.get("identity")) != (realm, identity):
        return False
    if not hmac.compare_digest(hashlib.sha256(block).hexdigest(), state.get("block", "")):
        return False
    if abs(when - now) > MAX_CLOCK_SKEW_SECONDS or gmpy2.mpz(state["A"], 16) % N == 0:
        return False
    key = _session_key(state)
    message = realm.encode() + identity.encode() + block + format_timestamp(when).encode()
    expected = hmac.new(key, message, hashlib.sha256).digest()
    return hmac.compare_digest(expected, claimed)


def _session_key(state: dict) -> bytes:
    """The 16-byte key both sides derive: HKDF over S = (A·v^u)^b mod N, salted with u."""
    big_a = gmpy2.mpz(state["A"], 16)
    big_b = gmpy2.mpz(state["B"], 16)
    b = gmpy2.mpz(state["b"], 16)
    v = gmpy2.mpz(state["verifier"], 16)
    u = _u(big_a, big_b)
    s = powmod(big_a * powmod(v, u) % N, b)
    prk = hmac.new(bytes.fromhex(pad_hex(int(u))), bytes.fromhex(pad_hex(int(s))),
                   hashlib.sha256).digest()
    return hmac.new(prk, HKDF_INFO, hashlib.sha256).digest()[:16]


def _u(big_a, big_b):
    return gmpy2.mpz(hash_hex(pad_hex(int(big_a)) + pad_hex(int(big_b))), 16)


def b64(text: str) -> bytes | None:
    """The bytes a base64 text stands for; None when it is empty or not base64."""
    try:
        raw = base64.b64decode(text or "", validate=True)
    except (binascii.Error, ValueError):
        return None
    return raw or None
