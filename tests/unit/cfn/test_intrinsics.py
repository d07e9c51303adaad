"""Intrinsic functions, condition functions and pseudo parameters, resolved as
CloudFormation resolves them."""

import base64

import pytest

from cfn_cognito.cfn.intrinsics import (
    NO_VALUE,
    ResolveError,
    Resolver,
    Scope,
    evaluate_conditions,
    pseudo_parameters,
)
from cfn_cognito.cfn.loader import load

STACK_ID = "arn:aws:cloudformation:us-east-1:000000000000:stack/demo/1234"
RESOURCES = {"Pool": "us-east-1_abc", "Fn": "demo-Fn-XYZ"}
ATTRIBUTES = {("Pool", "Arn"): "arn:aws:cognito-idp:us-east-1:000000000000:userpool/us-east-1_abc",
              ("Fn", "Arn"): "arn:aws:lambda:us-east-1:000000000000:function:demo-Fn-XYZ"}
EXPORTS = {"shared-pool-id": "us-east-1_shared"}


def scope(region="us-east-1", parameters=None, mappings=None, conditions=None):
    values = {"Stage": "dev", "Zones": ["a", "b"], "Count": "3"}
    values.update(parameters or {})
    values.update(pseudo_parameters(region, "000000000000", "demo", STACK_ID))
    return Scope(region=region, parameters=values, mappings=mappings or {},
                 conditions=conditions if conditions is not None else {"IsProd": False},
                 ref=RESOURCES.__getitem__, get_att=lambda r, a: ATTRIBUTES[(r, a)],
                 import_value=EXPORTS.__getitem__)


def resolve(value, **kwargs):
    return Resolver(scope(**kwargs)).resolve(value)


def test_ref_gives_parameters_pseudo_parameters_and_physical_ids():
    assert resolve({"Ref": "Stage"}) == "dev"
    assert resolve({"Ref": "Pool"}) == "us-east-1_abc"
    assert resolve({"Ref": "AWS::Region"}) == "us-east-1"
    assert resolve({"Ref": "AWS::AccountId"}) == "000000000000"
    assert resolve({"Ref": "AWS::StackName"}) == "demo"
    assert resolve({"Ref": "AWS::StackId"}) == STACK_ID
    assert resolve({"Ref": "AWS::Partition"}) == "aws"
    assert resolve({"Ref": "AWS::URLSuffix"}) == "amazonaws.com"
    assert resolve({"Ref": "AWS::NotificationARNs"}) == []


def test_partition_and_url_suffix_follow_the_region():
    assert resolve({"Ref": "AWS::Partition"}, region="cn-north-1") == "aws-cn"
    assert resolve({"Ref": "AWS::URLSuffix"}, region="cn-north-1") == "amazonaws.com.cn"
    assert resolve({"Ref": "AWS::Partition"}, region="us-gov-west-1") == "aws-us-gov"


def test_no_value_removes_the_member_or_item():
    value = {"A": {"Ref": "AWS::NoValue"}, "B": [1, {"Ref": "AWS::NoValue"}, 2], "C": "c"}
    assert resolve(value) == {"B": [1, 2], "C": "c"}
    assert resolve({"Ref": "AWS::NoValue"}) is NO_VALUE


def test_unknown_ref_is_cloudformations_unresolved_dependency():
    with pytest.raises(ResolveError, match=r"Unresolved resource dependencies \[Nope\]"):
        resolve({"Ref": "Nope"})


def test_get_att_in_both_forms():
    arn = ATTRIBUTES[("Pool", "Arn")]
    assert resolve({"Fn::GetAtt": ["Pool", "Arn"]}) == arn
    assert resolve({"Fn::GetAtt": "Pool.Arn"}) == arn
    # The attribute name may itself come from a parameter.
    assert resolve({"Fn::GetAtt": ["Pool", {"Ref": "Attr"}]}, parameters={"Attr": "Arn"}) == arn
    with pytest.raises(ResolveError, match="does not support attribute type Nope"):
        resolve({"Fn::GetAtt": ["Pool", "Nope"]})


def test_sub_string_form():
    text = "${AWS::StackName}-${Stage}/${Pool}/${Pool.Arn}/${!Literal}"
    assert resolve({"Fn::Sub": text}) == (
        f"demo-dev/us-east-1_abc/{ATTRIBUTES[('Pool', 'Arn')]}/${{Literal}}")


def test_sub_list_form_with_its_own_variables():
    value = {"Fn::Sub": ["${Greeting}, ${Name} in ${AWS::Region}",
                         {"Greeting": "hello", "Name": {"Ref": "Stage"}}]}
    assert resolve(value) == "hello, dev in us-east-1"


def test_sub_refuses_a_list_variable():
    with pytest.raises(ResolveError, match="must resolve to a string"):
        resolve({"Fn::Sub": "${Zones}"})


def test_join_select_split():
    assert resolve({"Fn::Join": ["-", ["a", {"Ref": "Stage"}, 3]]}) == "a-dev-3"
    assert resolve({"Fn::Join": [",", {"Ref": "Zones"}]}) == "a,b"
    assert resolve({"Fn::Select": ["1", ["x", "y", "z"]]}) == "y"
    assert resolve({"Fn::Select": [0, {"Fn::Split": [",", "p,q"]}]}) == "p"
    assert resolve({"Fn::Split": ["|", "a|b|c"]}) == ["a", "b", "c"]
    with pytest.raises(ResolveError, match="cannot select nonexistent value at index 5"):
        resolve({"Fn::Select": [5, ["x"]]})


def test_find_in_map_with_refs_and_default():
    mappings = {"Sizes": {"dev": {"Max": "1"}, "prod": {"Max": "9"}}}
    assert resolve({"Fn::FindInMap": ["Sizes", {"Ref": "Stage"}, "Max"]}, mappings=mappings) == "1"
    assert resolve({"Fn::FindInMap": ["Sizes", "test", "Max", {"DefaultValue": "0"}]},
                   mappings=mappings) == "0"
    with pytest.raises(ResolveError, match="Unable to get mapping for Sizes::test::Max"):
        resolve({"Fn::FindInMap": ["Sizes", "test", "Max"]}, mappings=mappings)


def test_if_takes_the_branch_of_its_condition():
    value = {"Fn::If": ["IsProd", "big", {"Ref": "AWS::NoValue"}]}
    assert resolve({"Size": value}) == {}
    assert resolve({"Size": value}, conditions={"IsProd": True}) == {"Size": "big"}
    with pytest.raises(ResolveError, match="Unresolved condition dependency Nope"):
        resolve({"Fn::If": ["Nope", 1, 2]})


def test_base64_getazs_and_import_value():
    assert resolve({"Fn::Base64": {"Fn::Sub": "${Stage}!"}}) == base64.b64encode(b"dev!").decode()
    assert resolve({"Fn::GetAZs": ""}) == [f"us-east-1{x}" for x in "abcdef"]
    assert resolve({"Fn::GetAZs": {"Ref": "AWS::Region"}}, region="eu-west-1") == [
        "eu-west-1a", "eu-west-1b", "eu-west-1c"]
    assert resolve({"Fn::Select": [0, {"Fn::GetAZs": "eu-west-2"}]}) == "eu-west-2a"
    assert resolve({"Fn::ImportValue": {"Fn::Sub": "shared-pool-id"}}) == "us-east-1_shared"
    with pytest.raises(ResolveError, match="No export named missing found"):
        resolve({"Fn::ImportValue": "missing"})


def test_conditions_section_with_every_condition_function():
    template = load("""
Parameters:
  Stage: {Type: String, Default: prod}
Conditions:
  IsProd: !Equals [!Ref Stage, prod]
  IsDev: !Not [!Condition IsProd]
  Both: !And [!Condition IsProd, !Equals ["3", !Ref Count]]
  Either: !Or [!Condition IsDev, !Equals [a, b]]
Resources:
  R: {Type: AWS::S3::Bucket}
""")
    s = scope(parameters={"Stage": "prod"})
    results = evaluate_conditions(template.section("Conditions"), s)
    assert results == {"IsProd": True, "IsDev": False, "Both": True, "Either": False}


def test_condition_cycles_are_errors():
    conditions = {"A": {"Condition": "B"}, "B": {"Fn::Not": [{"Condition": "A"}]}}
    with pytest.raises(ResolveError, match="circular condition"):
        evaluate_conditions(conditions, scope())


def test_errors_carry_the_line_of_the_function():
    template = load("Resources:\n  R:\n    Type: AWS::S3::Bucket\n    Properties:\n"
                    "      BucketName: !Select [4, [a]]\n")
    with pytest.raises(ResolveError) as caught:
        resolve(template.resources["R"]["Properties"])
    assert caught.value.line == 5
