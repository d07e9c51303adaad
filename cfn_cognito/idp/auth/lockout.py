"""AWS's lockout after repeated failed sign-ins.

After 5 failures in a row the user is locked for 1 s, doubling with each further failure up
to 15 minutes; 15 quiet minutes forgive everything. Calls during a lock are refused with
"Password attempts exceeded" before the password is even checked.
"""

from __future__ import annotations

from cfn_cognito.context import Context
from cfn_cognito.idp.errors import NotAuthorizedException

FREE_FAILURES = 5
MAX_LOCK_SECONDS = 900
FORGIVE_AFTER_SECONDS = 900

LOCKED = "Password attempts exceeded"


def lock_seconds(failures: int) -> float:
    """How long the user is locked after this many failures in a row."""
    if failures < FREE_FAILURES:
        return 0.0
    return float(min(2 ** (failures - FREE_FAILURES), MAX_LOCK_SECONDS))


def check(ctx: Context, pool_id: str, sub: str) -> None:
    _, _, locked_until = ctx.store.auth_sessions.failures(pool_id, sub)
    if locked_until > ctx.clock():
        raise NotAuthorizedException(LOCKED)


def record_failure(ctx: Context, pool_id: str, sub: str) -> None:
    now = ctx.clock()
    with ctx.store.write():
        failures, last, _ = ctx.store.auth_sessions.failures(pool_id, sub)
        if now - last > FORGIVE_AFTER_SECONDS:
            failures = 0
        failures += 1
        ctx.store.auth_sessions.set_failures(pool_id, sub, failures, now,
                                             now + lock_seconds(failures))


def record_success(ctx: Context, pool_id: str, sub: str) -> None:
    ctx.store.auth_sessions.clear_failures(pool_id, sub)
