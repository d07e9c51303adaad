"""Template errors as data: every problem found, each with its line, reported together
before anything is made."""

import json
from pathlib import Path

import pytest

from cfn_cognito.cfn import providers, validate
from cfn_cognito.cfn.findings import TemplateError
from cfn_cognito.cfn.loader import load
from cfn_cognito.cfn.prepare import prepare

FIXTURES = Path(__file__).parents[2] / "fixtures" / "serverless"
STACK_ID = "arn:aws:cloudformation:us-east-1:000000000000:stack/s/1"


def refused(text: str, given=None) -> list:
    with pytest.raises(TemplateError) as caught:
        prepare(text, "us-east-1", "000000000000", "s", STACK_ID, given or {})
    return caught.value.findings


def test_short_form_tags_load_as_long_form_with_positions():
    template = load("Resources:\n  Pool:\n    Type: AWS::Cognito::UserPool\n    Properties:\n"
                    "      UserPoolName: !Sub '${AWS::StackName}-x'\n"
                    "      LambdaConfig: {PreSignUp: !GetAtt Fn.Arn}\n")
    props = template.resources["Pool"]["Properties"]
    assert props == {"UserPoolName": {"Fn::Sub": "${AWS::StackName}-x"},
                     "LambdaConfig": {"PreSignUp": {"Fn::GetAtt": ["Fn", "Arn"]}}}
    assert props["UserPoolName"].start_mark.line + 1 == 5


def test_json_templates_load_too():
    template = load(json.dumps({"Resources": {"B": {"Type": "AWS::S3::Bucket"}}}))
    assert template.resources == {"B": {"Type": "AWS::S3::Bucket"}}


def test_duplicate_keys_and_syntax_errors_are_findings_with_lines():
    with pytest.raises(TemplateError) as caught:
        load("Resources:\n  A:\n    Type: AWS::S3::Bucket\n  A:\n    Type: AWS::S3::Bucket\n")
    assert {f.line for f in caught.value.findings} == {2, 4}
    assert "Duplicate" in caught.value.findings[0].message
    with pytest.raises(TemplateError) as caught:
        load("Resources:\n  A: [\n")
    assert caught.value.findings[0].line == 3


def test_an_invalid_property_is_named_with_its_line():
    findings = refused("Resources:\n  Pool:\n    Type: AWS::Cognito::UserPool\n"
                       "    Properties:\n      UserPoolName: p\n      Bogus: 1\n")
    assert [(f.line, f.rule, f.severity) for f in findings] == [(6, "E3002", "error")]
    assert "'Bogus' was unexpected" in findings[0].message


def test_every_problem_is_reported_together():
    findings = refused("""Parameters:
  Stage: {Type: String, AllowedValues: [dev, prod]}
Resources:
  Pool:
    Type: AWS::Cognito::UserPool
    Properties:
      Bogus: 1
  Queue:
    Type: AWS::SQS::Queue
    Properties: {QueueName: jobs}
""", {"Stage": "qa", "Extra": "1"})
    messages = [f.message for f in findings]
    assert "Resource type AWS::SQS::Queue of Queue is not supported by cfn-cognito" \
        in messages
    assert "Parameter 'Stage' must be one of AllowedValues" in messages
    assert "Parameters: [Extra] do not exist in the template" in messages
    assert any("'Bogus' was unexpected" in m for m in messages)
    lines = {f.message: f.line for f in findings}
    assert lines["Resource type AWS::SQS::Queue of Queue is not supported by cfn-cognito"] == 9


def test_serverless_templates_are_accepted_with_their_logical_ids():
    text = (FIXTURES / "v3-basic-update-stack.json").read_text()
    prepared = prepare(text, "us-east-1", "000000000000", "s", STACK_ID, {})
    assert "Userpool/ExampleUserPoolApiGatewayAuthorizer" in prepared.resources
    assert all(f.severity != "error" for f in prepared.warnings)


def test_logical_ids_with_a_slash_are_accepted():
    template = load(json.dumps({"Resources": {"Userpool/ExamplePool": {
        "Type": "AWS::S3::Bucket"}}}))
    assert [f for f in validate.lint(template, "us-east-1") if f.severity == "error"] == []


def test_warnings_do_not_stop_a_deploy():
    text = json.dumps({"Resources": {
        "A": {"Type": "AWS::S3::Bucket"},
        "B": {"Type": "AWS::S3::Bucket", "DependsOn": "A",
              "Properties": {"BucketName": {"Ref": "A"}}}}})
    prepared = prepare(text, "us-east-1", "000000000000", "s", STACK_ID, {})
    assert [f.rule for f in prepared.warnings] == ["W3005"]


def test_unsupported_properties_are_refused_before_anything_is_made():
    findings = refused("Resources:\n  Pool:\n    Type: AWS::Cognito::UserPool\n"
                       "    Properties:\n      KeyConfiguration: {}\n")
    assert any(f.rule == "CFNC0004" and f.line == 5 and "KeyConfiguration" in f.message
               for f in findings)


def test_changing_a_resource_type_is_refused():
    with pytest.raises(TemplateError) as caught:
        prepare("Resources:\n  X:\n    Type: AWS::Logs::LogGroup\n", "us-east-1",
                "000000000000", "s", STACK_ID, {}, previous_types={"X": "AWS::S3::Bucket"})
    assert "Update of resource type is not permitted" in caught.value.findings[0].message


def test_every_provider_type_is_known_to_the_schemas():
    from cfn_cognito.cfn import schemas
    for type_name in providers.PROVIDERS:
        if not type_name.startswith("Custom::"):
            assert schemas.attributes(type_name) is not None
