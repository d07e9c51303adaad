"""One-time codes: 6 digits, one live code per user and purpose, AWS's lifetimes.

A new code replaces the old one; a used code is gone; wrong tries are counted and after
MAX_ATTEMPTS of them the code is refused (LimitExceededException) until a new one is sent.
Codes are stored as salted SHA-256 hashes; only the dev inbox keeps them in clear.
"""

from __future__ import annotations

import hashlib
import hmac

from cfn_cognito.context import Context
from cfn_cognito.idp.errors import (
    CodeMismatchException,
    ExpiredCodeException,
    LimitExceededException,
)
from cfn_cognito.store.codes import CodeRecord

SIGN_UP = "SIGN_UP"
FORGOT_PASSWORD = "FORGOT_PASSWORD"

LIFETIME_SECONDS = {SIGN_UP: 24 * 3600, FORGOT_PASSWORD: 3600}
VERIFY_LIFETIME_SECONDS = 24 * 3600
MAX_ATTEMPTS = 5

MISMATCH = "Invalid verification code provided, please try again."
EXPIRED = "Invalid code provided, please request a code again."
TOO_MANY = "Attempt limit exceeded, please try after some time."


def verify_purpose(attribute: str) -> str:
    """The purpose of a code that verifies an attribute (email / phone_number)."""
    return f"VERIFY:{attribute}"


def _lifetime(purpose: str) -> int:
    return LIFETIME_SECONDS.get(purpose, VERIFY_LIFETIME_SECONDS)


def _hash(code: str, salt: str) -> str:
    return hashlib.sha256(f"{salt}${code}".encode()).hexdigest()


def issue(ctx: Context, pool_id: str, sub: str, purpose: str, attribute: str = "") -> str:
    """A new code for (user, purpose), replacing any earlier one. `attribute` is the one a
    successful check verifies ('' for none)."""
    code = f"{ctx.rng.randrange(10**6):06d}"
    salt = f"{ctx.rng.getrandbits(64):016x}"
    now = ctx.clock()
    ctx.store.codes.put(pool_id, sub, purpose, f"{salt}${_hash(code, salt)}", attribute, now,
                        now + _lifetime(purpose))
    return code


def _matches(record: CodeRecord, code: str) -> bool:
    salt, _, digest = record.code_hash.partition("$")
    return hmac.compare_digest(digest, _hash(code, salt))


def check(ctx: Context, pool_id: str, sub: str, purpose: str, code: str) -> CodeRecord:
    """The live code record if `code` is right; otherwise ExpiredCodeException (none sent,
    used, or too old), CodeMismatchException (wrong; the try is counted) or
    LimitExceededException (too many wrong tries). The code stays live: `consume` it in
    the transaction that acts on it. Call outside any transaction, so a counted wrong try
    is kept although an error is raised."""
    with ctx.store.write():
        record = ctx.store.codes.get(pool_id, sub, purpose)
        if record is None or ctx.clock() > record.expires:
            error = ExpiredCodeException(EXPIRED)
        elif record.attempts >= MAX_ATTEMPTS:
            error = LimitExceededException(TOO_MANY)
        elif not _matches(record, code):
            ctx.store.codes.count_attempt(pool_id, sub, purpose)
            error = CodeMismatchException(MISMATCH)
        else:
            return record
    raise error


def consume(ctx: Context, pool_id: str, sub: str, purpose: str, record: CodeRecord) -> None:
    """Use up a code `check` accepted; ExpiredCodeException if it was used or replaced since
    (two requests racing with one code: only one wins)."""
    with ctx.store.write():
        current = ctx.store.codes.get(pool_id, sub, purpose)
        if current is None or current.code_hash != record.code_hash:
            raise ExpiredCodeException(EXPIRED)
        ctx.store.codes.delete(pool_id, sub, purpose)


def discard(ctx: Context, pool_id: str, sub: str, purpose: str) -> None:
    """Forget any live code (e.g. AdminConfirmSignUp makes the sign-up code useless)."""
    ctx.store.codes.delete(pool_id, sub, purpose)
