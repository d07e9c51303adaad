"""Every operation of botocore's cognito-idp model answers something well-formed: a result
that fits the output shape, or a 4xx AWS error. What is not implemented says so, cleanly,
and SDKs do not retry it."""

import boto3
import pytest
from botocore import xform_name
from botocore.config import Config

from aws_wire import (
    assert_well_formed_error,
    implemented_operations,
    model,
    post_raw,
    parse,
    sample_request,
    send,
    shape_problems,
)

OPERATIONS = sorted(model().operation_names)
IMPLEMENTED = set(implemented_operations())
UNIMPLEMENTED = [op for op in OPERATIONS if op not in IMPLEMENTED]


def _assert_well_formed(answer, operation):
    assert answer.status < 500, (operation, answer.status, answer.raw)
    if answer.status == 200:
        output = model().operation_model(operation).output_shape
        assert shape_problems(output, answer.raw) == [], operation
    else:
        assert_well_formed_error(answer, operation)


def test_the_whole_model_is_walked():
    # botocore's model grows (122 operations when this project began); the walk follows it.
    assert len(OPERATIONS) >= 122
    assert IMPLEMENTED <= set(OPERATIONS)


@pytest.mark.parametrize("operation", OPERATIONS)
def test_an_empty_request_is_answered_well_formed(cognito_url, operation):
    r = post_raw(cognito_url, operation, b"{}")
    answer = parse(r, operation)
    _assert_well_formed(answer, operation)
    if model().operation_model(operation).input_shape.required_members:
        assert answer.error["Code"] == "InvalidParameterException"
        assert "Member must not be null" in answer.error["Message"]


@pytest.mark.parametrize("operation", OPERATIONS)
def test_a_plausible_request_is_answered_well_formed(cognito_url, operation):
    answer = send(cognito_url, operation, sample_request(operation))
    _assert_well_formed(answer, operation)
    if operation not in IMPLEMENTED:
        assert answer.status == 400
        assert answer.error["Code"] == "UnsupportedOperationException"
        assert operation in answer.error["Message"]


@pytest.mark.parametrize("operation", sorted(IMPLEMENTED))
def test_a_request_with_every_member_is_answered_well_formed(cognito_url, idp, operation):
    # Every optional member too, naming a real pool, so the operation's own code runs on
    # inputs nobody wrote a test for.
    pool = idp.create_user_pool(PoolName="every-member")["UserPool"]
    known = {"UserPoolId": pool["Id"], "ResourceArn": pool["Arn"]}
    answer = send(cognito_url, operation, sample_request(operation, known, full=True))
    _assert_well_formed(answer, operation)


def test_an_unsupported_operation_is_not_retried(cognito_url):
    if not UNIMPLEMENTED:
        pytest.skip("every operation of the model is implemented")
    operation = UNIMPLEMENTED[0]
    client = boto3.client("cognito-idp", endpoint_url=cognito_url, region_name="us-east-1",
                          config=Config(retries={"mode": "standard", "max_attempts": 5}))
    sent = []
    client.meta.events.register("before-send.cognito-idp.*", lambda request, **_: sent.append(request))
    with pytest.raises(client.exceptions.ClientError) as caught:
        getattr(client, xform_name(operation))(**sample_request(operation))
    error = caught.value.response
    assert error["Error"]["Code"] == "UnsupportedOperationException"
    assert operation in error["Error"]["Message"]
    assert error["ResponseMetadata"]["HTTPStatusCode"] == 400
    assert error["ResponseMetadata"]["RetryAttempts"] == 0
    assert len(sent) == 1
