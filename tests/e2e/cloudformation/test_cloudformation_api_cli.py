"""The real AWS CLI against the service, unchanged but for --endpoint-url:
`aws cloudformation deploy` (change sets and waiters) to create, to update, with
--no-execute-changeset then describe-change-set and execute-change-set, a template that
fails and rolls back with its reason in the events, and delete-stack with its waiter."""

import json
import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[3]
QUICKSTART = ROOT / "templates" / "quickstart.yaml"

BAD_CLIENT = """
  BadClient:
    Type: AWS::Cognito::UserPoolClient
    Properties:
      UserPoolId: !Ref UserPool
      AllowedOAuthFlowsUserPoolClient: true
      AllowedOAuthFlows: [code]
      CallbackURLs: [https://example.com/cb]
      AllowedOAuthScopes: [missing/scope]
"""


_last_deploy_ended = [0]


def _after_the_second_the_last_deploy_ended() -> None:
    # The CLI names its change set after the second it reads the clock in, some time after
    # it starts, and a stack keeps its change sets (AWS answers AlreadyExistsException to
    # the same name twice, as we do): deploys against AWS never share a second; here they
    # could. A deploy that starts after the second the previous one ended cannot.
    while int(time.time()) <= _last_deploy_ended[0]:
        time.sleep(0.02)


def aws(url: str, *args: str) -> subprocess.CompletedProcess:
    deploying = args[:1] == ("deploy",)
    if deploying:
        _after_the_second_the_last_deploy_ended()
    environ = {k: v for k, v in os.environ.items() if not k.startswith("AWS_PROFILE")}
    done = subprocess.run([sys.executable, "-m", "awscli", "--endpoint-url", url,
                           "--output", "json", "cloudformation", *args],
                          capture_output=True, text=True, env=environ, timeout=300)
    if deploying:
        _last_deploy_ended[0] = int(time.time())
    return done


def ok(result: subprocess.CompletedProcess) -> str:
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def stack(url: str, name: str) -> dict:
    return json.loads(ok(aws(url, "describe-stacks", "--stack-name", name)))["Stacks"][0]


def outputs(found: dict) -> dict:
    return {o["OutputKey"]: o["OutputValue"] for o in found.get("Outputs", [])}


@pytest.fixture
def name():
    return "q" + uuid.uuid4().hex[:10]


def test_deploy_update_review_and_delete_with_the_aws_cli(cognito_url, idp, name):
    deploy = ("deploy", "--template-file", str(QUICKSTART), "--stack-name", name)
    created = ok(aws(cognito_url, *deploy, "--parameter-overrides", f"DomainPrefix={name}"))
    assert f"Successfully created/updated stack - {name}" in created
    found = stack(cognito_url, name)
    assert found["StackStatus"] == "CREATE_COMPLETE"
    pool_id, client_id = outputs(found)["UserPoolId"], outputs(found)["UserPoolClientId"]
    assert idp.describe_user_pool(UserPoolId=pool_id)["UserPool"]["Name"] == f"{name}-users"

    # The same template again: nothing to do, which the CLI fails on unless told not to.
    again = aws(cognito_url, *deploy)
    assert again.returncode != 0
    assert f"No changes to deploy. Stack {name} is up to date" in again.stderr
    ok(aws(cognito_url, *deploy, "--no-fail-on-empty-changeset"))

    # A change: the callback URL, through an UPDATE change set; the other parameter keeps
    # its value (the CLI sends UsePreviousValue for it).
    updated = ok(aws(cognito_url, *deploy, "--parameter-overrides",
                     "CallbackUrl=http://localhost:4000/cb"))
    assert f"Successfully created/updated stack - {name}" in updated
    found = stack(cognito_url, name)
    assert found["StackStatus"] == "UPDATE_COMPLETE"
    assert {p["ParameterKey"]: p["ParameterValue"] for p in found["Parameters"]} == {
        "CallbackUrl": "http://localhost:4000/cb", "DomainPrefix": name}
    client = idp.describe_user_pool_client(UserPoolId=pool_id, ClientId=client_id)
    assert client["UserPoolClient"]["CallbackURLs"] == ["http://localhost:4000/cb"]

    # --no-execute-changeset: reviewed, then executed by hand.
    reviewed = ok(aws(cognito_url, *deploy, "--no-execute-changeset", "--parameter-overrides",
                      "CallbackUrl=http://localhost:5000/cb"))
    change_set = reviewed.split("--change-set-name ")[1].split()[0]
    described = json.loads(ok(aws(cognito_url, "describe-change-set", "--change-set-name",
                                  change_set)))
    assert (described["Status"], described["ExecutionStatus"]) == ("CREATE_COMPLETE",
                                                                   "AVAILABLE")
    assert [(c["ResourceChange"]["LogicalResourceId"], c["ResourceChange"]["Action"],
             c["ResourceChange"]["Replacement"]) for c in described["Changes"]] == [
        ("WebClient", "Modify", "False")]
    assert stack(cognito_url, name)["StackStatus"] == "UPDATE_COMPLETE"   # not applied yet
    ok(aws(cognito_url, "execute-change-set", "--change-set-name", change_set))
    ok(aws(cognito_url, "wait", "stack-update-complete", "--stack-name", name))
    client = idp.describe_user_pool_client(UserPoolId=pool_id, ClientId=client_id)
    assert client["UserPoolClient"]["CallbackURLs"] == ["http://localhost:5000/cb"]

    ok(aws(cognito_url, "delete-stack", "--stack-name", name))
    ok(aws(cognito_url, "wait", "stack-delete-complete", "--stack-name", name))
    gone = aws(cognito_url, "describe-stacks", "--stack-name", name)
    assert gone.returncode != 0
    assert f"Stack with id {name} does not exist" in gone.stderr
    assert pool_id not in {p["Id"] for p in idp.list_user_pools(MaxResults=60)["UserPools"]}


def test_a_failing_template_rolls_back_with_its_reason_in_the_events(cognito_url, tmp_path,
                                                                      name):
    template = tmp_path / "failing.yaml"
    template.write_text(QUICKSTART.read_text().replace("\nOutputs:", BAD_CLIENT + "\nOutputs:"))
    failed = aws(cognito_url, "deploy", "--template-file", str(template), "--stack-name", name,
                 "--parameter-overrides", f"DomainPrefix={name}")
    assert failed.returncode != 0
    assert "Failed to create/update the stack" in failed.stderr
    assert stack(cognito_url, name)["StackStatus"] == "ROLLBACK_COMPLETE"
    events = json.loads(ok(aws(cognito_url, "describe-stack-events", "--stack-name",
                               name)))["StackEvents"]
    reasons = {e["LogicalResourceId"]: e.get("ResourceStatusReason", "") for e in events
               if e["ResourceStatus"] == "CREATE_FAILED"}
    assert list(reasons) == ["BadClient"]
    assert "Invalid scope requested: missing/scope" in reasons["BadClient"]
    statuses = [e["ResourceStatus"] for e in events if e["LogicalResourceId"] == name]
    assert statuses[:2] == ["ROLLBACK_COMPLETE", "ROLLBACK_IN_PROGRESS"]
    ok(aws(cognito_url, "delete-stack", "--stack-name", name))
    ok(aws(cognito_url, "wait", "stack-delete-complete", "--stack-name", name))


ROLE = """
Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - {Effect: Allow, Principal: {Service: lambda.amazonaws.com}, Action: sts:AssumeRole}
Outputs:
  RoleArn: {Value: !GetAtt Role.Arn}
"""


def test_deploy_asks_for_capabilities_as_aws_does(cognito_url, tmp_path, name):
    template = tmp_path / "role.yaml"
    template.write_text(ROLE)
    deploy = ("deploy", "--template-file", str(template), "--stack-name", name)
    refused = aws(cognito_url, *deploy)
    assert refused.returncode != 0
    assert "Requires capabilities : [CAPABILITY_IAM]" in refused.stderr
    ok(aws(cognito_url, *deploy, "--capabilities", "CAPABILITY_IAM"))
    assert outputs(stack(cognito_url, name))["RoleArn"].startswith(
        "arn:aws:iam::000000000000:role/")
    ok(aws(cognito_url, "delete-stack", "--stack-name", name))
