"""One-time codes: format, lifetimes, replacement, single use, wrong-attempt limit."""

import re

import pytest

from cfn_cognito.idp.accounts import codes
from cfn_cognito.idp.errors import CodeMismatchException, ExpiredCodeException, LimitExceededException
from users_fixtures import clock, ctx  # noqa: F401

POOL, SUB = "us-east-1_unit", "sub-1"


def _check(ctx, code, purpose=codes.SIGN_UP):
    return codes.check(ctx, POOL, SUB, purpose, code)


def test_codes_are_six_digits_and_stored_only_hashed(ctx):
    code = codes.issue(ctx, POOL, SUB, codes.SIGN_UP, "email")
    assert re.fullmatch(r"[0-9]{6}", code)
    stored = ctx.store.db.query("SELECT * FROM codes")
    assert len(stored) == 1 and code not in repr(stored)
    assert _check(ctx, code).attribute == "email"


def test_a_used_code_cannot_be_used_again(ctx):
    code = codes.issue(ctx, POOL, SUB, codes.SIGN_UP)
    codes.consume(ctx, POOL, SUB, codes.SIGN_UP, _check(ctx, code))
    with pytest.raises(ExpiredCodeException) as err:
        _check(ctx, code)
    assert err.value.message == "Invalid code provided, please request a code again."


def test_a_new_code_replaces_the_old_one(ctx):
    old = codes.issue(ctx, POOL, SUB, codes.SIGN_UP)
    new = codes.issue(ctx, POOL, SUB, codes.SIGN_UP)
    if old != new:
        with pytest.raises(CodeMismatchException):
            _check(ctx, old)
    assert _check(ctx, new)


def test_a_record_replaced_after_its_check_cannot_be_consumed(ctx):
    record = _check(ctx, codes.issue(ctx, POOL, SUB, codes.SIGN_UP))
    codes.issue(ctx, POOL, SUB, codes.SIGN_UP)
    with pytest.raises(ExpiredCodeException):
        codes.consume(ctx, POOL, SUB, codes.SIGN_UP, record)


@pytest.mark.parametrize("purpose, lifetime", [
    (codes.SIGN_UP, 24 * 3600), (codes.FORGOT_PASSWORD, 3600), (codes.verify_purpose("email"), 24 * 3600),
])
def test_codes_expire_after_aws_lifetimes(ctx, clock, purpose, lifetime):
    code = codes.issue(ctx, POOL, SUB, purpose)
    clock.advance(lifetime - 1)
    assert _check(ctx, code, purpose)
    clock.advance(2)
    with pytest.raises(ExpiredCodeException):
        _check(ctx, code, purpose)


def test_five_wrong_tries_lock_the_code_until_a_new_one_is_sent(ctx):
    code = codes.issue(ctx, POOL, SUB, codes.SIGN_UP)
    wrong = f"{(int(code) + 1) % 10**6:06d}"
    for _ in range(codes.MAX_ATTEMPTS):
        with pytest.raises(CodeMismatchException) as err:
            _check(ctx, wrong)
        assert err.value.message == "Invalid verification code provided, please try again."
    with pytest.raises(LimitExceededException) as err:
        _check(ctx, code)
    assert err.value.message == "Attempt limit exceeded, please try after some time."
    fresh = codes.issue(ctx, POOL, SUB, codes.SIGN_UP)
    assert _check(ctx, fresh)


def test_no_code_sent_is_an_expired_code(ctx):
    with pytest.raises(ExpiredCodeException):
        _check(ctx, "123456", codes.FORGOT_PASSWORD)
