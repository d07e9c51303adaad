"""Input validation against botocore's model, with AWS's (Coral's) wording."""

import pytest

from cfn_cognito.errors import SerializationException
from cfn_cognito.spec.model import botocore_service_model as service_model
from cfn_cognito.spec.validation import ConstraintViolations, java_pattern, validate


def _input(operation: str):
    return service_model("cognito-idp").operation_model(operation).input_shape


def _problems(operation: str, params: dict, overrides=None) -> list[str]:
    with pytest.raises(ConstraintViolations) as caught:
        validate(_input(operation), params, overrides)
    return caught.value.problems


def test_a_valid_request_passes_unchanged():
    params = {"UserPoolId": "us-east-1_AbC123xyZ"}
    assert validate(_input("DescribeUserPool"), params) == params


def test_the_message_counts_and_joins():
    with pytest.raises(ConstraintViolations) as caught:
        validate(_input("ListUserPools"), {"MaxResults": 0, "NextToken": ""})
    message = caught.value.message()
    assert message.startswith("3 validation errors detected: ")
    assert message.count("; ") == 2
    single = ConstraintViolations(["Value null at 'x' failed to satisfy constraint: Member must not be null"])
    assert single.message() == ("1 validation error detected: Value null at 'x' failed to satisfy "
                                "constraint: Member must not be null")


def test_pattern_wording():
    assert _problems("DescribeUserPool", {"UserPoolId": "bad id!"}) == [
        "Value 'bad id!' at 'userPoolId' failed to satisfy constraint: "
        "Member must satisfy regular expression pattern: [\\w-]+_[0-9a-zA-Z]+"]


def test_null_and_missing_required_members():
    assert _problems("CreateUserPool", {}) == [
        "Value null at 'poolName' failed to satisfy constraint: Member must not be null"]
    assert _problems("CreateUserPool", {"PoolName": None}) == [
        "Value null at 'poolName' failed to satisfy constraint: Member must not be null"]


def test_sensitive_members_never_show_a_value():
    assert _problems("SignUp", {"ClientId": "abc", "Username": "u", "Password": "two words"}) == [
        "Value at 'password' failed to satisfy constraint: "
        "Member must satisfy regular expression pattern: [\\S]+"]
    problems = _problems("AdminAddUserToGroup", {"UserPoolId": "us-east-1_abc"})
    assert "Value at 'username' failed to satisfy constraint: Member must not be null" in problems


def test_lengths_ranges_and_enums():
    problems = _problems("CreateUserPool", {"PoolName": "x" * 129, "MfaConfiguration": "MAYBE"})
    assert ("Value '" + "x" * 129 + "' at 'poolName' failed to satisfy constraint: "
            "Member must have length less than or equal to 128") in problems
    assert ("Value 'MAYBE' at 'mfaConfiguration' failed to satisfy constraint: "
            "Member must satisfy enum value set: [OFF, ON, OPTIONAL]") in problems
    assert _problems("ListUserPools", {"MaxResults": 61}) == [
        "Value '61' at 'maxResults' failed to satisfy constraint: "
        "Member must have value less than or equal to 60"]


def test_nested_paths_are_named_like_coral():
    problems = _problems("CreateUserPool", {"PoolName": "p", "Schema": [{"Name": "ok"}, {"Name": ""}]})
    assert ("Value '' at 'schema.2.member.name' failed to satisfy constraint: "
            "Member must have length greater than or equal to 1") in problems
    problems = _problems("CreateUserPool", {"PoolName": "p", "Policies": {"PasswordPolicy": {"MinimumLength": 2}}})
    assert problems == ["Value '2' at 'policies.passwordPolicy.minimumLength' failed to satisfy "
                        "constraint: Member must have value greater than or equal to 6"]


def test_values_render_as_java_prints_them():
    from cfn_cognito.spec.validation import _render
    assert _render([True, "a", {"k": 1}, False]) == "[true, a, {k=1}, false]"


def test_nulls_inside_lists_and_maps_are_violations():
    assert _problems("CreateUserPool", {"PoolName": "p", "AutoVerifiedAttributes": [None]}) == [
        "Value null at 'autoVerifiedAttributes.1.member' failed to satisfy constraint: "
        "Member must not be null"]
    assert _problems("CreateUserPool", {"PoolName": "p", "UserPoolTags": {"k": None}}) == [
        "Value null at 'userPoolTags.k' failed to satisfy constraint: Member must not be null"]


def test_null_optional_members_are_dropped():
    checked = validate(_input("CreateUserPool"), {
        "PoolName": "p", "Policies": None, "LambdaConfig": {"PreSignUp": None}})
    assert checked == {"PoolName": "p", "LambdaConfig": {}}


def test_unknown_members_are_kept_but_not_checked():
    checked = validate(_input("CreateUserPool"), {"PoolName": "p", "Extra": {"anything": [1]}})
    assert checked["Extra"] == {"anything": [1]}


@pytest.mark.parametrize("params", [
    {"UserPoolId": 5}, {"UserPoolId": True}, {"UserPoolId": ["a"]}, {"UserPoolId": {"a": 1}},
])
def test_wrong_types_cannot_be_read(params):
    with pytest.raises(SerializationException):
        validate(_input("DescribeUserPool"), params)


@pytest.mark.parametrize("value", ["5", 1.5, True, [1]])
def test_integers_must_be_whole_numbers(value):
    with pytest.raises(SerializationException):
        validate(_input("ListUserPools"), {"MaxResults": value})


def test_whole_floats_are_read_as_integers():
    checked = validate(_input("ListUserPools"), {"MaxResults": 5.0})
    assert checked == {"MaxResults": 5} and type(checked["MaxResults"]) is int
    nested = validate(_input("CreateUserPool"), {"PoolName": "p", "Policies": {"PasswordPolicy": {"MinimumLength": 9.0}}})
    assert type(nested["Policies"]["PasswordPolicy"]["MinimumLength"]) is int


def test_blobs_must_be_base64():
    ops = service_model("cognito-idp")
    blob_op = next(op for op in ops.operation_names
                   if any(m.type_name == "blob" for m in ops.operation_model(op).input_shape.members.values()))
    shape = ops.operation_model(blob_op).input_shape
    name = next(n for n, m in shape.members.items() if m.type_name == "blob")
    with pytest.raises(SerializationException):
        validate(shape, {name: "not base64!"})


def test_java_shorthands_are_ascii_only():
    assert _problems("CreateUserPool", {"PoolName": "pööl"})[0].startswith("Value 'pööl' at 'poolName'")
    assert validate(_input("CreateGroup"), {"UserPoolId": "us-east-1_abc", "GroupName": "Gruppe-ü日本"})
    assert java_pattern(r"[\w-]+_[0-9a-zA-Z]+") == "[A-Za-z0-9_-]+_[0-9a-zA-Z]+"
    assert java_pattern(r"[\S]+") == "[^ \\t\\n\\x0B\\f\\r]+"
    assert java_pattern(r"\d+\s") == "[0-9]+[ \\t\\n\\x0B\\f\\r]"
    assert java_pattern(r"[\p{L}\p{M}]+\{####\}") == r"[\p{L}\p{M}]+\{####\}"


def test_java_non_space_includes_unicode_spaces():
    # Java's \S is "not one of six ASCII blanks": an em space is a password character.
    params = {"ClientId": "abc", "Username": "u", "Password": "a\u2003b"}
    assert validate(_input("SignUp"), params) == params


def test_overrides_replace_model_constraints():
    params = {"Domain": "auth.example.com", "UserPoolId": "us-east-1_abc"}
    assert _problems("CreateUserPoolDomain", params)[0].startswith("Value 'auth.example.com' at 'domain'")
    overrides = {"DomainType": {"pattern": r"[a-z.]+", "max": 253}}
    assert validate(_input("CreateUserPoolDomain"), params, overrides) == params


def test_excessive_nesting_cannot_be_read():
    from cfn_cognito.spec import validation
    shape = _input("CreateUserPool")
    v = validation._Validator()
    with pytest.raises(SerializationException):
        v.check(shape, {"PoolName": "p"}, "", depth=validation.MAX_DEPTH + 1)
