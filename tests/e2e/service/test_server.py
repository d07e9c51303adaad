"""The `cfn-cognito serve` process: state across restarts, --in-memory, flags and environment,
SIGTERM, reset, health, and the AWS CLI against it. Each test runs its own server."""

import contextlib
import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import boto3
import pytest
import requests

from aws_wire import aws_cli
from cfn_cognito import __version__
from cfn_cognito.testing import LocalCognito, free_port, wants_postgres


def _idp(server_or_url, region="us-east-1"):
    url = getattr(server_or_url, "url", server_or_url)
    return boto3.client("cognito-idp", endpoint_url=url, region_name=region)


@contextlib.contextmanager
def _serve_from_environment(env: dict, port: int, log: Path):
    """`cfn-cognito serve` with no flags at all, configured by env only."""
    with open(log, "wb") as out:
        process = subprocess.Popen([sys.executable, "-m", "cfn_cognito", "serve"],
                                   env={**os.environ, **env}, stdout=out, stderr=subprocess.STDOUT)
        try:
            url = f"http://127.0.0.1:{port}"
            deadline = time.monotonic() + 30
            while True:
                assert process.poll() is None, log.read_text()
                try:
                    urllib.request.urlopen(url + "/_cfn_cognito/health", timeout=1).close()
                    break
                except OSError:
                    assert time.monotonic() < deadline, log.read_text()
                    time.sleep(0.05)
            yield url
        finally:
            process.send_signal(signal.SIGTERM)
            process.wait(timeout=15)


def _database_dir(server: LocalCognito) -> Path | None:
    """Where the running server keeps its SQLite file, read from the open files of its
    processes (the worker processes hold the store)."""
    pid = server.process.pid
    children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    for process in (pid, *children):
        for fd in Path(f"/proc/{process}/fd").iterdir():
            with contextlib.suppress(OSError):
                target = Path(os.readlink(fd))
                if target.name == "cognito.db":
                    return target.parent
    return None


def _populate(idp) -> dict:
    pool = idp.create_user_pool(PoolName="durable", UserPoolTags={"k": "v"},
                                Schema=[{"Name": "tier", "AttributeDataType": "String"}])["UserPool"]
    client = idp.create_user_pool_client(UserPoolId=pool["Id"], ClientName="app",
                                         GenerateSecret=True)["UserPoolClient"]
    group = idp.create_group(UserPoolId=pool["Id"], GroupName="admins", Precedence=1)["Group"]
    server = idp.create_resource_server(UserPoolId=pool["Id"], Identifier="api", Name="API",
                                        Scopes=[{"ScopeName": "read", "ScopeDescription": "r"}])
    domain = f"durable-{os.getpid()}-{time.monotonic_ns() % 100000}"
    idp.create_user_pool_domain(UserPoolId=pool["Id"], Domain=domain)
    return {"pool": idp.describe_user_pool(UserPoolId=pool["Id"])["UserPool"], "client": client,
            "group": group, "server": server["ResourceServer"], "domain": domain}


def _assert_still_there(idp, state: dict) -> None:
    pool_id = state["pool"]["Id"]
    assert idp.describe_user_pool(UserPoolId=pool_id)["UserPool"] == state["pool"]
    assert idp.describe_user_pool_client(UserPoolId=pool_id, ClientId=state["client"]["ClientId"])[
        "UserPoolClient"] == state["client"]
    assert idp.get_group(UserPoolId=pool_id, GroupName="admins")["Group"] == state["group"]
    assert idp.describe_resource_server(UserPoolId=pool_id, Identifier="api")["ResourceServer"] == state["server"]
    assert idp.describe_user_pool_domain(Domain=state["domain"])["DomainDescription"]["UserPoolId"] == pool_id


def test_state_survives_a_restart_on_the_same_data_dir(tmp_path):
    with LocalCognito(data_dir=str(tmp_path)) as first:
        state = _populate(_idp(first))
    with LocalCognito(data_dir=str(tmp_path)) as second:
        _assert_still_there(_idp(second), state)


def test_acknowledged_writes_survive_kill_9(tmp_path):
    server = LocalCognito(data_dir=str(tmp_path)).start()
    try:
        state = _populate(_idp(server))
    finally:
        server.stop(signal.SIGKILL)
    with LocalCognito(data_dir=str(tmp_path)) as again:
        _assert_still_there(_idp(again), state)


def test_sigterm_stops_the_server_cleanly(tmp_path):
    server = LocalCognito(data_dir=str(tmp_path)).start()
    _idp(server).create_user_pool(PoolName="p")
    # stop() waits 15 s before it kills; 0 means the server exited by itself.
    assert server.stop(signal.SIGTERM) == 0
    assert "stopped" in server.log()
    assert "Traceback" not in server.log()


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc to find the database")
@pytest.mark.skipif(wants_postgres(), reason="looks for SQLite's file among the open files")
def test_in_memory_leaves_nothing_behind(tmp_path):
    server = LocalCognito("--in-memory", data_dir=str(tmp_path)).start()
    try:
        pool = _idp(server).create_user_pool(PoolName="throwaway")["UserPool"]
        where = _database_dir(server)
        assert where is not None and where != tmp_path
        assert not list(tmp_path.glob("cognito.db*"))
    finally:
        assert server.stop() == 0
    assert not where.exists()
    with LocalCognito("--in-memory", data_dir=str(tmp_path)) as again:
        with pytest.raises(_idp(again).exceptions.ResourceNotFoundException):
            _idp(again).describe_user_pool(UserPoolId=pool["Id"])


def test_the_environment_configures_the_server(tmp_path):
    port = free_port()
    env = {"CFN_COGNITO_PORT": str(port), "CFN_COGNITO_REGION": "eu-central-1",
           "CFN_COGNITO_ACCOUNT_ID": "123456789012", "CFN_COGNITO_DATA_DIR": str(tmp_path / "state")}
    with _serve_from_environment(env, port, tmp_path / "log") as url:
        pool = _idp(url, "eu-central-1").create_user_pool(PoolName="env")["UserPool"]
    assert pool["Id"].startswith("eu-central-1_")
    assert pool["Arn"] == f"arn:aws:cognito-idp:eu-central-1:123456789012:userpool/{pool['Id']}"
    assert (tmp_path / "state" / "cognito.db").exists()


def test_flags_win_over_the_environment(tmp_path):
    env = {"CFN_COGNITO_REGION": "ap-south-1", "CFN_COGNITO_ACCOUNT_ID": "999999999999",
           "CFN_COGNITO_PORT": "1"}
    with LocalCognito("--region", "eu-west-1", "--account-id", "111122223333", env=env,
                      data_dir=str(tmp_path)) as server:
        pool = aws_cli(server.url, "create-user-pool", "--pool-name", "regional",
                       region="eu-west-1")["UserPool"]
        listed = _idp(server, "eu-west-1").list_user_pools(MaxResults=10)
    assert pool["Id"].startswith("eu-west-1_")
    assert pool["Arn"] == f"arn:aws:cognito-idp:eu-west-1:111122223333:userpool/{pool['Id']}"
    assert [p["Id"] for p in listed["UserPools"]] == [pool["Id"]]


def test_reset_empties_everything(tmp_path):
    with LocalCognito(data_dir=str(tmp_path)) as server:
        idp = _idp(server)
        state = _populate(idp)
        r = requests.post(server.url + "/_cfn_cognito/reset")
        assert r.status_code == 200
        assert idp.list_user_pools(MaxResults=60)["UserPools"] == []
        assert idp.describe_user_pool_domain(Domain=state["domain"])["DomainDescription"] == {}
        with pytest.raises(idp.exceptions.ResourceNotFoundException):
            idp.describe_user_pool_client(UserPoolId=state["pool"]["Id"],
                                          ClientId=state["client"]["ClientId"])
        # The same names can be used again at once.
        again = idp.create_user_pool(PoolName="durable")["UserPool"]
        idp.create_user_pool_domain(UserPoolId=again["Id"], Domain=state["domain"])


def test_health_reports_the_version(cognito_url):
    r = requests.get(cognito_url + "/_cfn_cognito/health")
    assert (r.status_code, r.json()) == (200, {"status": "ok", "version": __version__})


def test_the_aws_cli_works_end_to_end(cognito_url):
    pool = aws_cli(cognito_url, "create-user-pool", "--pool-name", "cli-pool")["UserPool"]
    client = aws_cli(cognito_url, "create-user-pool-client", "--user-pool-id", pool["Id"],
                     "--client-name", "app", "--generate-secret")["UserPoolClient"]
    assert client["UserPoolId"] == pool["Id"] and client["ClientSecret"]
    assert aws_cli(cognito_url, "delete-user-pool", "--user-pool-id", pool["Id"]) == {}
    missing = subprocess.run(
        [sys.executable, "-m", "awscli", "--endpoint-url", cognito_url, "cognito-idp",
         "describe-user-pool", "--user-pool-id", pool["Id"]],
        capture_output=True, text=True, env=os.environ, timeout=60)
    assert missing.returncode != 0
    assert f"(ResourceNotFoundException) when calling the DescribeUserPool operation: " \
           f"User pool {pool['Id']} does not exist." in missing.stderr


@pytest.mark.parametrize("env,args,expected", [
    ({"CFN_COGNITO_PORT": "abc"}, [], "CFN_COGNITO_PORT"),
    ({"CFN_COGNITO_IN_MEMORY": "maybe"}, [], "CFN_COGNITO_IN_MEMORY"),
    ({}, ["--port", "99999"], "port must be between 1 and 65535"),
    ({}, ["--log-level", "loud"], "log level"),
])
def test_bad_settings_stop_the_start_with_a_message(tmp_path, env, args, expected):
    r = subprocess.run([sys.executable, "-m", "cfn_cognito", "serve", "--data-dir", str(tmp_path), *args],
                       env={**os.environ, **env}, capture_output=True, text=True, timeout=30)
    assert r.returncode == 2
    assert expected in r.stderr
    assert "Traceback" not in r.stderr


def test_a_taken_port_is_reported_plainly(tmp_path, cognito_server):
    r = subprocess.run([sys.executable, "-m", "cfn_cognito", "serve", "--data-dir", str(tmp_path),
                        "--port", str(cognito_server.port)], capture_output=True, text=True, timeout=30)
    assert r.returncode == 1
    assert f"cannot listen on 127.0.0.1:{cognito_server.port}" in r.stderr
    assert "Traceback" not in r.stderr
