"""A Lambda proxy integration's answer turned into the HTTP response: payload 1.0 (REST APIs)
with its strict shape, payload 2.0 (HTTP APIs) with simple responses and cookies."""

import base64
from types import SimpleNamespace

import pytest

from cfn_cognito.gateway.integrations.lambda_proxy import Malformed, v1_reply, v2_reply
from cfn_cognito.gateway.request import GatewayRequest


def invocation(accept: str = "*/*", binary=("image/png",)):
    request = GatewayRequest("GET", "/x", "", [("Accept", accept)])
    return SimpleNamespace(request=request, api=SimpleNamespace(binary_media_types=binary))


def test_v1_headers_and_multi_value_headers_merge():
    reply = v1_reply(invocation(), {
        "statusCode": "201", "headers": {"X-A": "1", "X-N": 2, "X-B": "single"},
        "multiValueHeaders": {"X-B": ["m1", "m2"]}, "body": "hi"})
    assert reply.status == 201 and reply.body == b"hi"
    assert ("X-N", "2") in reply.headers
    assert [v for k, v in reply.headers if k == "X-B"] == ["m1", "m2"]
    assert reply.header("Content-Type") == "application/json"


@pytest.mark.parametrize("answer", [
    "a string", {"body": "no status"}, {"statusCode": "OK"}, {"statusCode": 200, "body": {}},
    {"statusCode": 200, "headers": {"X": {"nested": 1}}}, {"statusCode": 200,
                                                          "isBase64Encoded": "yes"},
])
def test_v1_answers_of_the_wrong_shape_are_malformed(answer):
    with pytest.raises(Malformed):
        v1_reply(invocation(), answer)


def test_v1_base64_bodies_are_decoded_for_a_binary_accept_only():
    answer = {"statusCode": 200, "body": base64.b64encode(b"\x89PNG").decode(),
              "isBase64Encoded": True, "headers": {"Content-Type": "image/png"}}
    assert v1_reply(invocation("image/png"), answer).body == b"\x89PNG"
    assert v1_reply(invocation("text/html"), answer).body == answer["body"].encode()


def test_v2_simple_and_structured_answers():
    simple = v2_reply({"ok": True})
    assert (simple.status, simple.body) == (200, b'{"ok": true}')
    assert simple.header("Content-Type") == "application/json"
    assert v2_reply("text").body == b'"text"'
    structured = v2_reply({"statusCode": 302, "headers": {"Location": "/x"},
                           "cookies": ["a=1", "b=2"], "body": None})
    assert structured.status == 302 and structured.body == b""
    assert [v for k, v in structured.headers if k == "Set-Cookie"] == ["a=1", "b=2"]
    encoded = v2_reply({"statusCode": 200, "isBase64Encoded": True, "body": "AP8="})
    assert encoded.body == b"\x00\xff"
