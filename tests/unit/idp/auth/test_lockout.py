"""AWS's lock-out after repeated failed sign-ins: five free failures, then 1 s doubling up to
15 minutes, all forgiven after 15 quiet minutes."""

import pytest

from users_fixtures import clock, ctx  # noqa: F401 (fixtures: a real store, a hand-moved clock)

from cfn_cognito.idp.auth import lockout
from cfn_cognito.idp.errors import NotAuthorizedException

POOL, SUB = "us-east-1_AAAAAAAAA", "sub-1"


@pytest.mark.parametrize("failures, seconds", [(4, 0), (5, 1), (6, 2), (9, 16), (20, 900)])
def test_lock_time_doubles_after_five_failures_up_to_fifteen_minutes(failures, seconds):
    assert lockout.lock_seconds(failures) == seconds


def test_the_sixth_try_is_refused_while_locked_and_allowed_once_the_lock_ends(ctx, clock):
    for _ in range(5):
        lockout.record_failure(ctx, POOL, SUB)
    with pytest.raises(NotAuthorizedException, match="Password attempts exceeded"):
        lockout.check(ctx, POOL, SUB)
    clock.now += 1.01
    lockout.check(ctx, POOL, SUB)


def test_fifteen_quiet_minutes_forgive_the_failures(ctx, clock):
    for _ in range(4):
        lockout.record_failure(ctx, POOL, SUB)
    clock.now += lockout.FORGIVE_AFTER_SECONDS + 1
    lockout.record_failure(ctx, POOL, SUB)     # counts as the first again: no lock
    lockout.check(ctx, POOL, SUB)


def test_a_success_clears_the_count(ctx, clock):
    for _ in range(5):
        lockout.record_failure(ctx, POOL, SUB)
    clock.now += 2
    lockout.record_success(ctx, POOL, SUB)
    lockout.record_failure(ctx, POOL, SUB)
    lockout.check(ctx, POOL, SUB)
