"""Passwords: the pool's policy, salted hashes, history, generated temporary passwords.

A password is kept only as `pbkdf2_sha256$<iterations>$<salt b64>$<hash b64>` (plus the SRP
salt and verifier, which are one-way too). ITERATIONS is low for a password store on
purpose: this is a local development service where sign-in latency matters and the data
never holds real users' passwords. 1000 rounds is the floor RFC 8018 recommends (about
0.5 ms per hash on the bench machine); each hash records its own count, so hashes made
with another count still verify.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import string
from dataclasses import dataclass

from cfn_cognito.idp.auth import srp_math
from cfn_cognito.idp.errors import InvalidPasswordException, PasswordHistoryPolicyViolationException

ALGORITHM = "pbkdf2_sha256"
ITERATIONS = 1000
SALT_BYTES = 16

# The characters AWS counts as symbols (space included); letters count only from Basic Latin.
SYMBOLS = "^$*.[]{}()?\"!@#%&/\\,><':;|_~`=+- "
# Symbols put in generated passwords: none that need quoting in a shell or JSON.
_GENERATED_SYMBOLS = "^$*.[]{}()?!@#%&/,><:;|_~=+-"
_GENERATED_LENGTH = 12

_POLICY_PREFIX = "Password did not conform with policy: "
# (policy flag, characters it asks for, what the message says is missing), in AWS's order.
_CLASSES = (
    ("RequireUppercase", string.ascii_uppercase, "Password must have uppercase characters"),
    ("RequireLowercase", string.ascii_lowercase, "Password must have lowercase characters"),
    ("RequireNumbers", string.digits, "Password must have numeric characters"),
    ("RequireSymbols", SYMBOLS, "Password must have symbol characters"),
)


def policy_of(pool: dict) -> dict:
    return pool.get("Policies", {}).get("PasswordPolicy", {})


def passwordless_allowed(pool: dict) -> bool:
    """Whether the pool lets users sign in without a password (other first factors), so
    SignUp and AdminCreateUser may leave the password out."""
    factors = (pool.get("Policies", {}).get("SignInPolicy") or {}).get("AllowedFirstAuthFactors")
    return bool(factors) and any(f != "PASSWORD" for f in factors)


def check_policy(pool: dict, password: str) -> None:
    """InvalidPasswordException, worded as AWS words it, if the password breaks the policy."""
    policy = policy_of(pool)
    if len(password) < policy.get("MinimumLength", 8):
        raise InvalidPasswordException(_POLICY_PREFIX + "Password not long enough")
    for flag, chars, problem in _CLASSES:
        if policy.get(flag) and not any(c in chars for c in password):
            raise InvalidPasswordException(_POLICY_PREFIX + problem)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def hash_password(password: str, rng, iterations: int = ITERATIONS) -> str:
    salt = rng.getrandbits(SALT_BYTES * 8).to_bytes(SALT_BYTES, "big")
    digest = hashlib.pbkdf2_hmac("sha256", password.encode(), salt, iterations)
    return f"{ALGORITHM}${iterations}${_b64(salt)}${_b64(digest)}"


def matches(stored: str | None, password: str) -> bool:
    """Whether `password` is the one `stored` (a hash from hash_password) was made from."""
    if not stored:
        return False
    try:
        algorithm, iterations, salt, digest = stored.split("$")
        if algorithm != ALGORITHM:
            return False
        expected = base64.b64decode(digest)
        actual = hashlib.pbkdf2_hmac("sha256", password.encode(), base64.b64decode(salt),
                                     int(iterations))
    except ValueError:
        return False
    return hmac.compare_digest(expected, actual)


def verify(user, password: str) -> bool:
    """Whether `password` is the user's current password."""
    return matches(user.doc.get("PasswordHash"), password)


def check_history(pool: dict, user, password: str) -> None:
    """PasswordHistoryPolicyViolationException if the pool keeps a history and `password` is
    one of the user's last PasswordHistorySize passwords."""
    size = policy_of(pool).get("PasswordHistorySize") or 0
    if size and user is not None:
        for stored in user.doc.get("PasswordHistory", [])[:size]:
            if matches(stored, password):
                # [U] AWS's wording for this error has not been captured.
                raise PasswordHistoryPolicyViolationException(
                    "The password has been used previously.")


@dataclass(frozen=True)
class Credentials:
    """Everything kept of a password: the PBKDF2 hash and the SRP salt and verifier."""

    password_hash: str
    srp_salt: str
    srp_verifier: str


# A password nobody knows: AdminCreateUser with MessageAction SUPPRESS and no
# TemporaryPassword makes one up and tells no one, so no password can ever match it. Kept as
# such instead of hashing a random one (two KDF runs saved on every suppressed invitation).
UNUSABLE = Credentials("!", "", "")


def make_credentials(pool_id: str, user_id_for_srp: str, password: str, rng) -> Credentials:
    salt, verifier = srp_math.make_verifier(pool_id, user_id_for_srp, password, rng)
    return Credentials(hash_password(password, rng), salt, verifier)


def generate_temporary(pool: dict, rng) -> str:
    """A random password that satisfies the pool's policy, whatever it asks for."""
    policy = policy_of(pool)
    length = max(policy.get("MinimumLength", 8), _GENERATED_LENGTH)
    classes = (string.ascii_uppercase, string.ascii_lowercase, string.digits, _GENERATED_SYMBOLS)
    chars = [rng.choice(c) for c in classes]
    alphanumerics = string.ascii_letters + string.digits
    chars += [rng.choice(alphanumerics) for _ in range(length - len(chars))]
    rng.shuffle(chars)
    return "".join(chars)
