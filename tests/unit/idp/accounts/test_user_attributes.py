"""Attribute checks, masking and the order AWS lists attributes in."""

import pytest

from cfn_cognito.idp.accounts import attributes
from cfn_cognito.idp.userpools import schema
from cfn_cognito.idp.errors import InvalidParameterException, NotAuthorizedException

POOL = {"SchemaAttributes": schema.build_schema([
    {"Name": "email", "Required": True},
    {"Name": "tier", "AttributeDataType": "String",
     "StringAttributeConstraints": {"MinLength": "1", "MaxLength": "5"}},
    {"Name": "age", "AttributeDataType": "Number",
     "NumberAttributeConstraints": {"MinValue": "0", "MaxValue": "150"}},
])}


def _names(*names):
    return [{"Name": n, "Value": "x"} for n in names]


@pytest.mark.parametrize("stored_order, aws_order", [
    # Orders seen in real AWS responses (awscli examples, a captured ListUsers answer).
    (["sub", "email_verified", "given_name", "email"], ["sub", "email_verified", "given_name", "email"]),
    (["sub", "email", "phone_number"], ["sub", "phone_number", "email"]),
    (["sub", "email", "email_verified", "phone_number", "phone_number_verified"],
     ["sub", "email_verified", "phone_number_verified", "phone_number", "email"]),
    (["sub", "email", "custom:CustomAttr1"], ["sub", "custom:CustomAttr1", "email"]),
])
def test_attributes_come_out_in_aws_order(stored_order, aws_order):
    assert [a["Name"] for a in attributes.aws_order(_names(*stored_order))] == aws_order


def test_masked_destinations_look_like_aws():
    assert attributes.mask("email", "jane@example.com") == "j***@e***"
    assert attributes.mask("phone_number", "+12065551234") == "+*******1234"
    assert attributes.delivery_details("email", "jane@example.com") == {
        "Destination": "j***@e***", "DeliveryMedium": "EMAIL", "AttributeName": "email"}


def test_parse_accepts_schema_attributes_and_normalises_booleans():
    values = attributes.parse(POOL, [
        {"Name": "email", "Value": "a@b.c"}, {"Name": "email_verified", "Value": "True"},
        {"Name": "custom:tier", "Value": "gold"}, {"Name": "custom:age", "Value": "42"}])
    assert values == {"email": "a@b.c", "email_verified": "true", "custom:tier": "gold",
                      "custom:age": "42"}


@pytest.mark.parametrize("attr, message", [
    ({"Name": "custom:nope", "Value": "x"},
     "Attributes did not conform to the schema: custom:nope: Attribute does not exist in the schema."),
    ({"Name": "sub", "Value": "x"}, "user.sub: Attribute cannot be updated."),
    ({"Name": "email", "Value": "not-an-email"}, "Invalid email address format."),
    ({"Name": "phone_number", "Value": "555-1234"}, "Invalid phone number format."),
    ({"Name": "custom:tier", "Value": "platinum"},
     "Attributes did not conform to the schema: custom:tier: String must be no longer than 5 characters."),
    ({"Name": "custom:age", "Value": "old"},
     "Attributes did not conform to the schema: custom:age: Number must be an integer."),
    ({"Name": "custom:age", "Value": "200"},
     "Attributes did not conform to the schema: custom:age: Number must be at most 150."),
    ({"Name": "email_verified", "Value": "yes"},
     "Attributes did not conform to the schema: email_verified: Attribute value must be true or false."),
])
def test_parse_refuses_what_the_schema_does_not_allow(attr, message):
    with pytest.raises(InvalidParameterException) as err:
        attributes.parse(POOL, [attr])
    assert err.value.message == message


def test_required_attributes_and_flags_need_values():
    with pytest.raises(InvalidParameterException) as err:
        attributes.check_required(POOL, {"name": "x"})
    assert err.value.message == "Attributes did not conform to the schema: email: The attribute is required"
    with pytest.raises(InvalidParameterException) as err:
        attributes.check_flags_have_values({"email_verified": "true"})
    assert err.value.message == "Email is required to verify/un-verify an email"


def test_clients_cannot_mark_their_own_address_verified_unless_allowed():
    with pytest.raises(NotAuthorizedException) as err:
        attributes.check_client_write({}, ["email", "email_verified"])
    assert err.value.message == "A client attempted to write unauthorized attribute"
    attributes.check_client_write({}, ["email", "name"])
    attributes.check_client_write({"WriteAttributes": ["email_verified"]}, ["email_verified"])
    with pytest.raises(NotAuthorizedException):
        attributes.check_client_write({"WriteAttributes": ["name"]}, ["email"])
