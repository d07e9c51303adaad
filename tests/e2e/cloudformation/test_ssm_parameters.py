"""The local SSM Parameter Store: SSM's own API (boto3, as `aws ssm --endpoint-url` uses it),
`cfn-cognito parameter`, and the `AWS::SSM::Parameter::Value<...>` template parameters that
read it, through CloudFormation's API."""

import os
import subprocess
import sys
import uuid

import boto3
import pytest
from botocore.exceptions import ClientError

TEMPLATE = """
Parameters:
  PoolName: {Type: "AWS::SSM::Parameter::Value<String>", Default: /PREFIX/pool-name}
  Scopes: {Type: "AWS::SSM::Parameter::Value<List<String>>", Default: /PREFIX/scopes}
Resources:
  Pool:
    Type: AWS::Cognito::UserPool
    Properties: {UserPoolName: !Ref PoolName}
  Server:
    Type: AWS::Cognito::UserPoolResourceServer
    Properties:
      UserPoolId: !Ref Pool
      Identifier: api
      Name: api
      Scopes:
        - {ScopeName: !Select [0, !Ref Scopes], ScopeDescription: first}
        - {ScopeName: !Select [1, !Ref Scopes], ScopeDescription: second}
Outputs:
  PoolId: {Value: !Ref Pool}
"""


@pytest.fixture(scope="module")
def ssm(cognito_url):
    return boto3.client("ssm", endpoint_url=cognito_url, region_name="us-east-1")


@pytest.fixture(scope="module")
def cfn(cognito_url):
    return boto3.client("cloudformation", endpoint_url=cognito_url, region_name="us-east-1")


@pytest.fixture
def prefix():
    return "p" + uuid.uuid4().hex[:10]


def error_of(call, **kwargs) -> tuple[str, str]:
    with pytest.raises(ClientError) as caught:
        call(**kwargs)
    return caught.value.response["Error"]["Code"], caught.value.response["Error"]["Message"]


def test_versions_overwrite_and_selectors(ssm, prefix):
    name = f"/{prefix}/db/host"
    assert ssm.put_parameter(Name=name, Value="one", Type="String")["Version"] == 1
    assert error_of(ssm.put_parameter, Name=name, Value="two", Type="String")[0] == \
        "ParameterAlreadyExists"
    assert ssm.put_parameter(Name=name, Value="two", Overwrite=True)["Version"] == 2
    current = ssm.get_parameter(Name=name)["Parameter"]
    assert (current["Value"], current["Version"], current["Type"]) == ("two", 2, "String")
    assert current["ARN"] == f"arn:aws:ssm:us-east-1:000000000000:parameter/{prefix}/db/host"
    assert ssm.get_parameter(Name=f"{name}:1")["Parameter"]["Value"] == "one"
    assert error_of(ssm.get_parameter, Name=f"{name}:9")[0] == "ParameterVersionNotFound"
    answer = ssm.get_parameters(Names=[name, f"/{prefix}/nope"])
    assert [p["Value"] for p in answer["Parameters"]] == ["two"]
    assert answer["InvalidParameters"] == [f"/{prefix}/nope"]
    assert error_of(ssm.get_parameter, Name=f"/{prefix}/nope")[0] == "ParameterNotFound"


def test_paths_descriptions_and_deletes(ssm, prefix):
    for leaf, value in (("a", "1"), ("b/c", "2"), ("b/d", "3")):
        ssm.put_parameter(Name=f"/{prefix}/{leaf}", Value=value, Type="String")
    one_level = ssm.get_parameters_by_path(Path=f"/{prefix}")["Parameters"]
    assert [p["Name"] for p in one_level] == [f"/{prefix}/a"]
    every = ssm.get_parameters_by_path(Path=f"/{prefix}", Recursive=True, MaxResults=2)
    assert len(every["Parameters"]) == 2 and every["NextToken"]
    rest = ssm.get_parameters_by_path(Path=f"/{prefix}", Recursive=True, MaxResults=2,
                                      NextToken=every["NextToken"])
    assert [p["Value"] for p in every["Parameters"] + rest["Parameters"]] == ["1", "2", "3"]
    described = ssm.describe_parameters(ParameterFilters=[
        {"Key": "Name", "Option": "BeginsWith", "Values": [f"/{prefix}/b"]}])["Parameters"]
    assert [p["Name"] for p in described] == [f"/{prefix}/b/c", f"/{prefix}/b/d"]
    assert described[0]["Version"] == 1 and described[0]["Tier"] == "Standard"
    deleted = ssm.delete_parameters(Names=[f"/{prefix}/a", f"/{prefix}/x"])
    assert deleted["DeletedParameters"] == [f"/{prefix}/a"]
    assert deleted["InvalidParameters"] == [f"/{prefix}/x"]
    assert error_of(ssm.delete_parameter, Name=f"/{prefix}/a")[0] == "ParameterNotFound"


def test_what_the_store_refuses(ssm, prefix):
    code, message = error_of(ssm.put_parameter, Name="aws-thing", Value="v", Type="String")
    assert code == "ValidationException" and "can't be prefixed with \"aws\"" in message
    assert error_of(ssm.put_parameter, Name=f"{prefix}/x", Value="v", Type="String") == (
        "ValidationException", "Parameter name must be a fully qualified name.")
    assert error_of(ssm.put_parameter, Name=f"/{prefix}/s", Value="v",
                    Type="SecureString")[0] == "UnsupportedParameterType"
    assert error_of(ssm.put_parameter, Name=f"/{prefix}/p", Value="abc", Type="String",
                    AllowedPattern="^[0-9]+$")[0] == "ParameterPatternMismatchException"
    assert error_of(ssm.send_command, DocumentName="AWS-RunShellScript",
                    InstanceIds=["i-0123456789abcdef0"])[0] == "UnsupportedOperationException"


def test_the_parameter_command(cognito_url, prefix):
    def run(*args):
        environ = {k: v for k, v in os.environ.items() if k != "CFN_COGNITO_ENDPOINT"}
        return subprocess.run([sys.executable, "-m", "cfn_cognito", "parameter", *args,
                               "--endpoint", cognito_url], capture_output=True, text=True,
                              env=environ, timeout=60)

    assert run("put", f"/{prefix}/stage", "dev").stdout.strip() == f"/{prefix}/stage: version 1"
    assert run("put", f"/{prefix}/stage", "prod").stdout.strip() == \
        f"/{prefix}/stage: version 2"
    assert run("put", f"/{prefix}/zones", "a,b", "--type", "StringList").returncode == 0
    assert run("get", f"/{prefix}/stage").stdout == "prod\n"
    listed = run("list", "--path", f"/{prefix}").stdout.splitlines()
    assert [line.split() for line in listed] == [[f"/{prefix}/stage", "String", "v2", "prod"],
                                                 [f"/{prefix}/zones", "StringList", "v1", "a,b"]]
    missing = run("get", f"/{prefix}/nope")
    assert missing.returncode == 1 and f"no parameter /{prefix}/nope" in missing.stderr
    assert run("delete", f"/{prefix}/stage").returncode == 0
    assert run("get", f"/{prefix}/stage").returncode == 1


def test_stacks_read_the_store_and_show_what_it_resolved_to(ssm, cfn, idp, prefix):
    template = TEMPLATE.replace("PREFIX", prefix)
    code, message = error_of(cfn.create_stack, StackName=prefix, TemplateBody=template)
    assert code == "ValidationError"
    assert message.startswith(f"Unable to fetch parameters [/{prefix}/pool-name,"
                              f"/{prefix}/scopes] from parameter store for this account.")
    ssm.put_parameter(Name=f"/{prefix}/pool-name", Value=f"{prefix}-pool", Type="String")
    ssm.put_parameter(Name=f"/{prefix}/scopes", Value="read,write", Type="StringList")
    cfn.create_stack(StackName=prefix, TemplateBody=template)
    cfn.get_waiter("stack_create_complete").wait(StackName=prefix,
                                                 WaiterConfig={"Delay": 1, "MaxAttempts": 60})
    stack = cfn.describe_stacks(StackName=prefix)["Stacks"][0]
    shown = {p["ParameterKey"]: (p["ParameterValue"], p.get("ResolvedValue"))
             for p in stack["Parameters"]}
    assert shown == {"PoolName": (f"/{prefix}/pool-name", f"{prefix}-pool"),
                     "Scopes": (f"/{prefix}/scopes", "read,write")}
    pool_id = stack["Outputs"][0]["OutputValue"]
    assert idp.describe_user_pool(UserPoolId=pool_id)["UserPool"]["Name"] == f"{prefix}-pool"
    server = idp.describe_resource_server(UserPoolId=pool_id, Identifier="api")
    assert [s["ScopeName"] for s in server["ResourceServer"]["Scopes"]] == ["read", "write"]
    cfn.delete_stack(StackName=prefix)
    cfn.get_waiter("stack_delete_complete").wait(StackName=prefix,
                                                 WaiterConfig={"Delay": 1, "MaxAttempts": 60})


def test_rules_read_the_store_through_cloudformations_api_too(ssm, cfn, prefix):
    template = f"""
Parameters:
  Stage: {{Type: "AWS::SSM::Parameter::Value<String>", Default: /{prefix}/stage}}
Rules:
  KnownStage:
    Assertions:
      - Assert: !Contains [[dev, prod], !Ref Stage]
        AssertDescription: the stage must be dev or prod
Resources:
  Logs: {{Type: AWS::Logs::LogGroup}}
"""
    ssm.put_parameter(Name=f"/{prefix}/stage", Value="qa", Type="String")
    code, message = error_of(cfn.create_stack, StackName=prefix, TemplateBody=template)
    assert code == "ValidationError" and "the stage must be dev or prod" in message
    with pytest.raises(ClientError):
        cfn.describe_stacks(StackName=prefix)       # nothing was made
    ssm.put_parameter(Name=f"/{prefix}/stage", Value="prod", Overwrite=True)
    cfn.create_stack(StackName=prefix, TemplateBody=template)
    cfn.get_waiter("stack_create_complete").wait(StackName=prefix,
                                                 WaiterConfig={"Delay": 1, "MaxAttempts": 60})
    cfn.delete_stack(StackName=prefix)
