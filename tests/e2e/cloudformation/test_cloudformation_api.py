"""CloudFormation's API on the service's port, through boto3 and its waiters: stacks made
and changed with CreateStack/UpdateStack and with change sets, seen the same by
`cfn-cognito deploy`, capabilities, template URLs, and AWS's errors."""

import functools
import http.server
import json
import re
import subprocess
import sys
import threading
import uuid
from pathlib import Path

import boto3
import pytest
from botocore.exceptions import ClientError, WaiterError

from cfn_cognito.testing import LocalCognito

ROOT = Path(__file__).parents[3]
QUICKSTART = (ROOT / "templates" / "quickstart.yaml").read_text()
FAST = {"Delay": 1, "MaxAttempts": 60}
STACK_ID = re.compile(r"arn:aws:cloudformation:us-east-1:000000000000:stack/[^/]+/"
                      r"[0-9a-f-]{36}")

POOL = """
Parameters:
  Description: {Type: String, Default: first}
  Scope: {Type: String, Default: read}
Resources:
  Pool:
    Type: AWS::Cognito::UserPool
    Properties: {UserPoolName: NAME}
  Group:
    Type: AWS::Cognito::UserPoolGroup
    Properties: {UserPoolId: !Ref Pool, GroupName: admins, Description: !Ref Description}
  Api:
    Type: AWS::Cognito::UserPoolResourceServer
    Properties:
      UserPoolId: !Ref Pool
      Identifier: https://api.example.com
      Name: api
      Scopes: [{ScopeName: !Ref Scope, ScopeDescription: reading}]
Outputs:
  PoolId:
    Value: !Ref Pool
    Export: {Name: !Sub "${AWS::StackName}-pool"}
"""


@pytest.fixture(scope="module")
def cfn(cognito_url):
    return boto3.client("cloudformation", endpoint_url=cognito_url, region_name="us-east-1")


@pytest.fixture
def name():
    return "s" + uuid.uuid4().hex[:10]


def pool_template(name: str) -> str:
    return POOL.replace("NAME", name)


def wait(cfn, waiter: str, **kwargs):
    cfn.get_waiter(waiter).wait(WaiterConfig=FAST, **kwargs)


def stack_of(cfn, name: str) -> dict:
    return cfn.describe_stacks(StackName=name)["Stacks"][0]


def outputs(stack: dict) -> dict:
    return {o["OutputKey"]: o["OutputValue"] for o in stack.get("Outputs", [])}


def error_of(call, *args, **kwargs) -> dict:
    with pytest.raises(ClientError) as caught:
        call(*args, **kwargs)
    response = caught.value.response
    return {**response["Error"], "Status": response["ResponseMetadata"]["HTTPStatusCode"]}


def cli(url: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "cfn_cognito", *args, "--endpoint", url],
                          capture_output=True, text=True, timeout=180)


def test_create_describe_and_delete_a_stack(cfn, idp, name):
    created = cfn.create_stack(StackName=name, TemplateBody=QUICKSTART, Parameters=[
        {"ParameterKey": "DomainPrefix", "ParameterValue": name}])
    assert STACK_ID.fullmatch(created["StackId"]) and f"/{name}/" in created["StackId"]
    wait(cfn, "stack_create_complete", StackName=name)

    stack = stack_of(cfn, name)
    assert stack["StackStatus"] == "CREATE_COMPLETE"
    assert stack["StackId"] == created["StackId"]
    assert stack["Description"].startswith("cfn-cognito quickstart")
    assert {p["ParameterKey"]: p["ParameterValue"] for p in stack["Parameters"]} == {
        "CallbackUrl": "http://localhost:3000/callback", "DomainPrefix": name}
    pool_id = outputs(stack)["UserPoolId"]
    assert idp.describe_user_pool(UserPoolId=pool_id)["UserPool"]["Name"] == f"{name}-users"

    summaries = cfn.list_stack_resources(StackName=name)["StackResourceSummaries"]
    assert {r["LogicalResourceId"]: r["ResourceStatus"] for r in summaries} == {
        k: "CREATE_COMPLETE" for k in
        ("PreSignUpFunction", "UserPool", "WebClient", "Domain", "AdminsGroup")}
    detail = cfn.describe_stack_resource(StackName=name, LogicalResourceId="UserPool")
    assert detail["StackResourceDetail"]["PhysicalResourceId"] == pool_id
    by_id = cfn.describe_stack_resources(PhysicalResourceId=pool_id)["StackResources"]
    assert [(r["StackName"], r["LogicalResourceId"]) for r in by_id] == [(name, "UserPool")]

    events = cfn.describe_stack_events(StackName=name)["StackEvents"]
    assert (events[-1]["ResourceStatus"], events[-1]["ResourceStatusReason"]) == (
        "CREATE_IN_PROGRESS", "User Initiated")
    assert (events[0]["LogicalResourceId"], events[0]["ResourceStatus"]) == (
        name, "CREATE_COMPLETE")
    assert cfn.get_template(StackName=name)["TemplateBody"] == QUICKSTART
    exports = {e["Name"]: e for e in cfn.list_exports()["Exports"]}
    assert exports[f"{name}-UserPoolId"]["Value"] == pool_id

    cfn.delete_stack(StackName=name)
    wait(cfn, "stack_delete_complete", StackName=name)
    assert error_of(cfn.describe_stacks, StackName=name) == {
        "Type": "Sender", "Code": "ValidationError", "Status": 400,
        "Message": f"Stack with id {name} does not exist"}
    # By its id, a deleted stack is still told of, as AWS does.
    assert stack_of(cfn, created["StackId"])["StackStatus"] == "DELETE_COMPLETE"
    listed = {s["StackId"]: s["StackStatus"] for s in cfn.list_stacks(
        StackStatusFilter=["DELETE_COMPLETE"])["StackSummaries"]}
    assert listed[created["StackId"]] == "DELETE_COMPLETE"
    with pytest.raises(ClientError):
        idp.describe_user_pool(UserPoolId=pool_id)


def test_the_cli_and_the_api_see_the_same_stacks(cfn, cognito_url, tmp_path, name):
    template = tmp_path / "pool.yaml"
    template.write_text(pool_template(name))
    made = cli(cognito_url, "deploy", str(template), "--stack-name", name, "--json")
    assert made.returncode == 0, made.stderr
    assert stack_of(cfn, name)["StackStatus"] == "CREATE_COMPLETE"
    assert name in [s["StackName"] for s in cfn.describe_stacks()["Stacks"]]

    # Changed through the API, with the template the CLI deployed...
    cfn.update_stack(StackName=name, UsePreviousTemplate=True, Parameters=[
        {"ParameterKey": "Description", "ParameterValue": "second"},
        {"ParameterKey": "Scope", "UsePreviousValue": True}])
    wait(cfn, "stack_update_complete", StackName=name)
    assert {p["ParameterKey"]: p["ParameterValue"] for p in stack_of(cfn, name)["Parameters"]} \
        == {"Description": "second", "Scope": "read"}
    # ...and seen so by the CLI.
    listed = json.loads(cli(cognito_url, "stacks", "--json").stdout)
    assert {s["StackName"]: s["StackStatus"] for s in listed}[name] == "UPDATE_COMPLETE"
    assert cli(cognito_url, "delete", "--stack-name", name).returncode == 0
    assert error_of(cfn.describe_stacks, StackName=name)["Code"] == "ValidationError"


def changes_of(cfn, change_set_id: str) -> dict:
    described = cfn.describe_change_set(ChangeSetName=change_set_id)
    return {c["ResourceChange"]["LogicalResourceId"]: c["ResourceChange"]
            for c in described["Changes"]}


def test_a_stack_made_and_changed_through_change_sets(cfn, idp, name):
    made = cfn.create_change_set(StackName=name, ChangeSetName="first", ChangeSetType="CREATE",
                                 TemplateBody=pool_template(name))
    # The stack waits for its change set, as AWS shows it.
    assert stack_of(cfn, name)["StackStatus"] == "REVIEW_IN_PROGRESS"
    wait(cfn, "change_set_create_complete", ChangeSetName="first", StackName=name)
    described = cfn.describe_change_set(ChangeSetName="first", StackName=name)
    assert (described["Status"], described["ExecutionStatus"]) == ("CREATE_COMPLETE",
                                                                   "AVAILABLE")
    assert described["ChangeSetId"] == made["Id"] and described["StackId"] == made["StackId"]
    assert {k: c["Action"] for k, c in changes_of(cfn, made["Id"]).items()} == {
        "Pool": "Add", "Group": "Add", "Api": "Add"}
    cfn.execute_change_set(ChangeSetName="first", StackName=name)
    wait(cfn, "stack_create_complete", StackName=name)
    stack = stack_of(cfn, name)
    assert stack["StackId"] == made["StackId"] and stack["ChangeSetId"] == made["Id"]
    assert cfn.describe_change_set(ChangeSetName=made["Id"])["ExecutionStatus"] == \
        "EXECUTE_COMPLETE"
    pool_id = outputs(stack)["PoolId"]

    # An update: a property changed in place, one replacing its resource (and so what reads
    # it), one resource removed and one added.
    changed = (pool_template(name).replace("Default: first", "Default: second")
               .replace("https://api.example.com", "https://api2.example.com")
               .replace("Outputs:", """  Other:
    Type: AWS::Cognito::UserPoolGroup
    Properties: {UserPoolId: !Ref Pool, GroupName: others}
Outputs:"""))
    changed = changed.replace("""  Group:
    Type: AWS::Cognito::UserPoolGroup
    Properties: {UserPoolId: !Ref Pool, GroupName: admins, Description: !Ref Description}
""", """  Group:
    Type: AWS::Cognito::UserPoolGroup
    Properties: {UserPoolId: !Ref Pool, GroupName: admins, Description: !Ref Description}
  Client:
    Type: AWS::Cognito::UserPoolClient
    Properties: {UserPoolId: !Ref Pool, ClientName: web}
""")
    update = cfn.create_change_set(StackName=name, ChangeSetName="second",
                                   TemplateBody=changed.replace("  Api:\n", "  Api:\n", 1))
    ignored = cfn.create_change_set(StackName=name, ChangeSetName="third",
                                    TemplateBody=changed.replace("others", "more"))
    wait(cfn, "change_set_create_complete", ChangeSetName=update["Id"])
    found = changes_of(cfn, update["Id"])
    assert {k: (c["Action"], c.get("Replacement")) for k, c in found.items()} == {
        "Group": ("Modify", "False"), "Api": ("Modify", "True"), "Client": ("Add", None),
        "Other": ("Add", None)}
    assert found["Group"]["Details"] == [{
        "Target": {"Attribute": "Properties", "Name": "Description",
                   "RequiresRecreation": "Never", "AttributeChangeType": "Modify"},
        "Evaluation": "Static", "ChangeSource": "ParameterReference",
        "CausingEntity": "Description"}]
    assert found["Api"]["Details"][0]["Target"]["RequiresRecreation"] == "Always"
    with_values = cfn.describe_change_set(ChangeSetName=update["Id"],
                                          IncludePropertyValues=True)["Changes"]
    group = next(c["ResourceChange"] for c in with_values
                 if c["ResourceChange"]["LogicalResourceId"] == "Group")
    assert (group["Details"][0]["Target"]["BeforeValue"],
            group["Details"][0]["Target"]["AfterValue"]) == ("first", "second")
    assert "others" in cfn.get_template(ChangeSetName=update["Id"])["TemplateBody"]
    listed = cfn.list_change_sets(StackName=name)["Summaries"]
    assert [(s["ChangeSetName"], s["ExecutionStatus"]) for s in listed] == [
        ("first", "EXECUTE_COMPLETE"), ("second", "AVAILABLE"), ("third", "AVAILABLE")]

    cfn.execute_change_set(ChangeSetName=update["Id"])
    wait(cfn, "stack_update_complete", StackName=name)
    assert stack_of(cfn, name)["StackStatus"] == "UPDATE_COMPLETE"
    assert idp.get_group(UserPoolId=pool_id, GroupName="admins")["Group"]["Description"] \
        == "second"
    servers = idp.list_resource_servers(UserPoolId=pool_id, MaxResults=10)["ResourceServers"]
    assert [s["Identifier"] for s in servers] == ["https://api2.example.com"]
    # Executing one change set deletes the stack's others.
    assert error_of(cfn.describe_change_set, ChangeSetName=ignored["Id"]) == {
        "Type": "Sender", "Code": "ChangeSetNotFound", "Status": 404,
        "Message": f"ChangeSet [{ignored['Id']}] does not exist"}
    cfn.delete_stack(StackName=name)
    wait(cfn, "stack_delete_complete", StackName=name)


def test_a_change_set_that_changes_nothing_fails_as_aws_says(cfn, name):
    cfn.create_stack(StackName=name, TemplateBody=pool_template(name))
    wait(cfn, "stack_create_complete", StackName=name)
    made = cfn.create_change_set(StackName=name, ChangeSetName="same",
                                 TemplateBody=pool_template(name))
    with pytest.raises(WaiterError) as caught:
        wait(cfn, "change_set_create_complete", ChangeSetName=made["Id"])
    last = caught.value.last_response
    assert (last["Status"], last["ExecutionStatus"]) == ("FAILED", "UNAVAILABLE")
    assert last["StatusReason"] == ("The submitted information didn't contain changes. Submit "
                                    "different information to create a change set.")
    assert error_of(cfn.execute_change_set, ChangeSetName=made["Id"]) == {
        "Type": "Sender", "Code": "InvalidChangeSetStatus", "Status": 400,
        "Message": f"ChangeSet [{made['Id']}] cannot be executed in its current status of "
                   f"[FAILED]"}
    assert error_of(cfn.update_stack, StackName=name, UsePreviousTemplate=True)[
        "Message"] == "No updates are to be performed."
    cfn.delete_change_set(ChangeSetName=made["Id"])
    assert cfn.list_change_sets(StackName=name)["Summaries"] == []
    cfn.delete_stack(StackName=name)


def test_a_change_set_goes_obsolete_when_the_stack_moves_on(cfn, name):
    cfn.create_stack(StackName=name, TemplateBody=pool_template(name))
    wait(cfn, "stack_create_complete", StackName=name)
    made = cfn.create_change_set(StackName=name, ChangeSetName="later", UsePreviousTemplate=True,
                                 Parameters=[{"ParameterKey": "Scope",
                                              "ParameterValue": "write"}])
    cfn.update_stack(StackName=name, UsePreviousTemplate=True, Parameters=[
        {"ParameterKey": "Description", "ParameterValue": "moved"}])
    wait(cfn, "stack_update_complete", StackName=name)
    assert cfn.describe_change_set(ChangeSetName=made["Id"])["ExecutionStatus"] == "OBSOLETE"
    assert error_of(cfn.execute_change_set, ChangeSetName=made["Id"])["Message"] == (
        f"ChangeSet [{made['Id']}] cannot be executed in its current execution status of "
        f"[OBSOLETE]")
    cfn.delete_stack(StackName=name)


FAILING_CLIENT = """  Client:
    Type: AWS::Cognito::UserPoolClient
    DependsOn: Group
    Properties:
      UserPoolId: !Ref Pool
      AllowedOAuthFlowsUserPoolClient: true
      AllowedOAuthFlows: [code]
      CallbackURLs: [https://example.com/cb]
      AllowedOAuthScopes: [missing/scope]
Outputs:"""


def test_a_failing_create_rolls_back_and_the_waiter_says_so(cfn, name):
    failing = pool_template(name).replace("Outputs:", FAILING_CLIENT)
    cfn.create_stack(StackName=name, TemplateBody=failing)
    with pytest.raises(WaiterError):
        wait(cfn, "stack_create_complete", StackName=name)
    stack = stack_of(cfn, name)
    assert stack["StackStatus"] == "ROLLBACK_COMPLETE"
    assert stack["StackStatusReason"].startswith("The following resource(s) failed to create: "
                                                 "[Client].")
    failed = [e for e in cfn.describe_stack_events(StackName=name)["StackEvents"]
              if e["ResourceStatus"] == "CREATE_FAILED"]
    assert [e["LogicalResourceId"] for e in failed] == ["Client"]
    assert "Invalid scope requested: missing/scope" in failed[0]["ResourceStatusReason"]
    # A stack that failed to be created can only be deleted, as with AWS.
    assert error_of(cfn.update_stack, StackName=name, UsePreviousTemplate=True)["Message"] == (
        f"Stack:{stack['StackId']} is in ROLLBACK_COMPLETE state and can not be updated.")
    assert error_of(cfn.create_stack, StackName=name, TemplateBody=failing) == {
        "Type": "Sender", "Code": "AlreadyExistsException", "Status": 400,
        "Message": f"Stack [{name}] already exists"}
    cfn.delete_stack(StackName=name)
    wait(cfn, "stack_delete_complete", StackName=name)


def test_on_failure_delete_and_termination_protection(cfn, cognito_url, name):
    made = cfn.create_stack(StackName=name, OnFailure="DELETE",
                            TemplateBody=pool_template(name).replace("Outputs:", FAILING_CLIENT))
    with pytest.raises(WaiterError):
        wait(cfn, "stack_create_complete", StackName=name)
    assert stack_of(cfn, made["StackId"])["StackStatus"] == "DELETE_COMPLETE"
    assert error_of(cfn.describe_stacks, StackName=name)["Code"] == "ValidationError"

    cfn.create_stack(StackName=name, TemplateBody=pool_template(name),
                     EnableTerminationProtection=True)
    wait(cfn, "stack_create_complete", StackName=name)
    assert stack_of(cfn, name)["EnableTerminationProtection"] is True
    assert error_of(cfn.delete_stack, StackName=name)["Message"] == \
        f"Stack [{name}] cannot be deleted while TerminationProtection is enabled"
    assert cli(cognito_url, "delete", "--stack-name", name).returncode == 0


ROLE = """
Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      ROLE_NAME: unnamed
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - {Effect: Allow, Principal: {Service: lambda.amazonaws.com}, Action: sts:AssumeRole}
"""


def test_iam_resources_need_the_capabilities_aws_asks_for(cfn, name):
    unnamed = ROLE.replace("      ROLE_NAME: unnamed\n", "")
    named = ROLE.replace("ROLE_NAME: unnamed", f"RoleName: {name}-role")
    assert error_of(cfn.create_stack, StackName=name, TemplateBody=unnamed) == {
        "Type": "Sender", "Code": "InsufficientCapabilitiesException", "Status": 400,
        "Message": "Requires capabilities : [CAPABILITY_IAM]"}
    assert error_of(cfn.create_change_set, StackName=name, ChangeSetName="c",
                    ChangeSetType="CREATE", TemplateBody=named,
                    Capabilities=["CAPABILITY_IAM"])["Message"] == \
        "Requires capabilities : [CAPABILITY_NAMED_IAM]"
    assert error_of(cfn.describe_stacks, StackName=name)["Code"] == "ValidationError"
    validated = cfn.validate_template(TemplateBody=named)
    assert validated["Capabilities"] == ["CAPABILITY_NAMED_IAM"]
    assert validated["CapabilitiesReason"] == \
        "The following resource(s) require capabilities: [AWS::IAM::Role]"

    cfn.create_stack(StackName=name, TemplateBody=named, Capabilities=["CAPABILITY_NAMED_IAM"])
    wait(cfn, "stack_create_complete", StackName=name)
    assert stack_of(cfn, name)["Capabilities"] == ["CAPABILITY_NAMED_IAM"]
    resource = cfn.describe_stack_resource(StackName=name, LogicalResourceId="Role")
    assert resource["StackResourceDetail"]["PhysicalResourceId"] == f"{name}-role"
    cfn.delete_stack(StackName=name)


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture
def served(tmp_path):
    """A directory served over HTTP on loopback."""
    handler = functools.partial(_Quiet, directory=str(tmp_path))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield tmp_path, f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_templates_by_url(cfn, served, name):
    directory, base = served
    (directory / "pool.yaml").write_text(pool_template(name))
    summary = cfn.get_template_summary(TemplateURL=f"{base}/pool.yaml")
    assert [(p["ParameterKey"], p["DefaultValue"]) for p in summary["Parameters"]] == [
        ("Description", "first"), ("Scope", "read")]
    assert summary["ResourceTypes"] == ["AWS::Cognito::UserPool", "AWS::Cognito::UserPoolGroup",
                                        "AWS::Cognito::UserPoolResourceServer"]

    cfn.create_stack(StackName=name, TemplateURL=(directory / "pool.yaml").as_uri())
    wait(cfn, "stack_create_complete", StackName=name)
    assert cfn.get_template(StackName=name)["TemplateBody"] == pool_template(name)

    assert error_of(cfn.validate_template, TemplateURL="https://bucket.s3.amazonaws.com/t.yaml"
                    )["Message"] == "TemplateURL must be a supported URL."
    assert error_of(cfn.validate_template, TemplateURL=f"{base}/missing.yaml")["Message"] == \
        "TemplateURL must reference a valid S3 object to which you have access."
    assert error_of(cfn.validate_template)["Message"] == \
        "Either Template URL or Template Body must be specified."
    cfn.delete_stack(StackName=name)


def test_exports_and_their_imports(cfn, name):
    cfn.create_stack(StackName=name, TemplateBody=pool_template(name))
    reader = f"{name}-reader"
    cfn.create_stack(StackName=reader, TemplateBody=f"""
Resources:
  Group:
    Type: AWS::Cognito::UserPoolGroup
    Properties: {{UserPoolId: !ImportValue {name}-pool, GroupName: readers}}
""")
    wait(cfn, "stack_create_complete", StackName=reader)
    assert cfn.list_imports(ExportName=f"{name}-pool")["Imports"] == [reader]
    assert error_of(cfn.delete_stack, StackName=name)["Message"] == \
        f"Export {name}-pool cannot be deleted as it is in use by {reader}"
    cfn.delete_stack(StackName=reader)
    wait(cfn, "stack_delete_complete", StackName=reader)
    assert error_of(cfn.list_imports, ExportName=f"{name}-pool")["Message"] == \
        f"Export '{name}-pool' is not imported by any stack."
    cfn.delete_stack(StackName=name)
    wait(cfn, "stack_delete_complete", StackName=name)


def test_a_stack_in_review_and_its_change_sets_can_be_deleted(cfn, name):
    made = cfn.create_change_set(StackName=name, ChangeSetName="c", ChangeSetType="CREATE",
                                 TemplateBody=pool_template(name))
    assert error_of(cfn.create_change_set, StackName=name, ChangeSetName="c",
                    ChangeSetType="CREATE", TemplateBody=pool_template(name)) == {
        "Type": "Sender", "Code": "AlreadyExistsException", "Status": 400,
        "Message": "ChangeSet [c] already exists"}
    assert error_of(cfn.create_change_set, StackName=name, ChangeSetName="u",
                    TemplateBody=pool_template(name))["Message"] == (
        f"Stack:{made['StackId']} is in REVIEW_IN_PROGRESS state and can not be updated.")
    cfn.delete_change_set(ChangeSetName="c", StackName=name)
    assert stack_of(cfn, name)["StackStatus"] == "REVIEW_IN_PROGRESS"
    cfn.delete_stack(StackName=name)
    wait(cfn, "stack_delete_complete", StackName=name)
    assert error_of(cfn.describe_change_set, ChangeSetName=made["Id"])["Code"] == \
        "ChangeSetNotFound"


def test_a_change_set_waiting_for_review_survives_a_restart(tmp_path, name):
    (tmp_path / "data").mkdir()
    with LocalCognito(data_dir=str(tmp_path / "data")) as server:
        cfn = boto3.client("cloudformation", endpoint_url=server.url, region_name="us-east-1")
        made = cfn.create_change_set(StackName=name, ChangeSetName="c", ChangeSetType="CREATE",
                                     TemplateBody=pool_template(name))
        server.stop()
        server.start()
        # Still in review (not taken for a stack cut short by the stop), still executable.
        assert stack_of(cfn, name)["StackStatus"] == "REVIEW_IN_PROGRESS"
        assert cfn.describe_change_set(ChangeSetName=made["Id"])["ExecutionStatus"] == \
            "AVAILABLE"
        cfn.execute_change_set(ChangeSetName=made["Id"])
        wait(cfn, "stack_create_complete", StackName=name)
        assert stack_of(cfn, name)["StackStatus"] == "CREATE_COMPLETE"


def test_errors_as_aws_words_them(cfn, name):
    cfn.create_stack(StackName=name, TemplateBody=pool_template(name))
    assert error_of(cfn.create_change_set, StackName=name, ChangeSetName="c",
                    ChangeSetType="CREATE", TemplateBody=pool_template(name))["Message"] == (
        f"Stack [{name}] already exists and cannot be created again with the changeSet [c].")
    assert error_of(cfn.create_change_set, StackName="nobody", ChangeSetName="c",
                    TemplateBody=pool_template(name))["Message"] == \
        "Stack [nobody] does not exist"
    assert error_of(cfn.describe_change_set, ChangeSetName="c")["Message"] == \
        "StackName must be specified if ChangeSetName is not specified as an ARN."
    assert error_of(cfn.update_stack, StackName=name, UsePreviousTemplate=True, Parameters=[
        {"ParameterKey": "Nope", "UsePreviousValue": True}])["Message"] == (
        "Invalid input for parameter key Nope. Cannot specify usePreviousValue as true for a "
        "parameter key not in the previous template")
    refused = error_of(cfn.create_stack, StackName=f"{name}-bad", TemplateBody="""
Resources:
  Pool:
    Type: AWS::Cognito::UserPool
    Properties: {Bogus: 1}
""")
    assert refused["Code"] == "ValidationError" and "Bogus" in refused["Message"]
    assert error_of(cfn.describe_stacks, StackName="bad_name") == {
        "Type": "Sender", "Code": "ValidationError", "Status": 400,
        "Message": "Stack with id bad_name does not exist"}
    unsupported = error_of(cfn.list_stack_sets)
    assert (unsupported["Code"], unsupported["Status"]) == ("UnsupportedOperationException", 400)
    assert "ListStackSets" in unsupported["Message"]
    assert error_of(cfn.create_stack, StackName=f"{name}-x", TemplateBody=pool_template(name),
                    DisableRollback=True)["Message"].startswith(
        "DisableRollback is not supported by cfn-cognito")
    cfn.delete_stack(StackName=name)
