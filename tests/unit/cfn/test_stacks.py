"""Stacks deployed into the service in-process (the background runner replaced by a direct
call): create, unchanged redeploy, update in place, replacement, rollback, delete, exports."""

import io
import json
import zipfile
from pathlib import Path

import pytest

from cfn_cognito import lambdas
from cfn_cognito.cfn import keeper, stacks
from cfn_cognito.cfn.errors import ValidationError
from cfn_cognito.config import Settings
from cfn_cognito.context import Context
from cfn_cognito.idp.appclients import clients
from cfn_cognito.idp.accounts import groups
from cfn_cognito.idp.userpools import pools
from cfn_cognito.idp.errors import ResourceNotFoundException
from cfn_cognito.store import open_store

FIXTURES = Path(__file__).parents[2] / "fixtures" / "serverless"

BASE = """
Parameters:
  MinLength: {Type: Number, Default: 10}
  Secret: {Type: String, NoEcho: true, Default: s3cret}
Resources:
  Pool:
    Type: AWS::Cognito::UserPool
    Properties:
      UserPoolName: !Sub ${AWS::StackName}-pool
      Policies:
        PasswordPolicy: {MinimumLength: !Ref MinLength}
  Client:
    Type: AWS::Cognito::UserPoolClient
    Properties:
      UserPoolId: !Ref Pool
      ClientName: web
      GenerateSecret: GENERATE
  Group:
    Type: AWS::Cognito::UserPoolGroup
    Properties:
      UserPoolId: !Ref Pool
      GroupName: admins
      Description: DESCRIPTION
EXTRA
Outputs:
  PoolId:
    Value: !Ref Pool
    Export: {Name: !Sub "${AWS::StackName}-pool-id"}
  ClientName:
    Value: !GetAtt Client.Name
"""


def template(generate="false", description="first", extra=""):
    return (BASE.replace("GENERATE", generate).replace("DESCRIPTION", description)
            .replace("EXTRA\n", extra.lstrip("\n")))


@pytest.fixture
def ctx(tmp_path):
    store = open_store(tmp_path / "data")
    yield Context(Settings(), store)
    lambdas.stop_workers(store.data_dir)
    store.close()


def deploy(ctx, body, name="demo", **extra):
    return stacks.deploy(ctx, {"StackName": name, "TemplateBody": body, **extra},
                         start=lambda work: work())


def ids(ctx, name="demo"):
    return {r["LogicalResourceId"]: r["PhysicalResourceId"]
            for r in stacks.resources(ctx, name)["StackResources"]}


def statuses(ctx, name="demo", after=0):
    return [(e["LogicalResourceId"], e["ResourceStatus"])
            for e in stacks.events(ctx, name, after)["StackEvents"]]


def outputs(ctx, name="demo"):
    return {o["OutputKey"]: o["OutputValue"] for o in stacks.describe(ctx, name)["Outputs"]}


def test_create_makes_every_resource_in_order_and_resolves_outputs(ctx):
    answer = deploy(ctx, template())
    assert answer["StackStatus"] == "CREATE_COMPLETE"
    made = ids(ctx)
    pool = pools.get_pool(ctx, made["Pool"])
    assert pool["Name"] == "demo-pool"
    assert pool["Policies"]["PasswordPolicy"]["MinimumLength"] == 10   # "10" became a number
    assert clients.get_client(ctx, made["Pool"], made["Client"])["ClientName"] == "web"
    assert groups.get_group_doc(ctx, made["Pool"], "admins")["Description"] == "first"
    assert outputs(ctx) == {"PoolId": made["Pool"], "ClientName": "web"}
    assert statuses(ctx) == [
        ("demo", "CREATE_IN_PROGRESS"),
        ("Pool", "CREATE_IN_PROGRESS"), ("Pool", "CREATE_COMPLETE"),
        ("Client", "CREATE_IN_PROGRESS"), ("Client", "CREATE_COMPLETE"),
        ("Group", "CREATE_IN_PROGRESS"), ("Group", "CREATE_COMPLETE"),
        ("demo", "CREATE_COMPLETE")]
    shown = {p["ParameterKey"]: p["ParameterValue"]
             for p in stacks.describe(ctx, "demo")["Parameters"]}
    assert shown == {"MinLength": "10", "Secret": "****"}


def test_an_unchanged_redeploy_changes_nothing(ctx):
    deploy(ctx, template())
    before, events = ids(ctx), statuses(ctx)
    answer = deploy(ctx, template())
    assert answer["Changes"] is False and answer["StackStatus"] == "CREATE_COMPLETE"
    assert ids(ctx) == before
    assert statuses(ctx) == events


def test_a_changed_property_updates_in_place(ctx):
    deploy(ctx, template())
    before = ids(ctx)
    answer = deploy(ctx, template(description="second"),
                    Parameters={"MinLength": "12"})
    assert answer["StackStatus"] == "UPDATE_COMPLETE"
    assert ids(ctx) == before
    assert groups.get_group_doc(ctx, before["Pool"], "admins")["Description"] == "second"
    pool = pools.get_pool(ctx, before["Pool"])
    assert pool["Policies"]["PasswordPolicy"]["MinimumLength"] == 12


def test_a_create_only_change_replaces_the_resource(ctx):
    deploy(ctx, template())
    before = ids(ctx)
    deploy(ctx, template(generate="true"))
    after = ids(ctx)
    assert after["Pool"] == before["Pool"] and after["Client"] != before["Client"]
    assert clients.get_client(ctx, after["Pool"], after["Client"]).get("ClientSecret")
    with pytest.raises(ResourceNotFoundException):
        clients.get_client(ctx, before["Pool"], before["Client"])
    assert ("Client", "DELETE_COMPLETE") in statuses(ctx)


def test_replacing_the_pool_replaces_what_lives_in_it(ctx):
    deploy(ctx, template())
    before = ids(ctx)
    deploy(ctx, template().replace("UserPoolName: !Sub ${AWS::StackName}-pool",
                                   "UserPoolName: p\n      UsernameAttributes: [email]"))
    after = ids(ctx)
    assert after["Pool"] != before["Pool"] and after["Client"] != before["Client"]
    assert pools.get_pool(ctx, after["Pool"])["UsernameAttributes"] == ["email"]
    with pytest.raises(ResourceNotFoundException):
        pools.get_pool(ctx, before["Pool"])
    assert groups.get_group_doc(ctx, after["Pool"], "admins")


def test_a_failed_create_deletes_what_it_made(ctx):
    bad = template(extra="""
  Broken:
    Type: AWS::Cognito::UserPoolClient
    DependsOn: Group
    Properties:
      UserPoolId: !Ref Pool
      AllowedOAuthFlowsUserPoolClient: true
      AllowedOAuthFlows: [code]
      CallbackURLs: [https://example.com/cb]
      AllowedOAuthScopes: [no-such/scope]
""")
    answer = deploy(ctx, bad)
    assert answer["StackName"] == "demo"
    stack = stacks.describe(ctx, "demo")
    assert stack["StackStatus"] == "ROLLBACK_COMPLETE"
    assert stack["StackStatusReason"].startswith(
        "The following resource(s) failed to create: [Broken].")
    failed = [e for e in stacks.events(ctx, "demo")["StackEvents"]
              if e["ResourceStatus"] == "CREATE_FAILED"]
    assert failed[0]["LogicalResourceId"] == "Broken"
    assert "Invalid scope requested: no-such/scope" in failed[0]["ResourceStatusReason"]
    assert ids(ctx) == {}
    assert ctx.store.pools.count("") == 0
    # The next deploy of the name starts afresh.
    assert deploy(ctx, template())["StackStatus"] == "CREATE_COMPLETE"
    assert [s["StackStatus"] for s in stacks.list_stacks(ctx)["Stacks"]] == ["CREATE_COMPLETE"]


def test_a_failed_update_returns_to_the_previous_state(ctx):
    deploy(ctx, template())
    before = ids(ctx)
    bad = template(description="changed", extra="""
  Extra:
    Type: AWS::Cognito::UserPoolGroup
    Properties: {UserPoolId: !Ref Pool, GroupName: extra}
  Broken:
    Type: AWS::Cognito::UserPoolGroup
    DependsOn: Extra
    Properties: {UserPoolId: us-east-1_missing00, GroupName: admins}
""")
    deploy(ctx, bad)
    stack = stacks.describe(ctx, "demo")
    assert stack["StackStatus"] == "UPDATE_ROLLBACK_COMPLETE"
    assert ids(ctx) == before
    assert groups.get_group_doc(ctx, before["Pool"], "admins")["Description"] == "first"
    with pytest.raises(ResourceNotFoundException):
        groups.get_group_doc(ctx, before["Pool"], "extra")
    # The stack can be updated again from there.
    assert deploy(ctx, template(description="fixed"))["StackStatus"] == "UPDATE_COMPLETE"


def test_a_replacement_that_keeps_a_chosen_name_is_refused_as_aws_does(ctx):
    body = template(extra="""
  Domain:
    Type: AWS::Cognito::UserPoolDomain
    Properties: {UserPoolId: !Ref Pool, Domain: demo-login}
""")
    deploy(ctx, body)
    deploy(ctx, body.replace("UserPoolName: !Sub ${AWS::StackName}-pool",
                             "UserPoolName: p\n      AliasAttributes: [email]"))
    events = stacks.events(ctx, "demo")["StackEvents"]
    failed = [e for e in events if e["ResourceStatus"] == "UPDATE_FAILED"]
    assert failed[0]["LogicalResourceId"] == "Domain"
    assert "cannot update a stack when a custom-named resource requires replacing" in \
        failed[0]["ResourceStatusReason"]
    assert stacks.describe(ctx, "demo")["StackStatus"] == "UPDATE_ROLLBACK_COMPLETE"
    assert ctx.store.pools.count("") == 1


def test_delete_removes_everything_but_what_is_retained(ctx):
    deploy(ctx, template().replace("  Pool:\n    Type: AWS::Cognito::UserPool\n",
                                   "  Pool:\n    Type: AWS::Cognito::UserPool\n"
                                   "    DeletionPolicy: Retain\n"))
    made = ids(ctx)
    answer = stacks.delete(ctx, "demo", start=lambda work: work())
    assert answer["Deleted"] is True
    assert ("Pool", "DELETE_SKIPPED") in statuses(ctx)
    assert statuses(ctx)[-1] == ("demo", "DELETE_COMPLETE")
    assert pools.get_pool(ctx, made["Pool"])
    with pytest.raises(ResourceNotFoundException):
        clients.get_client(ctx, made["Pool"], made["Client"])
    assert stacks.list_stacks(ctx)["Stacks"] == []
    with pytest.raises(ValidationError, match="Stack with id demo does not exist"):
        stacks.describe(ctx, "demo")


def test_import_value_across_stacks_and_exports_in_use(ctx):
    deploy(ctx, template(), name="base")
    pool_id = ids(ctx, "base")["Pool"]
    consumer = """
Resources:
  Group:
    Type: AWS::Cognito::UserPoolGroup
    Properties:
      UserPoolId: !ImportValue base-pool-id
      GroupName: consumers
"""
    assert deploy(ctx, consumer, name="app")["StackStatus"] == "CREATE_COMPLETE"
    assert groups.get_group_doc(ctx, pool_id, "consumers")
    with pytest.raises(ValidationError, match="Export base-pool-id cannot be deleted as it "
                                              "is in use by app"):
        stacks.delete(ctx, "base", start=lambda work: work())
    # A second stack may not export the same name.
    clash = template().replace("${AWS::StackName}-pool-id", "base-pool-id")
    deploy(ctx, clash, name="other")
    assert stacks.describe(ctx, "other")["StackStatus"] == "ROLLBACK_COMPLETE"
    assert "Export with name base-pool-id is already exported by stack base" in \
        stacks.describe(ctx, "other")["StackStatusReason"]
    assert [e["Name"] for e in stacks.exports(ctx)["Exports"]] == ["base-pool-id"]


def test_a_stack_in_progress_refuses_another_deploy(ctx):
    started = []
    deploy_answer = stacks.deploy(ctx, {"StackName": "demo", "TemplateBody": template()},
                                  start=started.append)
    assert deploy_answer["StackStatus"] == "CREATE_IN_PROGRESS"
    with pytest.raises(ValidationError, match="is in CREATE_IN_PROGRESS state and can not be "
                                              "updated"):
        deploy(ctx, template())
    # Its own instance leaves it alone (the work is still running there).
    assert keeper.settle_orphans(ctx) == 0
    other = Context(Settings(), open_store(ctx.store.data_dir))
    # A service stopped mid-deploy leaves the stack failed, and deletable: the next instance
    # of this host settles it at once (its owner's process id is no longer that instance).
    assert keeper.settle_orphans(other) == 1
    other.store.close()
    assert stacks.describe(ctx, "demo")["StackStatus"] == "CREATE_FAILED"
    stacks.delete(ctx, "demo", start=lambda work: work())
    assert stacks.list_stacks(ctx)["Stacks"] == []


def test_refused_templates_make_nothing(ctx):
    body = template(extra="  Queue:\n    Type: AWS::SQS::Queue\n"
                          "    Properties: {QueueName: jobs}\n")
    type_line = body.splitlines().index("    Type: AWS::SQS::Queue") + 1
    with pytest.raises(ValidationError) as caught:
        deploy(ctx, body)
    errors = [f for f in caught.value.findings if f.severity == "error"]
    assert [f.message for f in errors] == [
        "Resource type AWS::SQS::Queue of Queue is not supported by cfn-cognito"]
    assert errors[0].line == type_line
    assert "Parameter Secret not used." in [f.message for f in caught.value.findings]
    assert ctx.store.pools.count("") == 0 and stacks.list_stacks(ctx)["Stacks"] == []


FUNCTIONS = """
Resources:
  Inline:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: python3.12
      Handler: index.handler
      Role: arn:aws:iam::000000000000:role/r
      Code:
        ZipFile: "def handler(event, context):\\n    return {'inline': event}\\n"
  Packaged:
    Type: AWS::Lambda::Function
    Properties:
      FunctionName: packaged
      Runtime: python3.12
      Handler: app.handler
      Role: arn:aws:iam::000000000000:role/r
      Code: {S3Bucket: deploys, S3Key: serverless/svc/local/1700000000000/svc.zip}
  PackagedVersion:
    Type: AWS::Lambda::Version
    Properties: {FunctionName: !Ref Packaged}
  Pool:
    Type: AWS::Cognito::UserPool
    Properties:
      LambdaConfig: {PreSignUp: !GetAtt Inline.Arn}
Outputs:
  Version:
    Value: !Ref PackagedVersion
"""


def test_functions_from_inline_code_and_from_a_zip_under_the_code_dir(ctx, tmp_path):
    code_dir = tmp_path / ".serverless"
    code_dir.mkdir()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("app.py", "def handler(event, context):\n    return {'zip': event}\n")
    (code_dir / "svc.zip").write_bytes(buffer.getvalue())
    deploy(ctx, FUNCTIONS, CodeDir=str(code_dir))
    assert stacks.describe(ctx, "demo")["StackStatus"] == "CREATE_COMPLETE"
    made = ids(ctx)
    inline = lambdas.get(ctx, made["Inline"])
    assert pools.get_pool(ctx, made["Pool"])["LambdaConfig"]["PreSignUp"] == inline["FunctionArn"]
    assert made["Inline"].startswith("demo-Inline-")
    assert lambdas.invoke(ctx, inline["FunctionArn"], {"a": 1}) == {"inline": {"a": 1}}
    assert lambdas.invoke(ctx, "packaged", {"b": 2}) == {"zip": {"b": 2}}
    assert outputs(ctx)["Version"] == \
        "arn:aws:lambda:us-east-1:000000000000:function:packaged:1"
    stacks.delete(ctx, "demo", start=lambda work: work())
    assert lambdas.get(ctx, "packaged") is None


def test_a_missing_zip_fails_the_function_with_where_it_looked(ctx, tmp_path):
    deploy(ctx, FUNCTIONS, CodeDir=str(tmp_path))
    failed = [e for e in stacks.events(ctx, "demo")["StackEvents"]
              if e["ResourceStatus"] == "CREATE_FAILED"]
    assert failed[0]["LogicalResourceId"] == "Packaged"
    assert f"svc.zip, which is not under {tmp_path}" in failed[0]["ResourceStatusReason"]
    assert stacks.describe(ctx, "demo")["StackStatus"] == "ROLLBACK_COMPLETE"
    assert lambdas.list_functions(ctx) == []


def _without_api_gateway(template: dict) -> dict:
    """The template less its API Gateway resources and whatever refers to them."""
    resources = dict(template["Resources"])
    removed = {k for k, r in resources.items() if r["Type"].startswith("AWS::ApiGateway")}
    while True:
        text = {k: json.dumps(r) for k, r in resources.items() if k not in removed}
        more = {k for k, t in text.items() if any(f'"{gone}"' in t for gone in removed)}
        if not more:
            break
        removed |= more
    outputs = {k: o for k, o in template.get("Outputs", {}).items()
               if not any(f'"{gone}"' in json.dumps(o) for gone in removed)}
    return {**template, "Resources": {k: r for k, r in resources.items() if k not in removed},
            "Outputs": outputs}


@pytest.mark.parametrize("fixture", ["v3-variant-update-stack.json",
                                     "osls4-variant-update-stack.json"])
def test_serverless_templates_deploy_but_for_their_api(ctx, tmp_path, fixture):
    source = FIXTURES / fixture
    template = _without_api_gateway(json.loads(source.read_text()))
    assert "UserPool" in template["Resources"]
    code_dir = tmp_path / ".serverless"
    code_dir.mkdir()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("handler.py", "def request(event, context):\n    return {'ok': True}\n")
    (code_dir / "test-variant.zip").write_bytes(buffer.getvalue())
    deploy(ctx, json.dumps(template), name="sls-test-variant-local", CodeDir=str(code_dir))
    stack = stacks.describe(ctx, "sls-test-variant-local")
    assert stack["StackStatus"] == "CREATE_COMPLETE", stack.get("StackStatusReason")
    out = {o["OutputKey"]: o["OutputValue"] for o in stack["Outputs"]}
    assert pools.get_pool(ctx, out["UserPoolId"])["UsernameAttributes"] == ["email"]
    assert out["RestUnderscoregetattLambdaFunctionQualifiedArn"] == \
        "arn:aws:lambda:us-east-1:000000000000:function:test-variant-local-rest_getatt:1"
    assert lambdas.invoke(ctx, "test-variant-local-rest_getatt", {}) == {"ok": True}
