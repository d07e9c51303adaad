"""The query protocol through botocore's own code, for every CloudFormation operation we
implement: botocore's `query` serializer writes the request and we must read back exactly
what it was given; we write the answer (and errors) and botocore's `query` parser must read
back exactly what we meant. Then the protocol's own answers: unknown and unsupported
actions, input that breaks the model, requests that are not the query protocol's."""

import datetime
import urllib.parse

import pytest
from botocore import xform_name
from botocore.parsers import QueryParser
from botocore.serialize import QuerySerializer

from cfn_cognito.aws import query_form, query_protocol, query_xml
from cfn_cognito.cfn.api import operations
from cfn_cognito.cfn.api.errors import ChangeSetNotFoundException
from cfn_cognito.cfn.errors import ValidationError
from cfn_cognito.spec import model as models

MODEL = models.botocore_service_model("cloudformation")
NAMESPACE = MODEL.metadata["xmlNamespace"]
IMPLEMENTED = sorted(op for op in MODEL.operation_names
                     if hasattr(operations, xform_name(op)))
MOMENT = 1_700_000_000.123


def sample(shape, depth=0):
    """A value for every member of `shape`, two items in every list."""
    kind = shape.type_name
    if kind == "structure":
        return {name: sample(member, depth + 1) for name, member in shape.members.items()
                if depth < 6}
    if kind == "list":
        return [sample(shape.member, depth + 1) for _ in range(2)]
    if kind == "map":
        return {"k1": sample(shape.value, depth + 1)}
    if kind == "boolean":
        return True
    if kind in ("integer", "long"):
        return 7
    if kind in ("float", "double"):
        return 1.5
    if kind == "timestamp":
        return MOMENT
    if kind == "blob":
        return b"bytes"
    return shape.enum[-1] if shape.enum else "v <&> é"


def normalized(value):
    """Parsed values compared as sent: datetimes as epoch seconds, blobs as bytes."""
    if isinstance(value, dict):
        return {k: normalized(v) for k, v in value.items() if k != "ResponseMetadata"}
    if isinstance(value, list):
        return [normalized(v) for v in value]
    if isinstance(value, datetime.datetime):
        return round(value.timestamp(), 3)
    return value


def form_of(operation, params) -> bytes:
    serialized = QuerySerializer().serialize_to_request(params, operation)
    return urllib.parse.urlencode(serialized["body"]).encode()


def test_every_listed_operation_is_one_of_the_model():
    assert len(IMPLEMENTED) == 19
    names = {n for n in dir(operations) if n.isidentifier() and not n.startswith("_")}
    assert names == {xform_name(op) for op in IMPLEMENTED}


@pytest.mark.parametrize("op_name", IMPLEMENTED)
def test_we_read_what_botocore_writes(op_name):
    operation = MODEL.operation_model(op_name)
    params = sample(operation.input_shape)
    fields = query_form.parse(form_of(operation, params))
    assert fields["Action"] == op_name and fields["Version"] == "2010-05-15"
    read = query_form.read(operation.input_shape, fields)
    expected = normalized(params)
    # Timestamps and blobs travel as text; the validator takes them so.
    assert normalized(read) == expected or _loosely_equal(read, expected)


def _loosely_equal(read, expected) -> bool:
    if isinstance(expected, dict):
        return read.keys() == expected.keys() and all(
            _loosely_equal(read[k], expected[k]) for k in expected)
    if isinstance(expected, list):
        return len(read) == len(expected) and all(map(_loosely_equal, read, expected))
    if isinstance(expected, float) and isinstance(read, str):
        return datetime.datetime.fromisoformat(read.replace("Z", "+00:00")).timestamp() \
            == pytest.approx(expected)
    if isinstance(expected, bytes):
        return read == "Ynl0ZXM="
    return read == expected


def test_empty_lists_and_nested_members_are_read():
    operation = MODEL.operation_model("CreateChangeSet")
    params = {"StackName": "s", "ChangeSetName": "c", "Capabilities": [], "Tags": [],
              "Parameters": [{"ParameterKey": "A", "UsePreviousValue": True},
                             {"ParameterKey": "B", "ParameterValue": ""}]}
    read = query_form.read(operation.input_shape, query_form.parse(form_of(operation, params)))
    assert read == params


@pytest.mark.parametrize("op_name", IMPLEMENTED)
def test_botocore_reads_what_we_write(op_name):
    operation = MODEL.operation_model(op_name)
    result = sample(operation.output_shape) if operation.output_shape else {}
    body = query_xml.response(operation, result, NAMESPACE, "req-1")
    parsed = QueryParser().parse({"body": body, "headers": {}, "status_code": 200},
                                 operation.output_shape)
    assert parsed["ResponseMetadata"]["RequestId"] == "req-1"
    assert normalized(parsed) == normalized(result)


def test_members_outside_the_shape_are_not_written():
    operation = MODEL.operation_model("CreateStack")
    body = query_xml.response(operation, {"StackId": "id", "EventsAfter": 3}, NAMESPACE, "r")
    assert b"EventsAfter" not in body
    assert body.startswith(b'<CreateStackResponse xmlns="http://cloudformation.amazonaws.com/'
                           b'doc/2010-05-15/"><CreateStackResult><StackId>id</StackId>')


def parse_error(status, body):
    operation = MODEL.operation_model("DescribeStacks")
    return QueryParser().parse({"body": body, "headers": {}, "status_code": status},
                               operation.output_shape)


def test_botocore_reads_our_errors():
    body = query_xml.error("Sender", "ValidationError", "Stack with id <x> does not exist",
                           NAMESPACE, "req-2")
    parsed = parse_error(400, body)
    assert parsed["Error"] == {"Type": "Sender", "Code": "ValidationError",
                               "Message": "Stack with id <x> does not exist"}
    assert parsed["ResponseMetadata"]["RequestId"] == "req-2"


def test_modeled_errors_carry_their_wire_code_and_status():
    err = ChangeSetNotFoundException("ChangeSet [c] does not exist")
    assert (err.code, err.status) == ("ChangeSetNotFound", 404)
    assert (ValidationError("x").code, ValidationError("x").status) == ("ValidationError", 400)


# The protocol's own answers ---------------------------------------------------------------

SIGNED = ("AWS4-HMAC-SHA256 Credential=AKID/20240101/us-east-1/cloudformation/aws4_request, "
          "SignedHeaders=host, Signature=abc")
FORM = "application/x-www-form-urlencoded; charset=utf-8"


def no_context(request_id):
    raise AssertionError("no operation should run")


def ask(body: str, content_type=FORM, authorization=SIGNED):
    return query_protocol.answer(content_type, authorization, body.encode(), no_context)


def error_of(answer):
    status, headers, body = answer
    assert headers["Content-Type"] == "text/xml"
    return status, parse_error(status, body)["Error"]


def test_an_action_the_model_lacks_is_invalid():
    status, error = error_of(ask("Action=MakeCoffee&Version=2010-05-15"))
    assert status == 400
    assert error == {"Type": "Sender", "Code": "InvalidAction",
                     "Message": "Could not find operation MakeCoffee for version 2010-05-15"}


def test_an_operation_we_do_not_implement_is_refused_by_name():
    status, error = error_of(ask("Action=ListStackSets&Version=2010-05-15"))
    assert status == 400
    assert error["Code"] == "UnsupportedOperationException"
    assert "ListStackSets" in error["Message"]


def test_input_that_breaks_the_model_is_a_validation_error():
    status, error = error_of(ask("Action=DescribeStackResource&Version=2010-05-15"
                                 "&StackName=s"))
    assert status == 400
    assert error == {"Type": "Sender", "Code": "ValidationError",
                     "Message": "1 validation error detected: Value null at "
                                "'logicalResourceId' failed to satisfy constraint: Member "
                                "must not be null"}


def test_a_value_of_the_wrong_kind_is_a_validation_error():
    status, error = error_of(ask("Action=CreateStack&Version=2010-05-15&StackName=s"
                                 "&TimeoutInMinutes=soon"))
    assert (status, error["Code"]) == (400, "ValidationError")
    assert "TimeoutInMinutes" in error["Message"]


def test_an_unsigned_form_is_known_by_its_action_and_version():
    status, error = error_of(ask("Action=ListStackSets&Version=2010-05-15", authorization=""))
    assert (status, error["Code"]) == (400, "UnsupportedOperationException")


def test_requests_of_the_json_protocol_are_left_to_it():
    assert ask("{}", content_type="application/x-amz-json-1.1", authorization="") is None
    assert ask("Foo=bar", authorization="") is None
    cognito = SIGNED.replace("cloudformation", "cognito-idp")
    assert ask("{}", content_type="application/x-amz-json-1.1", authorization=cognito) is None


def test_a_signed_request_that_is_not_a_form_is_refused():
    status, error = error_of(ask("{}", content_type="application/json"))
    assert (status, error["Code"]) == (400, "SerializationException")
