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

import base64
import functools
import io
import json
import threading
import time
import urllib.request
import zipfile
from dataclasses import dataclass
from typing import Callable

from bench.harness import Harness
from bench.stats import Value, median

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
# The same operations from 1 to 32 client processes at once: run with `--scaling`.
SCALING: list[Workload] = []
CONNECTIONS = (1, 2, 4, 8, 16, 32)


def workload(title: str, *, threads: tuple[int, ...] | None = None,
             only: tuple[str, ...] | None = None, large: bool = False,
             connections: tuple[int, ...] | None = None):
    """Register the decorated function as a workload (once per thread count, or once per
    count of client processes, if given)."""
    def register(fn):
        into = LARGE if large else SCALING if connections else WORKLOADS
        if threads is None and connections is None:
            into.append(Workload(title, fn, only))
        for n in threads or ():
            label = title if n == 1 else f"{title}, {n} threads"
            into.append(Workload(label, functools.partial(fn, threads=n), only))
        for n in connections or ():
            label = f"{title}, {n} connection{'s' if n > 1 else ''}"
            into.append(Workload(label, functools.partial(fn, connections=n), only))
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


@workload("idle PSS")
def idle_pss(h: Harness):
    return h.pss()


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


def _seeded_pool(h: Harness, users: int, seed_seconds: float) -> str:
    """A pool of `users` users seeded through the API (AdminCreateUser), made once per
    service and size; a service that cannot seed them in `seed_seconds` shows n/a."""
    key = ("seeded", users)
    if key in h.shared:
        if isinstance(h.shared[key], NotSupported):
            raise h.shared[key]
        return h.shared[key]
    pool_id = create_pool(h)
    api = h.api()
    deadline = time.perf_counter() + seed_seconds
    for n in range(users):
        if time.perf_counter() > deadline:
            h.shared[key] = NotSupported(f"seeding {users:,} users took over "
                                         f"{seed_seconds:.0f} s ({n:,} made)")
            raise h.shared[key]
        api.call("AdminCreateUser", {
            "UserPoolId": pool_id, "Username": EMAIL.format(f"u{n}"), "MessageAction": "SUPPRESS",
            "UserAttributes": [{"Name": "email", "Value": EMAIL.format(f"u{n}")}]})
    h.shared[key] = pool_id
    return pool_id


def _list_users_filter(h: Harness, users: int, seed_seconds: float):
    """ListUsers with an `email =` filter in a pool of `users` users."""
    pool_id = _seeded_pool(h, users, seed_seconds)
    target = EMAIL.format(f"u{users // 2}")
    body = {"UserPoolId": pool_id, "Filter": f'email = "{target}"'}
    return h.time(lambda api, i: api.call("ListUsers", body))


@workload("ListUsers email= filter, 300 users")
def list_users_300(h: Harness):
    return _list_users_filter(h, 300, seed_seconds=60)


@workload("ListUsers email= filter, 100,000 users", large=True)
def list_users_100k(h: Harness):
    return _list_users_filter(h, 100_000, seed_seconds=900)


@workload("GetUser, 100,000 users in the pool", large=True)
def get_user_100k(h: Harness):
    # The same pool as the ListUsers figure, plus one user who signs in: is GetUser flat?
    pool_id = _seeded_pool(h, 100_000, seed_seconds=900)
    client_id = create_client(h, pool_id)
    username = EMAIL.format(h.unique("large-"))
    create_user(h.api(), pool_id, username)
    tokens = h.api().call("InitiateAuth", password_auth(client_id, username))
    body = {"AccessToken": tokens["AuthenticationResult"]["AccessToken"]}
    return h.time(lambda api, i: api.call("GetUser", body))


# -- Lambda triggers ----------------------------------------------------------------------

# A PreSignUp function that accepts every sign-up unchanged, so that a SignUp with it does the
# same work as one without it plus the trigger: the difference of the p50s is its cost.
PASS_THROUGH = {
    "python3.12": ("index.handler", "index.py",
                   "def handler(event, context):\n    return event\n"),
    "nodejs20.x": ("index.handler", "index.js",
                   "exports.handler = async (event) => event;\n"),
}
COLD_STARTS = 5
OVERHEAD_WARMUP, OVERHEAD_PAIRS = 20, 300


def _register_function(h: Harness, runtime: str) -> str:
    """A new pass-through PreSignUp function on our service (a new revision, so no worker
    is warm yet); its ARN."""
    handler, filename, source = PASS_THROUGH[runtime]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(filename, source)
    body = {"FunctionName": h.unique("bench-presignup-"), "Runtime": runtime,
            "Handler": handler, "Code": {"ZipFile": base64.b64encode(buffer.getvalue()).decode()}}
    request = urllib.request.Request(
        f"http://127.0.0.1:{h.running.port}/_cfn_cognito/functions",
        data=json.dumps(body).encode(), headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=60) as answer:
        return json.loads(answer.read())["FunctionArn"]


def _sign_up_pool(h: Harness, function_arn: str | None) -> str:
    """A client id of a fresh pool whose PreSignUp is `function_arn` (None: no trigger)."""
    config = {"LambdaConfig": {"PreSignUp": function_arn}} if function_arn else {}
    pool = h.api().call("CreateUserPool", {"PoolName": h.unique("bench-signup-"), **config})
    return create_client(h, pool["UserPool"]["Id"])


def _sign_up(api, client_id: str, i) -> None:
    api.call("SignUp", {"ClientId": client_id, "Username": EMAIL.format(f"signup{i}"),
                        "Password": PASSWORD})


@workload("SignUp")
def sign_up(h: Harness):
    client_id = _sign_up_pool(h, None)
    return h.time(lambda api, i: _sign_up(api, client_id, i))


@workload("SignUp, PreSignUp in a warm Python function", only=("ours",))
def sign_up_python_trigger(h: Harness):
    client_id = _sign_up_pool(h, _register_function(h, "python3.12"))
    return h.time(lambda api, i: _sign_up(api, client_id, i))


@workload("SignUp, PreSignUp in a warm Node function", only=("ours",))
def sign_up_node_trigger(h: Harness):
    client_id = _sign_up_pool(h, _register_function(h, "nodejs20.x"))
    return h.time(lambda api, i: _sign_up(api, client_id, i))


def _added_by_trigger(h: Harness, runtime: str) -> Value:
    """What a warm PreSignUp function adds to a SignUp: the p50 of SignUps with it minus the
    p50 of SignUps without it, measured in alternation so that both see the same machine."""
    plain = _sign_up_pool(h, None)
    with_trigger = _sign_up_pool(h, _register_function(h, runtime))
    api = h.api()
    timed = {plain: [], with_trigger: []}
    for n in range(OVERHEAD_WARMUP + OVERHEAD_PAIRS):
        for client_id, samples in timed.items():
            started = time.perf_counter()
            _sign_up(api, client_id, h.unique("pair-"))
            if n >= OVERHEAD_WARMUP:
                samples.append((time.perf_counter() - started) * 1000)
    return Value(median(timed[with_trigger]) - median(timed[plain]), "ms")


@workload("PreSignUp added to SignUp p50, warm Python function", only=("ours",))
def python_trigger_overhead(h: Harness):
    return _added_by_trigger(h, "python3.12")


@workload("PreSignUp added to SignUp p50, warm Node function", only=("ours",))
def node_trigger_overhead(h: Harness):
    return _added_by_trigger(h, "nodejs20.x")


def _cold_sign_up(h: Harness, runtime: str) -> Value:
    """Median latency (ms) of the first SignUp after a new function is registered: the
    worker process is started (and the handler loaded) inside that call."""
    samples = []
    api = h.api()
    for _ in range(COLD_STARTS):
        client_id = _sign_up_pool(h, _register_function(h, runtime))
        started = time.perf_counter()
        _sign_up(api, client_id, h.unique("cold-"))
        samples.append((time.perf_counter() - started) * 1000)
    return Value(median(samples), "ms")


@workload("SignUp, PreSignUp cold start (Python), median of 5", only=("ours",))
def sign_up_python_cold(h: Harness):
    return _cold_sign_up(h, "python3.12")


@workload("SignUp, PreSignUp cold start (Node), median of 5", only=("ours",))
def sign_up_node_cold(h: Harness):
    return _cold_sign_up(h, "nodejs20.x")


# -- The local API Gateway, and memory at the end ------------------------------------------

@workload("API Gateway GET, Cognito authorizer, warm Python handler", threads=(1, 4),
          only=("ours",))
def gateway_secured(h: Harness, threads: int):
    # The peers have no Cognito-secured gateway (bench/gateway.py measures ours in depth).
    from bench import gateway
    url = f"http://127.0.0.1:{h.running.port}"
    outputs = gateway.deploy(url, h.unique("bench-gateway-"))
    token = gateway.id_token(url, outputs["PoolId"], outputs["ClientId"])
    path = f"/restapis/{outputs['ApiId']}/bench/_user_request_/secured"
    local = threading.local()

    def call(api, i):
        if not hasattr(local, "caller"):
            local.caller = gateway.Caller(h.running.port, path, {"Authorization": token})
        local.caller()

    return h.time(call, threads=threads)


@workload("RSS after the workloads")
def loaded_rss(h: Harness):
    return h.rss()


# -- scaling: parallel clients, each on its own connection, in its own process -------------

SCALING_USERS = 200


def _scaling_users(h: Harness) -> tuple[str, str, list[str]]:
    """(pool id, client id, usernames) of 200 users who can sign in, made once per service
    for every scaling workload."""
    if "scaling" not in h.shared:
        pool_id = create_pool(h)
        client_id = create_client(h, pool_id)
        names = [EMAIL.format(f"scale{n}") for n in range(SCALING_USERS)]
        for name in names:
            create_user(h.api(), pool_id, name)
        h.shared["scaling"] = (pool_id, client_id, names)
    return h.shared["scaling"]


@workload("GetUser (200 users' tokens)", connections=CONNECTIONS)
def scaled_get_user(h: Harness, connections: int):
    _, client_id, names = _scaling_users(h)
    if "scaling tokens" not in h.shared:
        h.shared["scaling tokens"] = [
            h.api().call("InitiateAuth", password_auth(client_id, name))
            ["AuthenticationResult"]["AccessToken"] for name in names]
    tokens = h.shared["scaling tokens"]
    return h.time_processes(
        lambda api, i: api.call("GetUser", {"AccessToken": tokens[i % len(tokens)]}),
        connections)


@workload("InitiateAuth USER_PASSWORD_AUTH (200 users)", connections=CONNECTIONS)
def scaled_sign_in(h: Harness, connections: int):
    _, client_id, names = _scaling_users(h)
    return h.time_processes(
        lambda api, i: api.call("InitiateAuth", password_auth(client_id, names[i % len(names)])),
        connections)


@workload("AdminCreateUser", connections=CONNECTIONS)
def scaled_create_user(h: Harness, connections: int):
    pool_id = create_pool(h)
    return h.time_processes(lambda api, i: api.call("AdminCreateUser", {
        "UserPoolId": pool_id, "Username": EMAIL.format(f"new{i}"), "MessageAction": "SUPPRESS",
        "UserAttributes": [{"Name": "email", "Value": EMAIL.format(f"new{i}")}]}), connections)


@workload("ListUsers email= filter (200 users)", connections=CONNECTIONS)
def scaled_list_users(h: Harness, connections: int):
    pool_id, _, names = _scaling_users(h)
    return h.time_processes(lambda api, i: api.call("ListUsers", {
        "UserPoolId": pool_id, "Filter": f'email = "{names[i % len(names)]}"'}), connections)
