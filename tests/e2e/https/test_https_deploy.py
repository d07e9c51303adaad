"""`aws cloudformation deploy` over https (the AWS CLI trusting the CA through AWS_CA_BUNDLE
from `cfn-cognito ca env`), and `cfn-cognito up --https`: the stack's Issuer output and the
printed login URL are https ones."""

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import requests

from cfn_cognito.testing import free_port
from https_helpers import ca_env, environ, https_server  # noqa: F401 (https_server: a fixture)

QUICKSTART = Path(__file__).parents[3] / "templates" / "quickstart.yaml"


def cloudformation(url: str, env: dict, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in env.items() if k != "AWS_PROFILE"}
    return subprocess.run([sys.executable, "-m", "awscli", "--endpoint-url", url, "--output",
                           "json", "cloudformation", *args], capture_output=True, text=True,
                          env=env, timeout=300)


def test_aws_cloudformation_deploy_over_https(https_server):
    env = environ(AWS_CA_BUNDLE=ca_env(https_server.data_dir)["AWS_CA_BUNDLE"])
    deployed = cloudformation(https_server.https_url, env, "deploy", "--template-file",
                              str(QUICKSTART), "--stack-name", "secure",
                              "--parameter-overrides", "DomainPrefix=secure-shop")
    assert deployed.returncode == 0, deployed.stdout + deployed.stderr
    assert "Successfully created/updated stack - secure" in deployed.stdout

    described = cloudformation(https_server.https_url, env, "describe-stacks", "--stack-name",
                               "secure")
    assert described.returncode == 0, described.stderr
    stack = json.loads(described.stdout)["Stacks"][0]
    assert stack["StackStatus"] == "CREATE_COMPLETE"
    outputs = {o["OutputKey"]: o["OutputValue"] for o in stack["Outputs"]}
    assert outputs["Issuer"] == f"{https_server.https_url}/{outputs['UserPoolId']}"


def test_up_with_https_prints_https_urls(tmp_path):
    port, https_port = free_port(), free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "cfn_cognito", "up", str(QUICKSTART), "--port", str(port),
         "--https", "--https-port", str(https_port), "--data-dir", str(tmp_path / "state")],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, cwd=tmp_path,
        env={**os.environ})
    lines = []
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            line = process.stdout.readline()
            if not line:
                break
            lines.append(line)
            if "until Ctrl-C" in line:
                break
        text = "".join(lines)
        base = f"https://localhost:{https_port}"
        assert f"Serving on {base} until Ctrl-C." in text, text
        login = next(word for line in lines for word in line.split()
                     if word.startswith(f"{base}/login?"))
        page = requests.get(login, verify=str(tmp_path / "state" / "tls" / "ca.pem"), timeout=15)
        assert page.status_code == 200 and "Sign in" in page.text
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)
