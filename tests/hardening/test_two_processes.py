"""Two server processes on one data directory, under load through both at once: they see the
same pool, lose no update (read-modify-write of one pool document from both), sign a
contested username up once, and never answer "database is locked" (or any 5xx)."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import boto3
import botocore.config
import requests

import hardening_wire as wire
import write_load
from cfn_cognito.testing import LocalCognito, free_port
from hardening_settings import LOAD_SECONDS, WRITERS


def _idp(url: str):
    return boto3.client("cognito-idp", endpoint_url=url, region_name="us-east-1",
                        config=botocore.config.Config(retries={"max_attempts": 0},
                                                      max_pool_connections=32))


def _everything(url: str, pool_id: str) -> dict:
    """What a server shows of a pool: its description, users, groups and tags."""
    idp = _idp(url)
    users = [u["Username"] for page in idp.get_paginator("list_users").paginate(UserPoolId=pool_id)
             for u in page["Users"]]
    groups = [g["GroupName"] for page in idp.get_paginator("list_groups").paginate(
        UserPoolId=pool_id) for g in page["Groups"]]
    pool = idp.describe_user_pool(UserPoolId=pool_id)["UserPool"]
    return {"users": sorted(users), "groups": sorted(groups),
            "attributes": sorted(a["Name"] for a in pool["SchemaAttributes"]),
            "tags": pool.get("UserPoolTags", {}), "modified": pool["LastModifiedDate"]}


def test_two_servers_on_one_data_dir_stay_consistent(tmp_path, tally):
    (tmp_path / "data").mkdir()
    data_dir = str(tmp_path / "data")
    # One public URL for both, as behind one address: tokens of one verify at the other.
    public = f"http://localhost:{free_port()}"
    first = LocalCognito("--public-url", public, data_dir=data_dir).start()
    second = LocalCognito("--public-url", public, data_dir=data_dir).start()
    try:
        urls = [first.url, second.url]
        idp = _idp(first.url)
        pool = idp.create_user_pool(PoolName="shared")["UserPool"]
        client = idp.create_user_pool_client(UserPoolId=pool["Id"], ClientName="app",
                                             ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH",
                                                                "ALLOW_REFRESH_TOKEN_AUTH"])
        client_id = client["UserPoolClient"]["ClientId"]

        stop = threading.Event()
        writers = write_load.run_load(urls, pool["Id"], client_id, WRITERS, stop)
        contested = _contest_while_loaded(urls, pool["Id"], client_id)
        time.sleep(max(0.0, LOAD_SECONDS - 1))
        stop.set()
        for writer in writers:
            writer.join(timeout=60)

        ledger = write_load.Ledger()
        for writer in writers:
            ledger.merge(writer.ledger)
        assert not ledger.unsure, f"requests went unanswered: {ledger.unsure[:5]}"
        assert not [k for k in ledger.refused if ": 5" in k], ledger.refused
        assert len(ledger.acknowledged) > 50, "the load did not get going"
        for url in urls:
            assert not write_load.missing(url, pool["Id"], ledger)
        seen = [_everything(url, pool["Id"]) for url in urls]
        assert seen[0] == seen[1]
        contested.check(seen[0])
        # A token issued by one is good at the other.
        tokens = _idp(first.url).initiate_auth(
            ClientId=client_id, AuthFlow="USER_PASSWORD_AUTH",
            AuthParameters={"USERNAME": contested.winner, "PASSWORD": write_load.PASSWORD},
        )["AuthenticationResult"]
        assert _idp(second.url).get_user(AccessToken=tokens["AccessToken"])
        logs = first.log() + second.log()
    finally:
        first.close()
        second.close()
    assert "database is locked" not in logs and "Traceback" not in logs, logs[-3000:]
    tally["two processes"]["writes acknowledged"] += len(ledger.acknowledged)
    tally["two processes"]["contested updates kept"] += contested.kept


class _Contest:
    """Simultaneous changes through both servers that only a lost update could spoil."""

    def __init__(self):
        self.results: dict[str, list] = {}
        self.winner = ""
        self.kept = 0

    def check(self, seen: dict) -> None:
        sign_ups = self.results["sign-up"]
        assert sign_ups.count(200) == 1, sign_ups
        assert set(sign_ups) == {200, "UsernameExistsException"}, sign_ups
        assert self.winner in seen["users"]
        added = [f"custom:c{i}" for i in range(len(self.results["attributes"]))]
        assert all(r == 200 for r in self.results["attributes"]), self.results["attributes"]
        assert set(added) <= set(seen["attributes"]), seen["attributes"]
        assert all(r == 200 for r in self.results["tags"]), self.results["tags"]
        assert {f"t{i}": str(i) for i in range(len(self.results["tags"]))}.items() <= \
            seen["tags"].items(), seen["tags"]
        self.kept = len(added) + len(self.results["tags"])


def _contest_while_loaded(urls: list[str], pool_id: str, client_id: str) -> _Contest:
    contest = _Contest()
    contest.winner = "contested"
    http = [requests.Session() for _ in range(32)]

    def run(job):
        n, operation, body = job
        answer = wire.call(http[n % len(http)], urls[n % 2], "cognito-idp", operation, body)
        assert answer.status < 500, (operation, answer.status, answer.body[:300])
        return 200 if answer.status == 200 else answer.error_type

    jobs = {
        "sign-up": [("SignUp", {"ClientId": client_id, "Username": contest.winner,
                                "Password": write_load.PASSWORD})] * 8,
        # Each of these rewrites the pool's one document: a lost update drops one.
        "attributes": [("AddCustomAttributes", {"UserPoolId": pool_id, "CustomAttributes": [
            {"Name": f"c{i}", "AttributeDataType": "String"}]}) for i in range(10)],
        "tags": [("TagResource", {"ResourceArn": f"arn:aws:cognito-idp:us-east-1:000000000000:"
                                                 f"userpool/{pool_id}", "Tags": {f"t{i}": str(i)}})
                 for i in range(10)],
    }
    with ThreadPoolExecutor(16) as pool:
        for name, calls in jobs.items():
            contest.results[name] = list(pool.map(run, [(n, op, body) for n, (op, body)
                                                        in enumerate(calls)]))
    # The contested user gets a password, to sign in with below.
    _idp(urls[0]).admin_confirm_sign_up(UserPoolId=pool_id, Username=contest.winner)
    return contest
