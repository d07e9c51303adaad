"""Functions not registered here, invoked at CFN_COGNITO_LAMBDA_ENDPOINT through boto3.

The endpoint is a tiny fake Lambda in the test: POST /2015-03-31/functions/{name}/invocations.
"""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import unquote

import pytest

from cfn_cognito import lambdas
from cfn_cognito.config import Settings
from cfn_cognito.context import Context
from cfn_cognito.testing import free_port


class FakeLambda(BaseHTTPRequestHandler):
    calls: list = []

    def do_POST(self):
        parts = self.path.split("?")[0].split("/")
        name = unquote(parts[3]) if len(parts) == 5 and parts[4] == "invocations" else ""
        event = json.loads(self.rfile.read(int(self.headers["Content-Length"])) or b"null")
        FakeLambda.calls.append((name, event, self.headers.get("X-Amz-Invocation-Type")))
        if name.endswith("remote-echo"):
            self._answer(200, {"echo": event})
        elif name == "remote-fail":
            self._answer(200, {"errorType": "KeyError", "errorMessage": "'email'"},
                         {"X-Amz-Function-Error": "Unhandled"})
        elif name == "remote-slow":
            self._answer(200, {"errorType": "Sandbox.Timedout", "errorMessage":
                               "RequestId: 1 Error: Task timed out after 2.00 seconds"},
                         {"X-Amz-Function-Error": "Unhandled"})
        else:
            self._answer(404, {"Type": "User", "message": f"Function not found: {name}"},
                         {"x-amzn-ErrorType": "ResourceNotFoundException"})

    def _answer(self, status, body, headers=None):
        data = json.dumps(body).encode()
        self.send_response(status)
        for key, value in {"Content-Type": "application/json", **(headers or {})}.items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def endpoint():
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeLambda)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture
def remote_ctx(ctx, endpoint):
    return Context(settings=Settings(lambda_endpoint=endpoint), store=ctx.store)


def test_an_unregistered_function_runs_at_the_endpoint(remote_ctx):
    FakeLambda.calls.clear()
    arn = "arn:aws:lambda:us-east-1:000000000000:function:remote-echo"
    assert lambdas.invoke(remote_ctx, arn, {"userName": "bob"}) == {"echo": {"userName": "bob"}}
    assert FakeLambda.calls == [(arn, {"userName": "bob"}, "RequestResponse")]


def test_a_local_function_wins_over_the_endpoint(remote_ctx):
    lambdas.register(remote_ctx, "remote-echo", "python3.12", "index.handler",
                     inline_code="def handler(event, context):\n    return 'local'\n")
    FakeLambda.calls.clear()
    assert lambdas.invoke(remote_ctx, "remote-echo", {}) == "local"
    assert FakeLambda.calls == []


def test_remote_errors_are_the_same_errors(remote_ctx):
    with pytest.raises(lambdas.FunctionError) as err:
        lambdas.invoke(remote_ctx, "remote-fail", {})
    assert (err.value.error_type, err.value.error_message) == ("KeyError", "'email'")
    with pytest.raises(lambdas.FunctionTimeout) as err:
        lambdas.invoke(remote_ctx, "remote-slow", {})
    assert err.value.seconds == 2.0
    with pytest.raises(lambdas.FunctionNotFound) as err:
        lambdas.invoke(remote_ctx, "nowhere", {})
    assert err.value.arn == "arn:aws:lambda:us-east-1:000000000000:function:nowhere"


def test_without_an_endpoint_an_unknown_function_is_not_found(ctx):
    FakeLambda.calls.clear()
    with pytest.raises(lambdas.FunctionNotFound, match="function:remote-echo$"):
        lambdas.invoke(ctx, "remote-echo", {})
    assert FakeLambda.calls == []


def test_an_endpoint_that_does_not_answer_is_a_clear_error(ctx):
    down = f"http://127.0.0.1:{free_port()}"
    unreachable = Context(settings=Settings(lambda_endpoint=down), store=ctx.store)
    with pytest.raises(lambdas.FunctionError) as err:
        lambdas.invoke(unreachable, "remote-echo", {})
    assert err.value.error_type == "Lambda.EndpointError"
    assert down in err.value.error_message
