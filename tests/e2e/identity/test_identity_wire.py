"""Every operation of botocore's cognito-identity model, through the SDK's own serializer and
parser: an empty request, a plausible one and one with every member each get a well-formed
answer (a result that fits the output shape, or a 4xx AWS error of the model)."""

import functools

import botocore.parsers
import botocore.serialize
import pytest
import requests
from botocore import xform_name
from botocore.loaders import Loader
from botocore.model import ServiceModel

import aws_wire
from cfn_cognito.identity import operations
from identity_helpers import AUTH_ROLE, UNAUTH_ROLE, identity, make_identity_pool  # noqa: F401

SERVICE = "cognito-identity"
# Values the model's patterns ask for that the shared samples lack.
EXTRA_SAMPLES = ("us-east-1:1234abcd-12ab-4cde-8f01-123456789abc", "authenticated")


@functools.lru_cache(maxsize=None)
def model() -> ServiceModel:
    return ServiceModel(Loader().load_service_model(SERVICE, "service-2"), service_name=SERVICE)


OPERATIONS = sorted(model().operation_names)
ERROR_CODES = {n for n in model().shape_names if model().shape_for(n).metadata.get("exception")}


@pytest.fixture(autouse=True)
def identity_samples(monkeypatch):
    monkeypatch.setattr(aws_wire, "_CANDIDATES", aws_wire._CANDIDATES + EXTRA_SAMPLES)


def _send(url: str, operation: str, params: dict) -> tuple[int, dict, dict]:
    """(status, our raw JSON, botocore's parse) of one request serialized by botocore."""
    op = model().operation_model(operation)
    serializer = botocore.serialize.create_serializer("json", include_validation=False)
    request = serializer.serialize_to_request(params, op)
    r = requests.post(url + request["url_path"], data=request["body"], headers=request["headers"],
                      timeout=30)
    parsed = botocore.parsers.create_parser("json").parse(
        {"status_code": r.status_code, "headers": r.headers, "body": r.content}, op.output_shape)
    return r.status_code, (r.json() if r.content else {}), parsed


def _assert_well_formed(status: int, raw: dict, parsed: dict, operation: str) -> None:
    assert status < 500, (operation, status, raw)
    if status == 200:
        output = model().operation_model(operation).output_shape
        assert aws_wire.shape_problems(output, raw) == [], operation
        assert set(parsed) - {"ResponseMetadata"} == set(raw)
    else:
        code = parsed["Error"]["Code"]
        assert code in ERROR_CODES | {"SerializationException"}, (operation, raw)
        assert raw["__type"].rsplit("#", 1)[-1] == code
        assert parsed["Error"]["Message"] == raw.get("message")


def test_every_operation_is_implemented():
    assert [op for op in OPERATIONS if not hasattr(operations, xform_name(op))] == []


@pytest.mark.parametrize("operation", OPERATIONS)
def test_an_empty_request_is_answered_well_formed(cognito_url, operation):
    status, raw, parsed = _send(cognito_url, operation, {})
    _assert_well_formed(status, raw, parsed, operation)
    if model().operation_model(operation).input_shape.required_members:
        assert parsed["Error"]["Code"] == "InvalidParameterException"
        assert "Member must not be null" in parsed["Error"]["Message"]


@pytest.mark.parametrize("operation", OPERATIONS)
def test_a_plausible_request_is_answered_well_formed(cognito_url, operation):
    shape = model().operation_model(operation).input_shape
    status, raw, parsed = _send(cognito_url, operation, aws_wire.sample(shape))
    _assert_well_formed(status, raw, parsed, operation)


@pytest.mark.parametrize("operation", OPERATIONS)
def test_a_request_with_every_member_is_answered_well_formed(cognito_url, identity,
                                                             make_identity_pool, operation):
    pool = make_identity_pool(roles={"authenticated": AUTH_ROLE, "unauthenticated": UNAUTH_ROLE},
                              AllowUnauthenticatedIdentities=True, DeveloperProviderName="example")
    identity_id = identity.get_id(IdentityPoolId=pool["IdentityPoolId"])["IdentityId"]
    known = {"IdentityPoolId": pool["IdentityPoolId"], "IdentityId": identity_id,
             "ResourceArn": "arn:aws:cognito-identity:us-east-1:000000000000:identitypool/"
                            + pool["IdentityPoolId"]}
    shape = model().operation_model(operation).input_shape
    status, raw, parsed = _send(cognito_url, operation, aws_wire.sample(shape, known, full=True))
    _assert_well_formed(status, raw, parsed, operation)
