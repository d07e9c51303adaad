"""`cfn-cognito deploy | outputs | stacks | delete` against a running server, checked with
boto3 as an application would see the result."""

import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

import boto3
import pytest

ROOT = Path(__file__).parents[3]
QUICKSTART = ROOT / "templates" / "quickstart.yaml"
FIXTURES = ROOT / "tests" / "fixtures" / "serverless"

FULL = """
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Prefix: {Type: String}
  CallbackUrl: {Type: String, Default: http://localhost:3000/callback}
Resources:
  Trigger:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: python3.12
      Handler: index.handler
      Role: arn:aws:iam::000000000000:role/trigger
      Code:
        ZipFile: |
          def handler(event, context):
              event["response"]["autoConfirmUser"] = True
              return event
  Pool:
    Type: AWS::Cognito::UserPool
    Properties:
      UserPoolName: !Sub ${Prefix}-pool
      Policies:
        PasswordPolicy: {MinimumLength: 10, RequireSymbols: false}
      Schema:
        - {Name: email, AttributeDataType: String, Required: true, Mutable: true}
        - {Name: team, AttributeDataType: String, Mutable: true}
      LambdaConfig:
        PreSignUp: !GetAtt Trigger.Arn
  Client:
    Type: AWS::Cognito::UserPoolClient
    Properties:
      UserPoolId: !Ref Pool
      ClientName: web
      ExplicitAuthFlows: [ALLOW_USER_PASSWORD_AUTH, ALLOW_REFRESH_TOKEN_AUTH]
      AllowedOAuthFlowsUserPoolClient: true
      AllowedOAuthFlows: [code]
      AllowedOAuthScopes: [openid, email]
      SupportedIdentityProviders: [COGNITO]
      CallbackURLs: [!Ref CallbackUrl]
  Domain:
    Type: AWS::Cognito::UserPoolDomain
    Properties:
      UserPoolId: !Ref Pool
      Domain: !Ref Prefix
  Group:
    Type: AWS::Cognito::UserPoolGroup
    Properties:
      UserPoolId: !Ref Pool
      GroupName: admins
      Precedence: 1
  Admin:
    Type: AWS::Cognito::UserPoolUser
    Properties:
      UserPoolId: !Ref Pool
      Username: admin
      MessageAction: SUPPRESS
      UserAttributes: [{Name: email, Value: admin@example.com}]
  AdminIsAdmin:
    Type: AWS::Cognito::UserPoolUserToGroupAttachment
    Properties:
      UserPoolId: !Ref Pool
      GroupName: !Ref Group
      Username: !Ref Admin
Outputs:
  PoolId: {Value: !Ref Pool}
  PoolArn: {Value: !GetAtt Pool.Arn}
  ClientId: {Value: !Ref Client}
  TriggerArn: {Value: !GetAtt Trigger.Arn}
"""


def cli(*args: str, endpoint: str | None = None):
    environ = {k: v for k, v in os.environ.items() if k != "CFN_COGNITO_ENDPOINT"}
    command = [sys.executable, "-m", "cfn_cognito", *args]
    if endpoint:
        command += ["--endpoint", endpoint]
    return subprocess.run(command, capture_output=True, text=True, env=environ, timeout=180)


@pytest.fixture
def write(tmp_path):
    def write_template(body: str, name: str = "template.yaml") -> str:
        path = tmp_path / name
        path.write_text(body)
        return str(path)
    return write_template


@pytest.fixture
def prefix():
    return "t" + uuid.uuid4().hex[:10]


def deploy(url, template, stack, *overrides, ok=True):
    args = ["deploy", template, "--stack-name", stack, "--json"]
    if overrides:
        args += ["--parameter-overrides", *overrides]
    result = cli(*args, endpoint=url)
    if ok:
        assert result.returncode == 0, result.stderr
    return result


def outputs_of(result) -> dict:
    answer = json.loads(result.stdout)
    return {o["OutputKey"]: o["OutputValue"] for o in answer["Outputs"]}


def resources(url, stack) -> dict:
    import urllib.request
    with urllib.request.urlopen(f"{url}/_cfn_cognito/stacks/{stack}/resources") as r:
        return {x["LogicalResourceId"]: x["PhysicalResourceId"]
                for x in json.loads(r.read())["StackResources"]}


def pool_ids(idp) -> set:
    pages = idp.get_paginator("list_user_pools").paginate(MaxResults=60)
    return {p["Id"] for page in pages for p in page["UserPools"]}


def test_deploy_a_full_template_then_update_and_delete_it(cognito_url, idp, write, prefix):
    template = write(FULL)
    result = deploy(cognito_url, template, prefix, f"Prefix={prefix}")
    answer = json.loads(result.stdout)
    assert set(answer) == {"StackName", "StackStatus", "Outputs"}
    assert answer["StackName"] == prefix and answer["StackStatus"] == "CREATE_COMPLETE"
    assert "CREATE_COMPLETE" in result.stderr and "AWS::Cognito::UserPoolDomain" in result.stderr
    out = outputs_of(result)

    pool = idp.describe_user_pool(UserPoolId=out["PoolId"])["UserPool"]
    assert pool["Name"] == f"{prefix}-pool" and pool["Arn"] == out["PoolArn"]
    assert pool["Policies"]["PasswordPolicy"]["MinimumLength"] == 10
    assert "custom:team" in {a["Name"] for a in pool["SchemaAttributes"]}
    assert pool["LambdaConfig"]["PreSignUp"] == out["TriggerArn"]
    assert pool["Domain"] == prefix
    client = idp.describe_user_pool_client(UserPoolId=out["PoolId"],
                                           ClientId=out["ClientId"])["UserPoolClient"]
    assert client["CallbackURLs"] == ["http://localhost:3000/callback"]
    assert idp.get_group(UserPoolId=out["PoolId"], GroupName="admins")["Group"]["Precedence"] == 1
    groups = idp.admin_list_groups_for_user(UserPoolId=out["PoolId"], Username="admin")
    assert [g["GroupName"] for g in groups["Groups"]] == ["admins"]

    # The function the stack registered runs (through Lambda's API here).
    lam = boto3.client("lambda", endpoint_url=cognito_url, region_name="us-east-1")
    reply = lam.invoke(FunctionName=out["TriggerArn"],
                       Payload=json.dumps({"response": {}}).encode())
    assert json.loads(reply["Payload"].read()) == {"response": {"autoConfirmUser": True}}

    # An unchanged redeploy keeps every physical id.
    before = resources(cognito_url, prefix)
    again = deploy(cognito_url, template, prefix)
    assert "No changes to deploy" in again.stderr
    assert outputs_of(again) == out and resources(cognito_url, prefix) == before

    # A changed property updates in place.
    updated = deploy(cognito_url, template, prefix, "CallbackUrl=https://app.example.com/cb")
    assert json.loads(updated.stdout)["StackStatus"] == "UPDATE_COMPLETE"
    assert resources(cognito_url, prefix) == before
    client = idp.describe_user_pool_client(UserPoolId=out["PoolId"],
                                           ClientId=out["ClientId"])["UserPoolClient"]
    assert client["CallbackURLs"] == ["https://app.example.com/cb"]

    # Listing and outputs.
    listing = cli("stacks", endpoint=cognito_url)
    assert prefix in listing.stdout and "UPDATE_COMPLETE" in listing.stdout
    shown = cli("outputs", "--stack-name", prefix, "--json", endpoint=cognito_url)
    assert outputs_of(shown) == out

    # Delete removes every resource.
    deleted = cli("delete", "--stack-name", prefix, endpoint=cognito_url)
    assert deleted.returncode == 0, deleted.stderr
    assert "DELETE_COMPLETE" in deleted.stdout
    assert out["PoolId"] not in pool_ids(idp)
    assert lam.list_functions()["Functions"] == [] or all(
        f["FunctionArn"] != out["TriggerArn"] for f in lam.list_functions()["Functions"])
    assert prefix not in cli("stacks", endpoint=cognito_url).stdout


def test_the_trigger_fires_on_sign_up(cognito_url, idp, write, prefix):
    out = outputs_of(deploy(cognito_url, write(FULL), prefix, f"Prefix={prefix}"))
    try:
        signed = idp.sign_up(ClientId=out["ClientId"], Username="new-user",
                             Password="Long-enough-1",
                             UserAttributes=[{"Name": "email", "Value": "n@example.com"}])
        assert signed["UserConfirmed"] is True
    finally:
        cli("delete", "--stack-name", prefix, endpoint=cognito_url)


def test_a_create_only_change_replaces_the_resource(cognito_url, idp, write, prefix):
    body = """
Resources:
  Pool:
    Type: AWS::Cognito::UserPool
    Properties: {UserPoolName: NAME}
  Client:
    Type: AWS::Cognito::UserPoolClient
    Properties: {UserPoolId: !Ref Pool, ClientName: c, GenerateSecret: SECRET}
Outputs:
  PoolId: {Value: !Ref Pool}
  ClientId: {Value: !Ref Client}
  ClientSecret: {Value: !GetAtt Client.ClientSecret}
"""
    first = outputs_of(deploy(cognito_url, write(body.replace("NAME", prefix).replace(
        "SECRET", "false").replace("  ClientSecret: {Value: !GetAtt Client.ClientSecret}\n",
                                   "")), prefix))
    second = outputs_of(deploy(cognito_url, write(body.replace("NAME", prefix).replace(
        "SECRET", "true")), prefix))
    assert second["PoolId"] == first["PoolId"] and second["ClientId"] != first["ClientId"]
    client = idp.describe_user_pool_client(UserPoolId=second["PoolId"],
                                           ClientId=second["ClientId"])["UserPoolClient"]
    assert client["ClientSecret"] == second["ClientSecret"]
    with pytest.raises(idp.exceptions.ResourceNotFoundException):
        idp.describe_user_pool_client(UserPoolId=first["PoolId"], ClientId=first["ClientId"])
    # A pool's sign-in attributes cannot change: a new pool replaces it.
    third = outputs_of(deploy(cognito_url, write(body.replace(
        "NAME}", prefix + ", UsernameAttributes: [email]}").replace("SECRET", "true")), prefix))
    assert third["PoolId"] != first["PoolId"]
    assert first["PoolId"] not in pool_ids(idp)
    assert idp.describe_user_pool(UserPoolId=third["PoolId"])["UserPool"][
        "UsernameAttributes"] == ["email"]
    cli("delete", "--stack-name", prefix, endpoint=cognito_url)


def test_a_failing_resource_rolls_back_and_says_why(cognito_url, idp, write, prefix):
    good = f"""
Resources:
  Pool:
    Type: AWS::Cognito::UserPool
    Properties: {{UserPoolName: {prefix}}}
  Group:
    Type: AWS::Cognito::UserPoolGroup
    Properties: {{UserPoolId: !Ref Pool, GroupName: g, Description: DESCRIPTION}}
"""
    bad_client = """
  Client:
    Type: AWS::Cognito::UserPoolClient
    DependsOn: Group
    Properties:
      UserPoolId: !Ref Pool
      AllowedOAuthFlowsUserPoolClient: true
      AllowedOAuthFlows: [code]
      CallbackURLs: [https://example.com/cb]
      AllowedOAuthScopes: [missing/scope]
"""
    before = pool_ids(idp)
    failed = deploy(cognito_url, write(good.replace("DESCRIPTION", "one") + bad_client),
                    prefix, ok=False)
    assert failed.returncode == 1
    assert json.loads(failed.stdout)["StackStatus"] == "ROLLBACK_COMPLETE"
    assert "Client: CREATE_FAILED" in failed.stderr
    assert "Invalid scope requested: missing/scope" in failed.stderr
    assert pool_ids(idp) == before

    # An update that fails puts back what was there.
    made = deploy(cognito_url, write(good.replace("DESCRIPTION", "one")), prefix)
    assert json.loads(made.stdout)["StackStatus"] == "CREATE_COMPLETE"
    pool_id = resources(cognito_url, prefix)["Pool"]
    failed = deploy(cognito_url, write(good.replace("DESCRIPTION", "two") + bad_client),
                    prefix, ok=False)
    assert json.loads(failed.stdout)["StackStatus"] == "UPDATE_ROLLBACK_COMPLETE"
    assert idp.get_group(UserPoolId=pool_id, GroupName="g")["Group"]["Description"] == "one"
    assert [c for c in idp.list_user_pool_clients(UserPoolId=pool_id, MaxResults=60)[
        "UserPoolClients"]] == []
    cli("delete", "--stack-name", prefix, endpoint=cognito_url)


def test_an_invalid_property_is_refused_by_name_and_line(cognito_url, idp, write, prefix):
    before = pool_ids(idp)
    template = write(f"""Resources:
  Pool:
    Type: AWS::Cognito::UserPool
    Properties:
      UserPoolName: {prefix}
      PasswordPolicyy: {{MinimumLength: 8}}
  Client:
    Type: AWS::Cognito::UserPoolClient
    Properties: {{UserPoolId: !Ref Pool}}
""")
    result = cli("deploy", template, "--stack-name", prefix, endpoint=cognito_url)
    assert result.returncode == 1
    assert f"{template}:6:7: error: Additional properties are not allowed " \
           f"('PasswordPolicyy' was unexpected) [E3002]" in result.stderr
    assert "not deployed, 1 error in the template" in result.stderr
    assert "Traceback" not in result.stderr
    assert pool_ids(idp) == before
    assert prefix not in cli("stacks", endpoint=cognito_url).stdout


def test_unknown_types_are_refused_by_name_before_anything_is_made(cognito_url, idp, tmp_path,
                                                                    prefix):
    before = pool_ids(idp)
    template = tmp_path / "v3-basic.json"
    body = json.loads((FIXTURES / "v3-basic-update-stack.json").read_text())
    # A type no provider runs, under a logical id with a "/" as Serverless writes some.
    body["Resources"]["Jobs/Queue"] = {"Type": "AWS::SQS::Queue"}
    template.write_text(json.dumps(body))
    result = cli("deploy", str(template), "--stack-name", prefix, endpoint=cognito_url)
    assert result.returncode == 1
    assert "Resource type AWS::SQS::Queue of Jobs/Queue is not supported by cfn-cognito" \
        in result.stderr
    assert "does not match any of the regexes" not in result.stderr
    assert pool_ids(idp) == before


def test_deploy_with_no_service_is_one_clear_line(write):
    result = cli("deploy", write(FULL), "--stack-name", "x", endpoint="http://127.0.0.1:9")
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        result.stderr.strip()]
    assert "no cfn-cognito service answers at http://127.0.0.1:9" in result.stderr


def test_the_quickstart_deploys(cognito_url, idp, prefix):
    result = deploy(cognito_url, str(QUICKSTART), prefix, f"DomainPrefix={prefix}")
    out = outputs_of(result)
    assert out["UserPoolId"] in pool_ids(idp)
    assert out["Issuer"] == f"{cognito_url.replace('127.0.0.1', 'localhost')}/{out['UserPoolId']}" \
        or out["Issuer"].endswith(f"/{out['UserPoolId']}")
    cli("delete", "--stack-name", prefix, endpoint=cognito_url)


def test_a_pool_that_requires_an_authenticator_app_deploys_and_turns_mfa_off(cognito_url, idp,
                                                                           write, prefix):
    # As aws-cdk-lib writes `mfa: Mfa.REQUIRED, mfaSecondFactor: {otp: true, sms: false}`:
    # no SMS configuration, which CreateUserPool alone would refuse with MFA on.
    body = """
Resources:
  Pool:
    Type: AWS::Cognito::UserPool
    Properties: {UserPoolName: NAME, MfaConfiguration: "MODE", EnabledMfas: [SOFTWARE_TOKEN_MFA]}
Outputs:
  PoolId: {Value: !Ref Pool}
"""
    pool = outputs_of(deploy(cognito_url, write(body.replace("NAME", prefix).replace(
        "MODE", "ON")), prefix))["PoolId"]
    config = idp.get_user_pool_mfa_config(UserPoolId=pool)
    assert config["MfaConfiguration"] == "ON"
    assert config["SoftwareTokenMfaConfiguration"] == {"Enabled": True}
    assert "SmsMfaConfiguration" not in config
    # Turning MFA off keeps the template's EnabledMfas: Cognito takes no factor beside OFF.
    deploy(cognito_url, write(body.replace("NAME", prefix).replace("MODE", "OFF")), prefix)
    config = idp.get_user_pool_mfa_config(UserPoolId=pool)
    assert config["MfaConfiguration"] == "OFF"
    assert "SoftwareTokenMfaConfiguration" not in config
    cli("delete", "--stack-name", prefix, endpoint=cognito_url)
