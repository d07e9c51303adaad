"""The ListUsers filter grammar."""

import pytest

from cfn_cognito.idp.errors import InvalidParameterException
from cfn_cognito.idp.accounts.list_users import Filter, parse_filter


@pytest.mark.parametrize("text, expected", [
    ('email = "jane@example.com"', Filter("email", "jane@example.com", False)),
    ('email="jane@example.com"', Filter("email", "jane@example.com", False)),
    ('  given_name ^= "Jo"  ', Filter("given_name", "Jo", True)),
    ('cognito:user_status = "UNCONFIRMED"', Filter("cognito:user_status", "UNCONFIRMED", False)),
    ('status = "Disabled"', Filter("status", "Disabled", False)),
    (r'name = "say \"hi\" \\ bye"', Filter("name", 'say "hi" \\ bye', False)),
    ('family_name ^= ""', Filter("family_name", "", True)),
])
def test_filters_parse(text, expected):
    assert parse_filter(text) == expected


@pytest.mark.parametrize("text", [None, "", "   "])
def test_no_filter_lists_everyone(text):
    assert parse_filter(text) is None


@pytest.mark.parametrize("text", [
    "email = jane", 'email != "x"', 'email = "a" and name = "b"', 'email = "unterminated',
    '= "x"', 'email ~= "x"',
])
def test_malformed_filters_are_refused(text):
    with pytest.raises(InvalidParameterException) as err:
        parse_filter(text)
    assert err.value.message == "Error while parsing filter."


@pytest.mark.parametrize("name", ["custom:tier", "locale", "email_verified"])
def test_only_searchable_attributes_can_be_filtered(name):
    with pytest.raises(InvalidParameterException) as err:
        parse_filter(f'{name} = "x"')
    assert err.value.message == f"Invalid search attribute: {name}"


def test_matching_ignores_case_except_for_username_and_status():
    assert parse_filter('email = "Jane@Example.COM"').value_key() == "jane@example.com"
    assert parse_filter('cognito:user_status = "confirmed"').value_key() == "confirmed"
    assert parse_filter('username = "Jane"').value_key() == "Jane"
    assert parse_filter('status = "Enabled"').value_key() == "Enabled"
