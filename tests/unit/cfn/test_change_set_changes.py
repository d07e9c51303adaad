"""The Changes of a change set, worked out from the engine's plan of an update over a stack
deployed in-process: static changes and their cause, what a replacement carries to the
resources that read it, removals and their policy, NoEcho values kept out."""

import pytest

from cfn_cognito import lambdas
from cfn_cognito.cfn import stacks
from cfn_cognito.cfn.api import changes
from cfn_cognito.config import Settings
from cfn_cognito.context import Context
from cfn_cognito.store import open_store

BASE = """
Parameters:
  Description: {Type: String, Default: first}
  Secret: {Type: String, NoEcho: true, Default: hush-one}
Resources:
  Pool:
    Type: AWS::Cognito::UserPool
    Properties: {UserPoolName: pool, UsernameAttributes: [USERNAME]}
  Client:
    Type: AWS::Cognito::UserPoolClient
    Properties: {UserPoolId: !Ref Pool, ClientName: web}
  Group:
    Type: AWS::Cognito::UserPoolGroup
    Properties: {UserPoolId: !Ref Pool, GroupName: admins, Description: !Ref Description}
  Kept:
    Type: AWS::Cognito::UserPoolGroup
    DeletionPolicy: Retain
    Properties: {UserPoolId: !Ref Pool, GroupName: kept, Description: !Sub "x-${Secret}"}
"""


@pytest.fixture
def ctx(tmp_path):
    store = open_store(tmp_path / "data")
    context = Context(Settings(), store)
    stacks.deploy(context, {"StackName": "demo", "TemplateBody": BASE.replace("USERNAME", "email")},
                  start=lambda work: work())
    assert stacks.describe(context, "demo")["StackStatus"] == "CREATE_COMPLETE"
    yield context
    lambdas.stop_workers(store.data_dir)
    store.close()


def changes_of(ctx, body: str, **given) -> dict:
    planned = stacks.plan(ctx, {"StackName": "demo", "TemplateBody": body, "Parameters": given},
                          keep_previous=False)
    return {c["ResourceChange"]["LogicalResourceId"]: c["ResourceChange"]
            for c in changes.compute(ctx, planned)}


def test_a_parameter_changes_what_reads_it(ctx):
    found = changes_of(ctx, BASE.replace("USERNAME", "email"), Description="second")
    assert list(found) == ["Group"]
    assert found["Group"]["Replacement"] == "False"
    assert found["Group"]["Details"] == [{
        "Target": {"Attribute": "Properties", "Name": "Description",
                   "RequiresRecreation": "Never", "AttributeChangeType": "Modify",
                   "BeforeValue": "first", "AfterValue": "second"},
        "Evaluation": "Static", "ChangeSource": "ParameterReference",
        "CausingEntity": "Description"}]


def test_a_replacement_reaches_every_resource_that_reads_it(ctx):
    found = changes_of(ctx, BASE.replace("USERNAME", "phone_number"))
    assert found["Pool"]["Replacement"] == "True"
    assert found["Pool"]["Details"][0]["Target"]["RequiresRecreation"] == "Always"
    for reader in ("Client", "Group", "Kept"):
        assert found[reader]["Action"] == "Modify"
        # UserPoolId is create-only: a new pool may mean a new client, group...
        assert found[reader]["Replacement"] == "Conditional"
        assert found[reader]["Details"] == [{
            "Target": {"Attribute": "Properties", "Name": "UserPoolId",
                       "RequiresRecreation": "Conditionally"},
            "Evaluation": "Dynamic", "ChangeSource": "ResourceReference",
            "CausingEntity": "Pool"}]


def test_added_and_removed_resources(ctx):
    body = BASE.replace("USERNAME", "email").split("  Kept:")[0] + """
  Readers:
    Type: AWS::Cognito::UserPoolGroup
    Properties: {UserPoolId: !Ref Pool, GroupName: readers}
"""
    found = changes_of(ctx, body.replace("Description: !Ref Description",
                                         "Description: !Ref Readers"))
    assert found["Readers"] == {"Action": "Add", "LogicalResourceId": "Readers",
                                "ResourceType": "AWS::Cognito::UserPoolGroup", "Scope": [],
                                "Details": []}
    assert (found["Kept"]["Action"], found["Kept"]["PolicyAction"]) == ("Remove", "Retain")
    # What reads a resource not made yet is known only as the update runs.
    assert [(d["Evaluation"], d["CausingEntity"]) for d in found["Group"]["Details"]] == [
        ("Dynamic", "Readers")]


def test_noecho_values_are_not_shown(ctx):
    found = changes_of(ctx, BASE.replace("USERNAME", "email"), Secret="hush-two")
    target = found["Kept"]["Details"][0]["Target"]
    assert (target["BeforeValue"], target["AfterValue"]) == ("x-hush-one", "x-****")
