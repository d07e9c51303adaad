"""kill -9 of the server in the middle of a mixed write load from several clients: after a
restart on the same data directory, every write that was answered 200 is there, the pool's
signing keys are the same (a token issued before still works) and the store is sound."""

from __future__ import annotations

import signal
import threading
import time

import boto3
import requests

import store_snapshot
import write_load
from cfn_cognito.testing import LocalCognito, free_port, wants_postgres
from hardening_settings import LOAD_SECONDS, WRITERS


def _jwks(url: str, pool_id: str) -> dict:
    r = requests.get(f"{url}/{pool_id}/.well-known/jwks.json", timeout=10)
    assert r.status_code == 200, r.text
    return r.json()


def test_kill_9_under_load_loses_no_acknowledged_write(tmp_path, tally):
    (tmp_path / "data").mkdir()
    data_dir, port = str(tmp_path / "data"), free_port()
    server = LocalCognito(data_dir=data_dir, port=port).start()
    try:
        idp = boto3.client("cognito-idp", endpoint_url=server.url, region_name="us-east-1")
        pool = idp.create_user_pool(PoolName="durable")["UserPool"]
        client = idp.create_user_pool_client(
            UserPoolId=pool["Id"], ClientName="app",
            ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
        )["UserPoolClient"]
        idp.admin_create_user(UserPoolId=pool["Id"], Username="keeper", MessageAction="SUPPRESS")
        idp.admin_set_user_password(UserPoolId=pool["Id"], Username="keeper",
                                    Password=write_load.PASSWORD, Permanent=True)
        signed_in = idp.initiate_auth(
            ClientId=client["ClientId"], AuthFlow="USER_PASSWORD_AUTH",
            AuthParameters={"USERNAME": "keeper", "PASSWORD": write_load.PASSWORD},
        )["AuthenticationResult"]
        keys_before = _jwks(server.url, pool["Id"])

        stop = threading.Event()
        writers = write_load.run_load([server.url], pool["Id"], client["ClientId"], WRITERS, stop)
        time.sleep(LOAD_SECONDS)
        server.stop(signal.SIGKILL)         # mid-load: requests are in flight
        stop.set()
        for writer in writers:
            writer.join(timeout=30)
    finally:
        server.stop()

    ledger = write_load.Ledger()
    for writer in writers:
        ledger.merge(writer.ledger)
    assert not [k for k in ledger.refused if ": 5" in k], ledger.refused
    assert len(ledger.acknowledged) > 50, "the load did not get going"
    if not wants_postgres():    # SQLite's own check of its file (PostgreSQL keeps its own)
        assert store_snapshot.integrity(data_dir) == "ok"

    with LocalCognito(data_dir=data_dir, port=port) as again:
        lost = write_load.missing(again.url, pool["Id"], ledger)
        assert not lost, f"{len(lost)} acknowledged writes lost: {lost[:10]}"
        assert _jwks(again.url, pool["Id"]) == keys_before
        idp = boto3.client("cognito-idp", endpoint_url=again.url, region_name="us-east-1")
        assert idp.get_user(AccessToken=signed_in["AccessToken"])["Username"] == "keeper"
        assert idp.get_tokens_from_refresh_token(RefreshToken=signed_in["RefreshToken"],
                                                 ClientId=client["ClientId"])
        log = again.log()
    assert "Traceback" not in log, log[-3000:]
    tally["durability"]["writes acknowledged before kill -9"] += len(ledger.acknowledged)
    tally["durability"]["acknowledged writes found after restart"] += (
        len(ledger.acknowledged) - len(lost))
    tally["durability"]["writes in flight at the kill"] += len(ledger.unsure)
