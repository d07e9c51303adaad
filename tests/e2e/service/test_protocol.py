"""The AWS JSON 1.1 protocol on `POST /`, as SDKs and browsers meet it: content types, bad
bodies, validation wording, error headers, CORS, and a server that keeps serving."""

import json

import pytest
import requests

from aws_wire import model, parse, post_raw

ENUM_AUTH_FLOW = ", ".join(model().shape_for("AuthFlowType").enum)


def _error(r: requests.Response, operation: str = "DescribeUserPool") -> dict:
    """The error as botocore reads it, after checking the wire form every error shares."""
    assert 400 <= r.status_code < 500, (r.status_code, r.text)
    body = r.json()
    assert "__type" in body, body
    answer = parse(r, operation)
    code = answer.error["Code"]
    assert r.headers["x-amzn-ErrorType"].split(":", 1)[0] == code
    assert r.headers["x-amzn-RequestId"]
    return answer.error


@pytest.mark.parametrize("content_type", [
    "application/x-amz-json-1.1", "application/x-amz-json-1.0",
    "application/x-amz-json-1.1; charset=utf-8",
])
def test_both_json_content_types_are_accepted(cognito_url, content_type):
    r = post_raw(cognito_url, "ListUserPools", {"MaxResults": 1}, content_type=content_type)
    assert r.status_code == 200, r.text
    assert isinstance(r.json()["UserPools"], list)
    assert r.headers["Content-Type"] == "application/x-amz-json-1.1"
    assert r.headers["x-amzn-RequestId"]


def test_unsigned_requests_are_served(cognito_url):
    # Browsers and SDK "unauthenticated" calls send no Authorization header at all.
    r = post_raw(cognito_url, "CreateUserPool", {"PoolName": "unsigned"})
    assert r.status_code == 200
    assert r.json()["UserPool"]["Name"] == "unsigned"


def test_every_answer_has_its_own_request_id(cognito_url):
    ids = {post_raw(cognito_url, "ListUserPools", {"MaxResults": 1}).headers["x-amzn-RequestId"]
           for _ in range(3)}
    assert len(ids) == 3


@pytest.mark.parametrize("body", [
    b'{"MaxResults": ', b"{bad json}", b'{"MaxResults": 1,}', b"\xff\xfe\x00",
    b'{"MaxResults": NaN}', b'[{"MaxResults": 1}]', b'"MaxResults"',
])
def test_malformed_json_is_a_serialization_exception(cognito_url, body):
    r = post_raw(cognito_url, "ListUserPools", body)
    assert _error(r, "ListUserPools")["Code"] == "SerializationException"
    assert r.json()["__type"] == "com.amazon.coral.service#SerializationException"


@pytest.mark.parametrize("operation,body", [
    ("DescribeUserPool", {"UserPoolId": 5}),
    ("DescribeUserPool", {"UserPoolId": ["us-east-1_abc"]}),
    ("ListUserPools", {"MaxResults": "5"}),
    ("ListUserPools", {"MaxResults": 1.5}),
    ("ListUserPools", {"MaxResults": True}),
    ("CreateUserPool", {"PoolName": "p", "AutoVerifiedAttributes": "email"}),
    ("CreateUserPool", {"PoolName": "p", "UserPoolTags": ["a"]}),
    ("CreateUserPool", {"PoolName": "p", "Policies": "strict"}),
    ("CreateUserPool", {"PoolName": "p", "Policies": {"PasswordPolicy": {"RequireNumbers": "yes"}}}),
    ("CreateUserPool", {"PoolName": "p", "Schema": [{"Name": "n", "Mutable": 1}]}),
])
def test_wrong_json_types_are_a_serialization_exception(cognito_url, operation, body):
    r = post_raw(cognito_url, operation, body)
    assert _error(r, operation)["Code"] == "SerializationException"


@pytest.mark.parametrize("target", [
    "AWSCognitoIdentityProviderService.NoSuchOperation",
    "AWSCognitoIdentityProviderService.",
    "SomeOtherService.ListUserPools",
    "listUserPools",
])
def test_an_unknown_target_is_an_unknown_operation(cognito_url, target):
    r = requests.post(cognito_url, data=b"{}", headers={
        "X-Amz-Target": target, "Content-Type": "application/x-amz-json-1.1"})
    assert _error(r)["Code"] == "UnknownOperationException"
    assert r.json() == {"__type": "com.amazon.coral.service#UnknownOperationException"}


def test_a_request_without_target_is_an_unknown_operation(cognito_url):
    r = requests.post(cognito_url, data=b"{}", headers={"Content-Type": "application/x-amz-json-1.1"})
    assert _error(r)["Code"] == "UnknownOperationException"


def test_a_plain_json_content_type_is_not_the_aws_protocol(cognito_url):
    r = post_raw(cognito_url, "ListUserPools", {"MaxResults": 1}, content_type="application/json")
    assert _error(r)["Code"] == "UnknownOperationException"


def test_a_broken_pattern_is_reported_in_aws_words(cognito_url):
    r = post_raw(cognito_url, "DescribeUserPool", {"UserPoolId": "bad id!"})
    error = _error(r)
    assert error["Code"] == "InvalidParameterException"
    assert error["Message"] == (
        "1 validation error detected: Value 'bad id!' at 'userPoolId' failed to satisfy "
        "constraint: Member must satisfy regular expression pattern: [\\w-]+_[0-9a-zA-Z]+")
    assert r.headers["x-amzn-ErrorMessage"] == error["Message"]


@pytest.mark.parametrize("body", [{}, {"PoolName": None}])
def test_a_missing_required_member_is_reported_as_null(cognito_url, body):
    error = _error(post_raw(cognito_url, "CreateUserPool", body), "CreateUserPool")
    assert error == {"Code": "InvalidParameterException", "Message":
                     "1 validation error detected: Value null at 'poolName' failed to satisfy "
                     "constraint: Member must not be null"}


def test_several_violations_are_counted_and_joined(cognito_url):
    r = post_raw(cognito_url, "ListUserPools", {"MaxResults": 0, "NextToken": ""})
    message = _error(r, "ListUserPools")["Message"]
    head, _, rest = message.partition(": ")
    assert head == "3 validation errors detected"
    assert set(rest.split("; ")) == {
        "Value '0' at 'maxResults' failed to satisfy constraint: "
        "Member must have value greater than or equal to 1",
        "Value '' at 'nextToken' failed to satisfy constraint: "
        "Member must have length greater than or equal to 1",
        "Value '' at 'nextToken' failed to satisfy constraint: "
        "Member must satisfy regular expression pattern: [\\S]+",
    }


def test_sensitive_members_are_reported_without_their_value(cognito_url):
    r = post_raw(cognito_url, "InitiateAuth",
                 {"ClientId": "secret id!", "AuthFlow": "BAD", "AuthParameters": {}})
    message = _error(r, "InitiateAuth")["Message"]
    head, _, rest = message.partition(": ")
    assert head == "2 validation errors detected"
    assert set(rest.split("; ")) == {
        "Value at 'clientId' failed to satisfy constraint: "
        "Member must satisfy regular expression pattern: [\\w+]+",
        f"Value 'BAD' at 'authFlow' failed to satisfy constraint: "
        f"Member must satisfy enum value set: [{ENUM_AUTH_FLOW}]",
    }
    assert "secret id!" not in r.text


def test_a_sensitive_null_member_shows_neither_value_nor_null(cognito_url):
    # As AWS answers AdminAddUserToGroup without GroupName and Username.
    r = post_raw(cognito_url, "AdminAddUserToGroup", {"UserPoolId": "us-east-1_abc"})
    message = _error(r, "AdminAddUserToGroup")["Message"]
    head, _, rest = message.partition(": ")
    assert head == "2 validation errors detected"
    assert set(rest.split("; ")) == {
        "Value null at 'groupName' failed to satisfy constraint: Member must not be null",
        "Value at 'username' failed to satisfy constraint: Member must not be null",
    }


def test_nested_members_are_named_by_their_path(cognito_url):
    body = {"PoolName": "p", "Schema": [{"Name": "ok"}, {"Name": ""}]}
    message = _error(post_raw(cognito_url, "CreateUserPool", body), "CreateUserPool")["Message"]
    assert ("Value '' at 'schema.2.member.name' failed to satisfy constraint: "
            "Member must have length greater than or equal to 1") in message


def test_null_list_members_are_refused_not_crashed_on(cognito_url):
    r = post_raw(cognito_url, "CreateUserPool", {"PoolName": "p", "Schema": [None]})
    assert _error(r, "CreateUserPool")["Message"] == (
        "1 validation error detected: Value null at 'schema.1.member' failed to satisfy "
        "constraint: Member must not be null")


def test_null_optional_members_count_as_absent(cognito_url, idp):
    r = post_raw(cognito_url, "CreateUserPool", {
        "PoolName": "nulls", "DeletionProtection": None, "Policies": None, "UserPoolTags": None})
    assert r.status_code == 200, r.text
    pool = idp.describe_user_pool(UserPoolId=r.json()["UserPool"]["Id"])["UserPool"]
    assert pool["DeletionProtection"] == "INACTIVE"
    assert pool["Policies"]["PasswordPolicy"]["MinimumLength"] == 8


def test_whole_number_floats_are_read_as_integers(cognito_url, idp):
    r = post_raw(cognito_url, "CreateUserPool", {
        "PoolName": "floats", "Policies": {"PasswordPolicy": {"MinimumLength": 9.0}}})
    assert r.status_code == 200, r.text
    assert r.json()["UserPool"]["Policies"]["PasswordPolicy"]["MinimumLength"] == 9
    assert '"MinimumLength":9,' in r.text
    r = post_raw(cognito_url, "ListUserPools", {"MaxResults": 2.0})
    assert r.status_code == 200, r.text
    assert len(r.json()["UserPools"]) <= 2


def test_unknown_members_are_ignored(cognito_url):
    r = post_raw(cognito_url, "CreateUserPool", {"PoolName": "extra", "NoSuchMember": {"a": 1}})
    assert r.status_code == 200
    assert "NoSuchMember" not in r.json()["UserPool"]


def test_a_huge_body_is_refused_with_a_json_error(cognito_url):
    body = json.dumps({"PoolName": "big", "Description": "x" * (5 * 1024 * 1024)})
    r = post_raw(cognito_url, "CreateUserPool", body)
    assert r.status_code == 413
    assert r.json()["__type"] == "RequestEntityTooLargeException"
    assert r.json()["message"]
    assert r.headers["x-amzn-ErrorType"].startswith("RequestEntityTooLargeException:")
    assert r.headers["x-amzn-RequestId"]


def test_nul_characters_are_refused(cognito_url):
    escaped = post_raw(cognito_url, "DescribeUserPool", {"UserPoolId": "us-east-1_abc\u0000def"})
    assert _error(escaped)["Code"] == "InvalidParameterException"
    assert "\x00" not in escaped.headers.get("x-amzn-ErrorMessage", "")
    raw = post_raw(cognito_url, "DescribeUserPool", b'{"UserPoolId": "us-east-1_abc\x00def"}')
    assert _error(raw)["Code"] == "SerializationException"


def test_java_word_classes_are_ascii_only(cognito_url):
    # PoolName is `[\w\s+=,.@-]+`; Java's \w does not match ö.
    error = _error(post_raw(cognito_url, "CreateUserPool", {"PoolName": "pööl"}), "CreateUserPool")
    assert error["Code"] == "InvalidParameterException"
    assert "Value 'pööl' at 'poolName'" in error["Message"]


def test_unicode_text_round_trips(idp, pool):
    name, description = "Gruppe-ü-日本", "Grüße 👋 «quoted» \\ \"and\" 日本語"
    idp.create_group(UserPoolId=pool["Id"], GroupName=name, Description=description)
    group = idp.get_group(UserPoolId=pool["Id"], GroupName=name)["Group"]
    assert (group["GroupName"], group["Description"]) == (name, description)


def test_an_error_message_with_unicode_keeps_it_in_the_body(cognito_url):
    r = post_raw(cognito_url, "DescribeUserPool", {"UserPoolId": "us-east-1_日本"})
    assert "Value 'us-east-1_日本' at 'userPoolId'" in _error(r)["Message"]


def test_deep_nesting_is_refused(cognito_url):
    deep = '{"UserPoolId": "us-east-1_abc", "X": ' + "[" * 100_000 + "]" * 100_000 + "}"
    assert _error(post_raw(cognito_url, "DescribeUserPool", deep))["Code"] == "SerializationException"


def test_the_server_keeps_serving_after_bad_requests(cognito_url, idp):
    for body in (b"{", b"\x00" * 1000, b"[" * 50_000, json.dumps({"UserPoolId": "x" * 10_000})):
        assert post_raw(cognito_url, "DescribeUserPool", body).status_code < 500
    assert requests.get(cognito_url + "/_cfn_cognito/health").json()["status"] == "ok"
    pool = idp.create_user_pool(PoolName="still-serving")["UserPool"]
    assert idp.describe_user_pool(UserPoolId=pool["Id"])["UserPool"]["Name"] == "still-serving"


def test_cors_preflight_allows_browsers(cognito_url):
    r = requests.options(cognito_url + "/", headers={
        "Origin": "http://localhost:3000",
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type,x-amz-target,x-amz-user-agent,authorization",
    })
    assert r.status_code == 200
    assert r.headers["Access-Control-Allow-Origin"] in ("*", "http://localhost:3000")
    assert "POST" in r.headers["Access-Control-Allow-Methods"]
    allowed = r.headers["Access-Control-Allow-Headers"].lower()
    assert all(h in allowed for h in
               ("content-type", "x-amz-target", "x-amz-user-agent", "authorization"))


def test_answers_let_browsers_read_the_error_headers(cognito_url):
    r = post_raw(cognito_url, "DescribeUserPool", {"UserPoolId": "us-east-1_missing1"},
                 Origin="http://localhost:3000")
    assert r.headers["Access-Control-Allow-Origin"] in ("*", "http://localhost:3000")
    exposed = r.headers["Access-Control-Expose-Headers"].lower()
    assert "x-amzn-errortype" in exposed and "x-amzn-requestid" in exposed


def test_service_errors_carry_aws_headers(cognito_url):
    r = post_raw(cognito_url, "DescribeUserPool", {"UserPoolId": "us-east-1_missing1"})
    error = _error(r)
    assert error == {"Code": "ResourceNotFoundException",
                     "Message": "User pool us-east-1_missing1 does not exist."}
    assert r.json() == {"__type": "ResourceNotFoundException",
                        "message": "User pool us-east-1_missing1 does not exist."}
    # As captured from AWS: the type, a colon, nothing after it.
    assert r.headers["x-amzn-ErrorType"] == "ResourceNotFoundException:"
    assert r.headers["x-amzn-ErrorMessage"] == "User pool us-east-1_missing1 does not exist."
