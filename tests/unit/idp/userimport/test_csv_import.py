"""The user import CSV: its header, and AWS's rules for the file and for each row."""

import random

import pytest

from cfn_cognito.idp.userimport import csv_file as csv_import
from cfn_cognito.idp.userimport.csv_file import FileProblem, RowProblem
from users_fixtures import clock, ctx, make_pool  # noqa: F401

AWS_HEADER = [  # the AWS CLI's get-csv-header example, for a pool with the standard schema
    "name", "given_name", "family_name", "middle_name", "nickname", "preferred_username",
    "profile", "picture", "website", "email", "email_verified", "gender", "birthdate",
    "zoneinfo", "locale", "phone_number", "phone_number_verified", "address", "updated_at",
    "cognito:mfa_enabled", "cognito:username",
]


@pytest.fixture
def pool(ctx):
    return make_pool(ctx, AutoVerifiedAttributes=["email"])


def _file(pool, *rows: dict) -> bytes:
    columns = csv_import.header(pool)
    lines = [",".join(columns)]
    for row in rows:
        values = {"cognito:mfa_enabled": "false", **row}
        lines.append(",".join(values.get(c, "") for c in columns))
    return ("\n".join(lines) + "\n").encode()


def _plan(pool, **row):
    columns, rows = csv_import.read(pool, _file(pool, row))
    [(_, values)] = list(rows)
    return csv_import.plan(pool, columns, values, random.Random(7))


def test_the_header_is_the_pool_schema_then_the_two_cognito_columns(ctx):
    assert csv_import.header(make_pool(ctx)) == AWS_HEADER
    custom = make_pool(ctx, Schema=[{"Name": "tier", "AttributeDataType": "String"}])
    assert csv_import.header(custom)[-3:] == ["custom:tier", "cognito:mfa_enabled",
                                              "cognito:username"]


def test_a_row_becomes_a_user_with_its_attributes(pool):
    user = _plan(pool, **{"cognito:username": "john", "email": "john@example.com",
                          "email_verified": "TRUE", "given_name": " John ",
                          "birthdate": "02/01/1985", "updated_at": "1471453471"})
    assert user.username == "john"
    assert user.attributes == {"email": "john@example.com", "email_verified": "true",
                               "given_name": "John", "birthdate": "02/01/1985",
                               "updated_at": "1471453471"}
    assert user.mfa_enabled is False


def test_columns_can_come_in_any_order_and_commas_are_escaped(pool):
    columns = list(reversed(csv_import.header(pool)))
    values = {"cognito:username": "jane", "cognito:mfa_enabled": "false",
              "email": "jane@example.com", "email_verified": "true", "address": "1 Main St\\, Apt 2"}
    data = ",".join(columns) + "\n" + ",".join(values.get(c, "") for c in columns) + "\n"
    columns, rows = csv_import.read(pool, data.encode())
    [(line, row)] = list(rows)
    assert line == 2
    assert csv_import.plan(pool, columns, row, random.Random(1)).attributes["address"] == \
        "1 Main St, Apt 2"


@pytest.mark.parametrize("header_change, problem", [
    (lambda cols: cols[:-1], "missing columns cognito:username"),
    (lambda cols: cols + ["favourite_colour"], "unknown columns favourite_colour"),
    (lambda cols: cols + ["email"], "repeated columns email"),
])
def test_a_header_aws_would_refuse_fails_the_file(pool, header_change, problem):
    data = ",".join(header_change(csv_import.header(pool))) + "\n"
    with pytest.raises(FileProblem, match=problem):
        csv_import.read(pool, data.encode())


def test_a_file_that_is_not_utf8_fails(pool):
    with pytest.raises(FileProblem, match="UTF-8"):
        csv_import.read(pool, b"cognito:username\n\xff\xfe\n")


@pytest.mark.parametrize("row, problem", [
    ({"cognito:username": "", "email": "a@example.com", "email_verified": "true"},
     "cognito:username is required"),
    ({"cognito:username": "two words", "email": "a@example.com", "email_verified": "true"},
     "spaces or tabs"),
    ({"cognito:username": "a", "email": "a@example.com", "email_verified": "true",
      "cognito:mfa_enabled": ""}, "cognito:mfa_enabled must be true or false"),
    ({"cognito:username": "a", "email": "a@example.com", "email_verified": "true",
      "cognito:mfa_enabled": "true"}, "MFA is off"),
    ({"cognito:username": "a", "email": "a@example.com", "email_verified": "false"},
     "email_verified must be true"),
    ({"cognito:username": "a", "email_verified": "true"}, "email is required"),
    ({"cognito:username": "a", "email": "not-an-email", "email_verified": "true"},
     "Invalid email address format"),
    ({"cognito:username": "a", "email": "a@example.com", "email_verified": "true",
      "birthdate": "1985-02-01"}, "mm/dd/yyyy"),
    ({"cognito:username": "a", "email": "a@example.com", "email_verified": "true",
      "updated_at": "yesterday"}, "updated_at"),
])
def test_a_row_that_breaks_a_rule_is_refused_with_the_reason(pool, row, problem):
    with pytest.raises(RowProblem, match=problem):
        _plan(pool, **row)


def test_a_row_with_the_wrong_number_of_values_is_refused(pool):
    columns, _ = csv_import.read(pool, _file(pool))
    with pytest.raises(RowProblem, match="the header has"):
        csv_import.plan(pool, columns, ["only", "three", "values"], random.Random(1))


def test_mfa_must_be_true_when_the_pool_requires_it(ctx):
    pool = make_pool(ctx, AutoVerifiedAttributes=["phone_number"], MfaConfiguration="ON",
                     SmsConfiguration={"SnsCallerArn": "arn:aws:iam::000000000000:role/sms"})
    base = {"cognito:username": "p", "phone_number": "+12345550100",
            "phone_number_verified": "true"}
    assert _plan(pool, **base, **{"cognito:mfa_enabled": "true"}).mfa_enabled is True
    with pytest.raises(RowProblem, match="MFA is required"):
        _plan(pool, **base)


def test_required_attributes_of_the_pool_must_have_values(ctx):
    pool = make_pool(ctx, AutoVerifiedAttributes=["email"],
                     Schema=[{"Name": "family_name", "Required": True}])
    with pytest.raises(RowProblem, match="family_name: The attribute is required"):
        _plan(pool, **{"cognito:username": "a", "email": "a@example.com",
                       "email_verified": "true"})


def test_in_an_email_username_pool_the_username_is_a_new_uuid(ctx):
    pool = make_pool(ctx, AutoVerifiedAttributes=["email"], UsernameAttributes=["email"])
    user = _plan(pool, **{"cognito:username": "ann@example.com", "email": "ann@example.com",
                          "email_verified": "true"})
    assert user.username != "ann@example.com" and len(user.username) == 36
    assert user.attributes["email"] == "ann@example.com"
