"""Rules: each rule's assertions, checked with the deploy's parameter values before anything
changes; a failing one refuses the deploy with its AssertDescription."""

import pytest

from cfn_cognito.cfn.findings import TemplateError
from cfn_cognito.cfn.intrinsics import Scope, pseudo_parameters
from cfn_cognito.cfn.prepare import prepare
from cfn_cognito.cfn.rules import check

STACK_ID = "arn:aws:cloudformation:us-east-1:000000000000:stack/s/1"


def scope(**parameters):
    values = {**parameters, **pseudo_parameters("us-east-1", "000000000000", "s", STACK_ID)}
    return Scope(region="us-east-1", parameters=values)


def failures(rules: dict, **parameters) -> list[str]:
    return [f.message for f in check(rules, scope(**parameters))]


def assertion(condition, text="no"):
    return {"Assertions": [{"Assert": condition, "AssertDescription": text}]}


def test_the_cdk_bootstrap_rule_holds_for_a_current_version_and_fails_for_an_old_one():
    rule = {"CheckBootstrapVersion": assertion(
        {"Fn::Not": [{"Fn::Contains": [["1", "2", "3", "4", "5"], {"Ref": "BootstrapVersion"}]}]},
        "CDK bootstrap stack version 6 required.")}
    assert failures(rule, BootstrapVersion="26") == []    # a value, not a substring, matches
    assert failures(rule, BootstrapVersion="5") == ["CDK bootstrap stack version 6 required."]


def test_each_member_functions_and_lists():
    equals = {"R": assertion({"Fn::EachMemberEquals": [{"Ref": "Zones"}, "a"]})}
    member_in = {"R": assertion({"Fn::EachMemberIn": [{"Ref": "Zones"}, ["a", "b", "c"]]})}
    assert failures(equals, Zones=["a", "a"]) == [] and failures(equals, Zones=["a", "b"]) == ["no"]
    assert failures(member_in, Zones=["a", "c"]) == []
    assert failures(member_in, Zones=["a", "d"]) == ["no"]


def test_ref_all_lists_what_exists_here():
    zones = {"R": assertion({"Fn::EachMemberIn": [
        {"Ref": "Zones"}, {"Fn::RefAll": "AWS::EC2::AvailabilityZone::Name"}]})}
    assert failures(zones, Zones=["us-east-1a", "us-east-1f"]) == []
    assert failures(zones, Zones=["eu-west-1a"]) == ["no"]
    vpcs = {"R": assertion({"Fn::Contains": [{"Fn::RefAll": "AWS::EC2::VPC::Id"}, {"Ref": "Vpc"}]})}
    assert failures(vpcs, Vpc="vpc-123") == ["no"]      # no VPC exists in cfn-cognito


def test_value_of_names_the_resource_it_cannot_read():
    rule = {"R": assertion({"Fn::EachMemberEquals": [
        {"Fn::ValueOf": ["Subnet", "VpcId"]}, {"Ref": "Vpc"}]})}
    [message] = failures(rule, Subnet="subnet-1", Vpc="vpc-1")
    assert "Fn::ValueOf reads VpcId of subnet-1 (parameter Subnet)" in message


def test_a_rule_condition_decides_whether_its_assertions_apply():
    rule = {"ProdNeedsBig": {
        "RuleCondition": {"Fn::Equals": [{"Ref": "Stage"}, "prod"]},
        "Assertions": [{"Assert": {"Fn::Contains": [["large"], {"Ref": "Size"}]},
                        "AssertDescription": "prod takes large"}]}}
    assert failures(rule, Stage="dev", Size="small") == []
    assert failures(rule, Stage="prod", Size="small") == ["prod takes large"]
    assert failures(rule, Stage="prod", Size="large") == []


def test_an_assertion_without_a_description_names_its_rule():
    assert failures({"Only": {"Assertions": [{"Assert": {"Fn::Equals": ["a", "b"]}}]}}) == [
        "Template error: an assertion of rule Only failed"]


def test_a_failing_rule_refuses_the_deploy_with_its_line():
    text = ("Parameters:\n  Stage: {Type: String, Default: qa}\n"
            "Rules:\n  Known:\n    Assertions:\n"
            "      - Assert: !Contains [[dev, prod], !Ref Stage]\n"
            "        AssertDescription: Stage must be dev or prod\n"
            "Resources:\n  Group:\n    Type: AWS::Logs::LogGroup\n")
    with pytest.raises(TemplateError) as caught:
        prepare(text, "us-east-1", "000000000000", "s", STACK_ID, {})
    [finding] = caught.value.errors
    assert finding.message == "Stage must be dev or prod" and finding.line == 6
    assert prepare(text, "us-east-1", "000000000000", "s", STACK_ID, {"Stage": "dev"})


def test_rules_read_values_from_the_parameter_store():
    text = ("Parameters:\n  Version:\n    Type: AWS::SSM::Parameter::Value<String>\n"
            "    Default: /app/version\n"
            "Rules:\n  Recent:\n    Assertions:\n"
            "      - Assert: !Not [!Equals [!Ref Version, '1']]\n"
            "        AssertDescription: version 1 is too old\n"
            "Resources:\n  Group:\n    Type: AWS::Logs::LogGroup\n")
    store = {"/app/version": ("2", "String")}
    prepared = prepare(text, "us-east-1", "000000000000", "s", STACK_ID, {}, ssm=store.get)
    assert prepared.parameters["Version"] == "2" and prepared.given() == {"Version": "/app/version"}
    store["/app/version"] = ("1", "String")
    with pytest.raises(TemplateError) as caught:
        prepare(text, "us-east-1", "000000000000", "s", STACK_ID, {}, ssm=store.get)
    assert [f.message for f in caught.value.errors] == ["version 1 is too old"]
