"""Which requests the AWS JSON fast path answers itself and which it leaves to the Flask app:
a browser page's call (Origin), an API Gateway or hosted-UI host, a query string, or a body
it cannot size must reach the app, whose hooks (cross-site refusal, routing, the 413) apply."""

import io
import json

import pytest

from cfn_cognito.web.fast_path import FastPath

LIMIT = 1024
TARGET = "AWSCognitoIdentityProviderService.NoSuchOperation"


def _environ(body=b"{}", **extra):
    environ = {"REQUEST_METHOD": "POST", "PATH_INFO": "/", "QUERY_STRING": "",
               "HTTP_HOST": "127.0.0.1:4566", "HTTP_X_AMZ_TARGET": TARGET,
               "CONTENT_TYPE": "application/x-amz-json-1.1",
               "CONTENT_LENGTH": str(len(body)), "wsgi.input": io.BytesIO(body)}
    environ.update(extra)
    return environ


def _call(environ):
    passed = []

    def app(environ, start_response):
        passed.append(environ)
        start_response("204 No Content", [])
        return [b""]

    statuses = []
    body = b"".join(FastPath(app, lambda request_id="": None, LIMIT)(
        environ, lambda status, headers: statuses.append((status, dict(headers)))))
    return passed, statuses[0], body


def test_a_tools_call_is_answered_with_the_protocols_answer_and_cors():
    passed, (status, headers), body = _call(_environ())
    assert not passed
    assert status == "400 Bad Request"
    assert json.loads(body)["__type"].endswith("#UnknownOperationException")
    assert headers["Access-Control-Allow-Origin"] == "*"
    assert headers["Content-Length"] == str(len(body))


@pytest.mark.parametrize("extra", [
    {"HTTP_ORIGIN": "https://elsewhere.example"},          # a page: cross-site guard
    {"HTTP_SEC_FETCH_SITE": "cross-site"},
    {"HTTP_HOST": "abc123.execute-api.localhost:4566"},    # an API Gateway API
    {"HTTP_HOST": "myapp.auth.us-east-1.localhost:4566"},  # a hosted-UI domain
    {"QUERY_STRING": "Action=ListStacks"},
    {"REQUEST_METHOD": "GET"},
    {"PATH_INFO": "/_cfn_cognito/health"},
    {"HTTP_X_AMZ_TARGET": ""},                             # the query protocol
    {"CONTENT_LENGTH": ""},                                # chunked: size unknown
    {"CONTENT_LENGTH": "oops"},
    {"CONTENT_LENGTH": str(LIMIT + 1)},                    # the app answers 413
])
def test_anything_else_goes_to_the_app(extra):
    passed, (status, _), _ = _call(_environ(**extra))
    assert len(passed) == 1 and status.startswith("204")
