"""The first thing a user does: start the service and create a pool with the AWS CLI."""

import json
import os
import re
import subprocess
import sys

import requests


def test_health_answers_with_version(cognito_url):
    r = requests.get(cognito_url + "/_cfn_cognito/health")
    assert r.status_code == 200
    assert r.json()["status"] == "ok"


def test_aws_cli_creates_a_pool_shaped_like_aws(cognito_url):
    out = subprocess.run(
        [sys.executable, "-m", "awscli", "--endpoint-url", cognito_url, "cognito-idp",
         "create-user-pool", "--pool-name", "test"],
        capture_output=True, text=True, check=True, env=os.environ,
    )
    pool = json.loads(out.stdout)["UserPool"]
    assert re.fullmatch(r"us-east-1_[0-9A-Za-z]{9}", pool["Id"])
    assert pool["Name"] == "test"
    assert pool["Arn"] == f"arn:aws:cognito-idp:us-east-1:000000000000:userpool/{pool['Id']}"
    assert pool["Policies"]["PasswordPolicy"]["MinimumLength"] == 8
    assert pool["MfaConfiguration"] == "OFF"
    assert pool["EstimatedNumberOfUsers"] == 0
    assert [a["Name"] for a in pool["SchemaAttributes"]][:3] == ["sub", "name", "given_name"]
