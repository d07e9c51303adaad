"""The workloads, run in this order against every service: one small function each.

A workload takes a Harness (one running service) and returns what it measured: a Timing
from `h.time(call)` (p50, p95 and calls/s rows) or a Value (one row). Register it with
`@workload("Title")`; `threads=(1, 4)` runs it once per thread count, `only=("ours",)` keeps
it to this service (every other column shows n/a). A service that answers an operation as
unsupported, or a workload that raises NotSupported, shows n/a for that workload's rows.

Set-up calls (creating a pool, seeding users) go through `h.api()` before `h.time`, so only
the operation under test is timed. Names must be unique within a run: use `h.unique(...)`
or the call's index `i`.
"""

from __future__ import annotations

import functools
import time
from dataclasses import dataclass
from typing import Callable

from bench.harness import Harness

IDLE_SETTLE_SECONDS = 1.0


class NotSupported(Exception):
    """The service cannot run this workload (its reason is shown under the table)."""


@dataclass(frozen=True)
class Workload:
    title: str
    run: Callable[[Harness], object]
    only: tuple[str, ...] | None = None   # service kinds or names that can run it

    def applies_to(self, name: str, kind: str) -> bool:
        return self.only is None or name in self.only or kind in self.only


WORKLOADS: list[Workload] = []
# Workloads that take minutes (seeding 100,000 users): run with `--large`.
LARGE: list[Workload] = []


def workload(title: str, *, threads: tuple[int, ...] | None = None,
             only: tuple[str, ...] | None = None, large: bool = False):
    """Register the decorated function as a workload (once per thread count if given)."""
    def register(fn):
        into = LARGE if large else WORKLOADS
        if threads is None:
            into.append(Workload(title, fn, only))
        for n in threads or ():
            label = title if n == 1 else f"{title}, {n} threads"
            into.append(Workload(label, functools.partial(fn, threads=n), only))
        return fn
    return register


def create_pool(h: Harness) -> str:
    """A fresh user pool for a workload's set-up; its id."""
    pool = h.api().call("CreateUserPool", {"PoolName": h.unique("bench-pool-")})
    return pool["UserPool"]["Id"]


@workload("idle RSS")
def idle_rss(h: Harness):
    # Right after start-up (plus a moment to settle), before any workload has run.
    time.sleep(IDLE_SETTLE_SECONDS)
    return h.rss()


@workload("CreateUserPool")
def create_user_pool(h: Harness):
    return h.time(lambda api, i: api.call("CreateUserPool", {"PoolName": f"bench-create-{i}"}))


@workload("DescribeUserPool", threads=(1, 4))
def describe_user_pool(h: Harness, threads: int):
    pool_id = create_pool(h)
    return h.time(lambda api, i: api.call("DescribeUserPool", {"UserPoolId": pool_id}),
                  threads=threads)


# -- users and sign-in --------------------------------------------------------------------

PASSWORD = "Bench-Passw0rd!"
# cognito-local insists on email-shaped usernames, so every workload uses them.
EMAIL = "{}@bench.example"
SIGN_IN_FLOWS = ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH",
                 "ALLOW_ADMIN_USER_PASSWORD_AUTH"]


def create_client(h: Harness, pool_id: str) -> str:
    client = h.api().call("CreateUserPoolClient", {
        "UserPoolId": pool_id, "ClientName": "bench", "ExplicitAuthFlows": SIGN_IN_FLOWS})
    return client["UserPoolClient"]["ClientId"]


def create_user(api, pool_id: str, username: str) -> None:
    """A confirmed user with a permanent password: AdminCreateUser + AdminSetUserPassword."""
    api.call("AdminCreateUser", {
        "UserPoolId": pool_id, "Username": username, "MessageAction": "SUPPRESS",
        "UserAttributes": [{"Name": "email", "Value": username}]})
    api.call("AdminSetUserPassword", {"UserPoolId": pool_id, "Username": username,
                                      "Password": PASSWORD, "Permanent": True})


def signed_in_user(h: Harness) -> tuple[str, str, str]:
    """(pool id, client id, username) of a fresh pool with one user who can sign in."""
    pool_id = create_pool(h)
    client_id = create_client(h, pool_id)
    username = EMAIL.format(h.unique("signin-"))
    create_user(h.api(), pool_id, username)
    return pool_id, client_id, username


def password_auth(client_id: str, username: str) -> dict:
    return {"ClientId": client_id, "AuthFlow": "USER_PASSWORD_AUTH",
            "AuthParameters": {"USERNAME": username, "PASSWORD": PASSWORD}}


@workload("AdminCreateUser + AdminSetUserPassword", threads=(1, 4))
def create_users(h: Harness, threads: int):
    pool_id = create_pool(h)
    return h.time(lambda api, i: create_user(api, pool_id, EMAIL.format(f"user{i}")),
                  threads=threads)


@workload("InitiateAuth USER_PASSWORD_AUTH", threads=(1, 4))
def password_sign_in(h: Harness, threads: int):
    _, client_id, username = signed_in_user(h)
    body = password_auth(client_id, username)
    return h.time(lambda api, i: api.call("InitiateAuth", body), threads=threads)


@workload("SRP sign-in (InitiateAuth + RespondToAuthChallenge)", threads=(1, 4), only=("ours",))
def srp_sign_in(h: Harness, threads: int):
    # The peers cannot verify SRP (their answer to a wrong password is a success).
    from bench import srp_client
    pool_id, client_id, username = signed_in_user(h)
    return h.time(lambda api, i: srp_client.sign_in(api, pool_id, client_id, username, PASSWORD),
                  threads=threads)


@workload("GetUser", threads=(1, 4))
def get_user(h: Harness, threads: int):
    _, client_id, username = signed_in_user(h)
    tokens = h.api().call("InitiateAuth", password_auth(client_id, username))
    body = {"AccessToken": tokens["AuthenticationResult"]["AccessToken"]}
    return h.time(lambda api, i: api.call("GetUser", body), threads=threads)


def _list_users_filter(h: Harness, users: int, seed_seconds: float):
    """ListUsers with an `email =` filter in a pool of `users` users (seeded through the API;
    a service that cannot seed them in `seed_seconds` shows n/a)."""
    pool_id = create_pool(h)
    api = h.api()
    deadline = time.perf_counter() + seed_seconds
    for n in range(users):
        if time.perf_counter() > deadline:
            raise NotSupported(f"seeding {users:,} users took over {seed_seconds:.0f} s "
                               f"({n:,} made)")
        api.call("AdminCreateUser", {
            "UserPoolId": pool_id, "Username": EMAIL.format(f"u{n}"), "MessageAction": "SUPPRESS",
            "UserAttributes": [{"Name": "email", "Value": EMAIL.format(f"u{n}")}]})
    target = EMAIL.format(f"u{users // 2}")
    body = {"UserPoolId": pool_id, "Filter": f'email = "{target}"'}
    return h.time(lambda api, i: api.call("ListUsers", body))


@workload("ListUsers email= filter, 300 users")
def list_users_300(h: Harness):
    return _list_users_filter(h, 300, seed_seconds=60)


@workload("ListUsers email= filter, 100,000 users", large=True)
def list_users_100k(h: Harness):
    return _list_users_filter(h, 100_000, seed_seconds=900)
