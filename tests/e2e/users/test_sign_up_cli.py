"""The seed's walkthrough with the real AWS CLI: create a pool and a client, sign up, read
the code from the server log, confirm, and see the user CONFIRMED in list-users."""

import json
import os
import re
import subprocess
import sys
import uuid

from user_helpers import inbox


def aws(url, *args, check=True):
    out = subprocess.run([sys.executable, "-m", "awscli", "--endpoint-url", url, "cognito-idp",
                          *args], capture_output=True, text=True, env=os.environ, timeout=60)
    if check:
        assert out.returncode == 0, out.stderr
    return out


def test_sign_up_walkthrough_with_the_aws_cli(cognito_server):
    url = cognito_server.url
    pool = json.loads(aws(url, "create-user-pool", "--pool-name", "seed").stdout)["UserPool"]
    client = json.loads(aws(url, "create-user-pool-client", "--user-pool-id", pool["Id"],
                            "--client-name", "web").stdout)["UserPoolClient"]
    username = f"jane-{uuid.uuid4().hex[:8]}"
    sign_up = ["sign-up", "--client-id", client["ClientId"], "--username", username,
               "--user-attributes", "Name=email,Value=jane@example.com"]

    weak = aws(url, *sign_up, "--password", "12345678", check=False)
    assert weak.returncode != 0
    assert "InvalidPasswordException" in weak.stderr
    assert "Password did not conform with policy" in weak.stderr

    out = json.loads(aws(url, *sign_up, "--password", "Passw0rd!").stdout)
    assert out["UserConfirmed"] is False

    found = re.findall(rf"Confirmation code for Cognito user {re.escape(username)}: (\d{{6}})\b",
                       cognito_server.log())
    assert len(found) == 1
    code = found[0]
    assert inbox(url, pool, username)[-1]["code"] == code

    wrong = aws(url, "confirm-sign-up", "--client-id", client["ClientId"], "--username", username,
                "--confirmation-code", f"{(int(code) + 1) % 10**6:06d}", check=False)
    assert wrong.returncode != 0 and "CodeMismatchException" in wrong.stderr

    aws(url, "confirm-sign-up", "--client-id", client["ClientId"], "--username", username,
        "--confirmation-code", code)
    listed = json.loads(aws(url, "list-users", "--user-pool-id", pool["Id"]).stdout)["Users"]
    [user] = listed
    attributes = {a["Name"]: a["Value"] for a in user["Attributes"]}
    assert user["Username"] == username and user["UserStatus"] == "CONFIRMED"
    assert attributes["email"] == "jane@example.com"
    assert attributes["sub"] == out["UserSub"]
    aws(url, "delete-user-pool", "--user-pool-id", pool["Id"])
