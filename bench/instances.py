"""Throughput of one vs two instances on PostgreSQL, against one instance on SQLite, in one run.

    .venv/bin/python -m bench.instances [--seconds 10] [--clients 4] [--users 50]

Needs PostgreSQL's server programs (Debian: `apt-get install postgresql`): a throwaway cluster
is started on a free loopback port (cfn_cognito.testing_postgres). Each configuration gets a
fresh database (or data directory), one pool, one app client and `--users` confirmed users;
then `--clients` client processes (one connection each: threads in one process would share
its GIL and measure the client) each send, for `--seconds`, the mix an app sends (a password
sign-in, then GetUser with its token) to the instance `client number mod instances`, as a
load balancer spreading connections would. Prints a markdown table of calls per second.
"""

from __future__ import annotations

import argparse
import multiprocessing
import time

import requests

from cfn_cognito import testing_postgres
from cfn_cognito.testing import LocalCognito

PASSWORD = "Passw0rd!"
TARGET = "AWSCognitoIdentityProviderService."


def _call(session: requests.Session, url: str, operation: str, body: dict) -> dict:
    answer = session.post(url, json=body, timeout=30, headers={
        "X-Amz-Target": TARGET + operation, "Content-Type": "application/x-amz-json-1.1"})
    answer.raise_for_status()
    return answer.json()


def _seed(url: str, users: int) -> tuple[str, list[str]]:
    with requests.Session() as s:
        pool = _call(s, url, "CreateUserPool", {"PoolName": "bench"})["UserPool"]["Id"]
        client = _call(s, url, "CreateUserPoolClient", {
            "UserPoolId": pool, "ClientName": "bench",
            "ExplicitAuthFlows": ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
        })["UserPoolClient"]["ClientId"]
        names = [f"user{n}" for n in range(users)]
        for name in names:
            _call(s, url, "AdminCreateUser", {"UserPoolId": pool, "Username": name,
                                              "MessageAction": "SUPPRESS"})
            _call(s, url, "AdminSetUserPassword", {"UserPoolId": pool, "Username": name,
                                                   "Password": PASSWORD, "Permanent": True})
    return client, names


def _client(url: str, client_id: str, names: list[str], seconds: float, offset: int) -> int:
    calls, n = 0, offset
    deadline = time.monotonic() + seconds
    with requests.Session() as s:
        while time.monotonic() < deadline:
            name = names[n % len(names)]
            n += 1
            auth = _call(s, url, "InitiateAuth", {
                "ClientId": client_id, "AuthFlow": "USER_PASSWORD_AUTH",
                "AuthParameters": {"USERNAME": name, "PASSWORD": PASSWORD}})
            _call(s, url, "GetUser", {"AccessToken": auth["AuthenticationResult"]["AccessToken"]})
            calls += 2
    return calls


def measure(servers: list[LocalCognito], args) -> float:
    client_id, names = _seed(servers[0].url, args.users)
    jobs = [(servers[i % len(servers)].url, client_id, names, args.seconds, i * 7)
            for i in range(args.clients)]
    with multiprocessing.get_context("spawn").Pool(args.clients) as workers:
        started = time.monotonic()
        counts = workers.starmap(_client, jobs)
        elapsed = time.monotonic() - started
    return sum(counts) / max(elapsed, args.seconds)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.instances")
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--users", type=int, default=50)
    args = parser.parse_args(argv)
    cluster = testing_postgres.cluster()
    rows = []
    configurations = [("1 instance, SQLite", None, 1), ("1 instance, PostgreSQL", "pg", 1),
                      ("2 instances, PostgreSQL", "pg", 2)]
    for title, engine, count in configurations:
        url = cluster.create_database() if engine else None
        servers = [LocalCognito(database_url=url) if url else LocalCognito()
                   for _ in range(count)]
        try:
            for server in servers:
                server.start()
            rate = measure(servers, args)
        finally:
            for server in servers:
                server.close()
            if url:
                cluster.drop_database(url)
        rows.append((title, rate))
        print(f"bench.instances: {title}: {rate:.0f} calls/s", flush=True)
    print(f"\n{args.clients} client processes, {args.seconds:.0f} s each, InitiateAuth "
          "(USER_PASSWORD_AUTH) + GetUser\n")
    print("| configuration | calls/s |\n| --- | --- |")
    for title, rate in rows:
        print(f"| {title} | {rate:.0f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
