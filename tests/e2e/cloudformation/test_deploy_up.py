"""`cfn-cognito up`, and stacks kept across a restart of the service."""

import json
import os
import queue
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

import boto3

from cfn_cognito.testing import LocalCognito, free_port

ROOT = Path(__file__).parents[3]
QUICKSTART = ROOT / "templates" / "quickstart.yaml"


def cli(*args: str, endpoint: str):
    environ = {k: v for k, v in os.environ.items() if k != "CFN_COGNITO_ENDPOINT"}
    return subprocess.run([sys.executable, "-m", "cfn_cognito", *args, "--endpoint", endpoint],
                          capture_output=True, text=True, env=environ, timeout=180)


def idp_at(url):
    return boto3.client("cognito-idp", endpoint_url=url, region_name="us-east-1")


def test_stacks_survive_a_restart(tmp_path):
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    data_dir = str(data_dir)
    with LocalCognito(data_dir=data_dir) as server:
        deployed = cli("deploy", str(QUICKSTART), "--stack-name", "qs", "--json",
                       endpoint=server.url)
        assert deployed.returncode == 0, deployed.stderr
        first = json.loads(deployed.stdout)
    with LocalCognito(data_dir=data_dir) as server:
        shown = json.loads(cli("outputs", "--stack-name", "qs", "--json",
                               endpoint=server.url).stdout)
        # The values are kept; the issuer, written on the old port, gets the new one's URL.
        local = {o["OutputKey"]: o.pop("LocalUrl", None) for o in shown["Outputs"]}
        assert shown == first
        port = server.url.rsplit(":", 1)[1]
        assert local["Issuer"].startswith(f"http://localhost:{port}/us-east-1_")
        pool_id = {o["OutputKey"]: o["OutputValue"] for o in first["Outputs"]}["UserPoolId"]
        assert idp_at(server.url).describe_user_pool(UserPoolId=pool_id)["UserPool"]
        deleted = cli("delete", "--stack-name", "qs", endpoint=server.url)
        assert deleted.returncode == 0, deleted.stderr
        pools = idp_at(server.url).list_user_pools(MaxResults=10)["UserPools"]
        assert pool_id not in {p["Id"] for p in pools}


def _lines(stream, into: queue.Queue):
    for line in stream:
        into.put(line)


def test_up_serves_deploys_and_tells_what_to_call():
    port = free_port()
    data_dir = tempfile.mkdtemp(prefix="cfn-cognito-up-")
    environ = {k: v for k, v in os.environ.items() if k != "CFN_COGNITO_ENDPOINT"}
    process = subprocess.Popen(
        [sys.executable, "-m", "cfn_cognito", "up", str(QUICKSTART), "--port", str(port),
         "--data-dir", data_dir], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        env=environ)
    lines: queue.Queue = queue.Queue()
    threading.Thread(target=_lines, args=(process.stdout, lines), daemon=True).start()
    seen = []
    try:
        deadline = time.monotonic() + 120
        while not any(line.startswith("Serving on") for line in seen):
            assert time.monotonic() < deadline, "".join(seen)
            assert process.poll() is None, "".join(seen)
            try:
                seen.append(lines.get(timeout=1))
            except queue.Empty:
                pass
        text = "".join(seen)
        pool_line = next(line for line in seen if line.strip().startswith("User pool"))
        pool_id = pool_line.split(":")[-1].strip()
        client_line = next(line for line in seen if line.strip().startswith("App client"))
        client_id = client_line.split(":")[-1].strip()
        redirect = urllib.parse.quote("http://localhost:3000/callback", safe="")
        assert (f"Hosted login http://localhost:{port}/login?response_type=code&"
                f"client_id={client_id}&redirect_uri={redirect}") in text
        assert "Stack quickstart: CREATE_COMPLETE" in text
        client = idp_at(f"http://127.0.0.1:{port}").describe_user_pool_client(
            UserPoolId=pool_id, ClientId=client_id)["UserPoolClient"]
        assert client["ClientName"] == "web"
    finally:
        process.send_signal(signal.SIGTERM)
        code = process.wait(timeout=30)
    assert code == 0


def test_up_stops_with_the_reason_when_the_deploy_fails(tmp_path):
    template = tmp_path / "broken.yaml"
    template.write_text("Resources:\n  Pool:\n    Type: AWS::Cognito::UserPool\n"
                        "    Properties: {Nope: 1}\n")
    result = subprocess.run(
        [sys.executable, "-m", "cfn_cognito", "up", str(template), "--port", str(free_port()),
         "--in-memory"], capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    assert "'Nope' was unexpected" in result.stderr
    assert "not deployed, 1 error in the template" in result.stderr
