"""The SAM transform, offline: local CodeUri paths become the functions' Code, S3 ones stay
S3, the translator's refusals come back as findings with their line, and what would call
AWS is refused before the translator runs."""

import json

import pytest

from cfn_cognito.cfn import sam
from cfn_cognito.cfn.findings import TemplateError
from cfn_cognito.cfn.loader import load
from cfn_cognito.cfn.prepare import prepare

STACK_ID = "arn:aws:cloudformation:us-east-1:000000000000:stack/s/1"

FUNCTIONS = """
Transform: AWS::Serverless-2016-10-31
Globals:
  Function: {Runtime: python3.12, Handler: app.handler, CodeUri: shared/code}
Resources:
  FromGlobals:
    Type: AWS::Serverless::Function
  Own:
    Type: AWS::Serverless::Function
    Properties: {CodeUri: "src/my fn/"}
  Zipped:
    Type: AWS::Serverless::Function
    Properties: {CodeUri: build/fn.zip}
  InS3:
    Type: AWS::Serverless::Function
    Properties: {CodeUri: s3://bucket/key/fn.zip}
  Inline:
    Type: AWS::Serverless::Function
    Properties: {InlineCode: "def handler(e, c): return e", Handler: index.handler}
"""


def transformed(text: str, parameters=None) -> dict:
    return sam.transform(load(text).body, "eu-west-1", parameters)


def test_local_code_uris_become_the_functions_code_paths_and_s3_ones_stay():
    resources = transformed(FUNCTIONS)["Resources"]
    code = {k: r["Properties"]["Code"] for k, r in resources.items()
            if r["Type"] == "AWS::Lambda::Function"}
    assert code == {"FromGlobals": "shared/code", "Own": "src/my fn/", "Zipped": "build/fn.zip",
                    "InS3": {"S3Bucket": "bucket", "S3Key": "key/fn.zip"},
                    "Inline": {"ZipFile": "def handler(e, c): return e"}}


def test_the_region_and_parameters_reach_the_translator():
    text = """
Transform: AWS::Serverless-2016-10-31
Parameters:
  Stage: {Type: String, Default: dev}
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: index.handler
      InlineCode: "def handler(e, c): return e"
      Events:
        Get: {Type: Api, Properties: {Path: /x, Method: get}}
"""
    out = transformed(text, {"Stage": "prod"})
    # The default role's managed policy, from the map bundled with the translator.
    role = out["Resources"]["FnRole"]["Properties"]
    assert role["ManagedPolicyArns"] == [
        "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"]
    assert "Transform" not in out and "ServerlessRestApiProdStage" in out["Resources"]


def test_a_refused_template_carries_the_translators_message_at_the_resource():
    text = FUNCTIONS + """  Broken:
    Type: AWS::Serverless::Function
    Properties:
      InlineCode: x
      Events:
        Odd: {Type: Carrier}
"""
    with pytest.raises(TemplateError) as caught:
        transformed(text)
    [finding] = caught.value.findings
    assert finding.message.startswith(
        "Transform AWS::Serverless-2016-10-31 failed with: Invalid Serverless Application "
        "Specification document. Number of errors found: 1. Resource with id [Broken] is "
        "invalid. Event with id [Odd] is invalid.")
    assert (finding.line, finding.path) == (20, "Resources/Broken")


def test_serverless_applications_are_refused_before_the_translator_could_fetch_them():
    text = """
Transform: AWS::Serverless-2016-10-31
Resources:
  App:
    Type: AWS::Serverless::Application
    Properties: {Location: {ApplicationId: "arn:aws:serverlessrepo:us-east-1:1:applications/x",
                            SemanticVersion: 1.0.0}}
"""
    with pytest.raises(TemplateError) as caught:
        transformed(text)
    [finding] = caught.value.findings
    assert finding.message.startswith("Resource type AWS::Serverless::Application of App is "
                                      "not supported by cfn-cognito")
    assert finding.line == 5


def test_a_deploy_checks_the_transformed_template_and_keeps_it():
    prepared = prepare(FUNCTIONS, "us-east-1", "000000000000", "s", STACK_ID, {})
    assert prepared.resources["Own"]["Type"] == "AWS::Lambda::Function"
    assert json.loads(prepared.processed)["Resources"]["Own"]["Properties"]["Code"] == "src/my fn/"
    plain = prepare("Resources:\n  P: {Type: AWS::Cognito::UserPool}\n", "us-east-1",
                    "000000000000", "s", STACK_ID, {})
    assert plain.processed is None


def test_what_sam_makes_that_cannot_run_here_is_refused_by_type():
    text = FUNCTIONS.replace("    Properties: {CodeUri: build/fn.zip}",
                             "    Properties: {CodeUri: build/fn.zip, FunctionUrlConfig: "
                             "{AuthType: NONE}}")
    with pytest.raises(TemplateError) as caught:
        prepare(text, "us-east-1", "000000000000", "s", STACK_ID, {})
    assert [f.message for f in caught.value.errors] == [
        "Resource type AWS::Lambda::Url of ZippedUrl is not supported by cfn-cognito"]


def test_globals_is_a_section_of_sam_templates_only():
    with pytest.raises(TemplateError) as caught:
        load("Globals: {}\nResources:\n  P: {Type: AWS::Cognito::UserPool}\n")
    assert "Unrecognized section 'Globals'" in caught.value.findings[0].message
    assert load(FUNCTIONS).body["Globals"]
