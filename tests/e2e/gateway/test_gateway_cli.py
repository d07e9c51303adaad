"""What `cfn-cognito deploy` and `outputs` tell about a stack's APIs: each stage's local URLs
(the /restapis/ form first), the routes with their authorization, and the local URL of each
output written in AWS's form."""

import json
import os
import queue
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time

import requests

from cfn_cognito.testing import free_port
from gateway_helpers import TEMPLATES


def cli(*args: str, endpoint: str):
    environ = {k: v for k, v in os.environ.items() if k != "CFN_COGNITO_ENDPOINT"}
    return subprocess.run([sys.executable, "-m", "cfn_cognito", *args, "--endpoint", endpoint],
                          capture_output=True, text=True, env=environ, timeout=180)


def test_deploy_prints_where_the_api_answers(cognito_url, cognito_server):
    template = str(TEMPLATES / "api-rest-cognito.yaml")
    result = cli("deploy", template, "--stack-name", "gwcli", endpoint=cognito_url)
    try:
        assert result.returncode == 0, result.stderr
        lines = result.stdout.splitlines()
        api_id = next(line.split("(")[1].rstrip("):") for line in lines
                      if line.startswith("REST API "))
        port = cognito_server.port
        path_form = f"http://localhost:{port}/restapis/{api_id}/dev/_user_request_"
        host_form = f"http://{api_id}.execute-api.localhost:{port}/dev"
        where = [i for i, line in enumerate(lines) if path_form in line or host_form in line]
        assert len(where) >= 3
        assert path_form in lines[where[0]] and host_form in lines[where[1]]
        assert any("GET" in line and "/me" in line and "COGNITO_USER_POOLS (users)" in line
                   for line in lines)
        assert any("/admin" in line and "scopes: aws.cognito.signin.user.admin email" in line
                   for line in lines)
        local = lines[lines.index("Outputs, locally:") + 1]
        assert local.split() == ["ApiUrl", path_form]
        # What it printed can be called as it is.
        hello = requests.get(path_form.replace("localhost", "127.0.0.1") + "/hello", timeout=30)
        assert hello.status_code == 200

        answer = json.loads(cli("outputs", "--stack-name", "gwcli", "--json",
                                endpoint=cognito_url).stdout)
        outputs = {o["OutputKey"]: o for o in answer["Outputs"]}
        assert outputs["ApiUrl"]["OutputValue"] == \
            f"https://{api_id}.execute-api.us-east-1.amazonaws.com/dev"
        assert outputs["ApiUrl"]["LocalUrl"] == path_form
        assert "LocalUrl" not in outputs["UserPoolId"]
        assert answer["Apis"][0]["Stages"][0]["HostUrl"] == host_form
    finally:
        cli("delete", "--stack-name", "gwcli", endpoint=cognito_url)


def _lines(stream, into: queue.Queue):
    for line in stream:
        into.put(line)


def test_up_tells_where_the_api_answers_and_serves_it():
    port = free_port()
    data_dir = tempfile.mkdtemp(prefix="cfn-cognito-up-gw-")
    environ = {k: v for k, v in os.environ.items() if k != "CFN_COGNITO_ENDPOINT"}
    process = subprocess.Popen(
        [sys.executable, "-m", "cfn_cognito", "up", str(TEMPLATES / "api-http-jwt.yaml"),
         "--port", str(port), "--data-dir", data_dir], stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT, text=True, env=environ)
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
        stage = next(line for line in seen if line.strip().startswith("stage $default:"))
        url = stage.split(": ", 1)[1].strip()
        assert url.startswith(f"http://localhost:{port}/restapis/") and "$default" in url
        assert any("GET  /me" in line and "JWT (users)" in line for line in seen)
        answer = requests.get(url.replace("localhost", "127.0.0.1") + "/public", timeout=30)
        assert answer.status_code == 200 and answer.json()["routeKey"] == "GET /public"
    finally:
        process.send_signal(signal.SIGTERM)
        code = process.wait(timeout=30)
        shutil.rmtree(data_dir, ignore_errors=True)
    assert code == 0
