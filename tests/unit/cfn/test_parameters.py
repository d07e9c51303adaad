"""Parameters: values checked against their declarations, with CloudFormation's messages."""

from cfn_cognito.cfn import parameters

DECLARED = {
    "Stage": {"Type": "String", "Default": "dev", "AllowedValues": ["dev", "prod"]},
    "Size": {"Type": "Number", "MinValue": 1, "MaxValue": 10},
    "Name": {"Type": "String", "AllowedPattern": "[a-z]+", "MinLength": 2, "MaxLength": 5},
    "Zones": {"Type": "CommaDelimitedList", "Default": "a,b"},
    "Ports": {"Type": "List<Number>", "Default": "80,443"},
    "Secret": {"Type": "String", "NoEcho": True, "Default": "hunter2"},
}


def messages(given, previous=None):
    _, findings = parameters.resolve(DECLARED, given, previous)
    return [f.message for f in findings]


def test_defaults_lists_and_previous_values():
    values, findings = parameters.resolve(DECLARED, {"Size": 3, "Name": "abc"},
                                          {"Stage": "prod"})
    assert findings == []
    assert values == {"Stage": "prod", "Size": "3", "Name": "abc", "Zones": ["a", "b"],
                      "Ports": ["80", "443"], "Secret": "hunter2"}


def test_missing_and_unknown_parameters():
    assert messages({"Nope": "1"}) == ["Parameters: [Nope] do not exist in the template",
                                       "Parameters: [Size, Name] must have values"]


def test_constraints():
    assert messages({"Stage": "qa", "Size": "11", "Name": "ABCDEFG"}) == [
        "Parameter 'Stage' must be one of AllowedValues",
        "Parameter 'Size' must be a number not greater than 10",
        "Parameter 'Name' must match pattern [a-z]+",
        "Parameter 'Name' must contain at most 5 characters",
    ]
    assert messages({"Size": "many", "Name": "a"}) == [
        "Parameter 'Size' must be a number",
        "Parameter 'Name' must contain at least 2 characters",
    ]


def test_no_echo_values_are_masked_when_shown():
    values, _ = parameters.resolve(DECLARED, {"Size": "1", "Name": "ab"})
    shown = {p["ParameterKey"]: p["ParameterValue"] for p in parameters.shown(DECLARED, values)}
    assert shown["Secret"] == "****"
    assert shown["Zones"] == "a,b"


SSM_DECLARED = {
    "Version": {"Type": "AWS::SSM::Parameter::Value<String>",
                "Default": "/cdk-bootstrap/hnb659fds/version"},
    "Zones": {"Type": "AWS::SSM::Parameter::Value<List<String>>", "Default": "/app/zones"},
    "Stage": {"Type": "String", "Default": "dev"},
}


def test_ssm_typed_parameters_are_given_names_and_resolve_to_the_stores_values():
    store = {"/cdk-bootstrap/hnb659fds/version": ("26", "String"),
             "/app/zones": ("us-east-1a,us-east-1b", "StringList")}
    given, findings = parameters.resolve(SSM_DECLARED, {})
    assert findings == [] and given["Zones"] == "/app/zones"   # a name, never split
    values, findings = parameters.ssm_values(SSM_DECLARED, given, store.get)
    assert findings == []
    assert values == {"Version": "26", "Zones": ["us-east-1a", "us-east-1b"], "Stage": "dev"}
    assert parameters.ssm_resolved(SSM_DECLARED, values) == {
        "Version": "26", "Zones": "us-east-1a,us-east-1b"}


def test_missing_store_parameters_are_named_together():
    given, _ = parameters.resolve(SSM_DECLARED, {"Zones": "/other/zones"})
    _, findings = parameters.ssm_values(SSM_DECLARED, given, {}.get)
    assert [f.message for f in findings] == [
        "Unable to fetch parameters [/cdk-bootstrap/hnb659fds/version,/other/zones] from "
        "parameter store for this account."]
