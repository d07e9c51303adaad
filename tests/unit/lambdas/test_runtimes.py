"""Real Python and Node handlers in real worker processes: the handler contract, errors,
timeouts, crashes, output, warm reuse and concurrency — the same cases for both runtimes."""

import logging
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest

from cfn_cognito import lambdas
from cfn_cognito.lambdas.workers import MAX_WORKERS_PER_FUNCTION

PYTHON_APP = """
import os, signal, sys, time

calls = 0

def echo(event, context):
    return {"event": event, "function_name": context.function_name,
            "function_version": context.function_version,
            "invoked_function_arn": context.invoked_function_arn,
            "memory_limit_in_mb": context.memory_limit_in_mb,
            "aws_request_id": context.aws_request_id,
            "log_group_name": context.log_group_name,
            "log_stream_name": context.log_stream_name,
            "remaining": context.get_remaining_time_in_millis()}

def env(event, context):
    return {key: os.environ.get(key) for key in event["keys"]}

def fail(event, context):
    raise ValueError("bad input: " + event["why"])

def slow(event, context):
    time.sleep(event["seconds"])
    return "done"

def exit_process(event, context):
    os._exit(3)

def kill_process(event, context):
    os.kill(os.getpid(), signal.SIGKILL)

def noisy(event, context):
    print("to stdout", event["marker"])
    print("to stderr", event["marker"], file=sys.stderr)
    return "quiet result"

def not_json(event, context):
    return {"ids": {1, 2}}

def count(event, context):
    global calls
    calls += 1
    return calls

def pid(event, context):
    time.sleep(event["hold"])
    return {"pid": os.getpid(), "n": event["n"]}
"""

NODE_APP = """
let calls = 0;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

exports.echo = async (event, context) => ({
  event,
  function_name: context.functionName,
  function_version: context.functionVersion,
  invoked_function_arn: context.invokedFunctionArn,
  memory_limit_in_mb: context.memoryLimitInMB,
  aws_request_id: context.awsRequestId,
  log_group_name: context.logGroupName,
  log_stream_name: context.logStreamName,
  remaining: context.getRemainingTimeInMillis(),
});
exports.env = async (event) => Object.fromEntries(event.keys.map((k) => [k, process.env[k] ?? null]));
exports.fail = async (event) => { throw new TypeError('bad input: ' + event.why); };
exports.slow = async (event) => { await sleep(event.seconds * 1000); return 'done'; };
exports.exit_process = async () => { process.exit(3); };
exports.kill_process = async () => { process.kill(process.pid, 'SIGKILL'); };
exports.noisy = async (event) => {
  console.log('to stdout', event.marker);
  console.error('to stderr', event.marker);
  return 'quiet result';
};
exports.not_json = async () => ({ big: 10n });
exports.count = async () => { calls += 1; return calls; };
exports.pid = async (event) => { await sleep(event.hold * 1000); return { pid: process.pid, n: event.n }; };
"""

RUNTIMES = {
    "python": ("python3.12", {"app.py": PYTHON_APP}, "ValueError"),
    "node": ("nodejs20.x", {"app.js": NODE_APP}, "TypeError"),
}


@pytest.fixture(params=sorted(RUNTIMES))
def runtime(request):
    return request.param


@pytest.fixture
def deploy(ctx, code, runtime):
    """deploy(handler_function, **options) -> the name of a registered function."""
    name_runtime, files, _ = RUNTIMES[runtime]
    source = code(files)

    def make(function: str, **options) -> str:
        name = f"{runtime}-{function}-{uuid.uuid4().hex[:6]}"
        lambdas.register(ctx, name, name_runtime, f"app.{function}", code_dir=source, **options)
        return name
    return make


def test_handler_gets_the_event_and_lambdas_context(ctx, deploy):
    name = deploy("echo", timeout=5, memory=256)
    event = {"user": "alice", "nested": {"list": [1, 2.5, None, True]}, "text": "héllo"}
    result = lambdas.invoke(ctx, name, event)
    assert result["event"] == event
    arn = f"arn:aws:lambda:us-east-1:000000000000:function:{name}"
    assert result["function_name"] == name
    assert result["function_version"] == "$LATEST"
    assert result["invoked_function_arn"] == arn
    assert result["memory_limit_in_mb"] == "256"
    assert uuid.UUID(result["aws_request_id"]).version == 4
    assert result["log_group_name"] == f"/aws/lambda/{name}"
    assert "[$LATEST]" in result["log_stream_name"]
    assert 0 < result["remaining"] <= 5000
    again = lambdas.invoke(ctx, f"{arn}:live", {})
    assert again["invoked_function_arn"] == f"{arn}:live"
    assert again["aws_request_id"] != result["aws_request_id"]


def test_environment_is_the_functions_and_lambdas_only(ctx, deploy, monkeypatch):
    monkeypatch.setenv("CFN_TEST_SERVER_SECRET", "hunter2")
    name = deploy("env", environment={"STAGE": "test", "TABLE": "users"})
    keys = ["STAGE", "TABLE", "AWS_LAMBDA_FUNCTION_NAME", "AWS_REGION", "AWS_DEFAULT_REGION",
            "_HANDLER", "LAMBDA_TASK_ROOT", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY",
            "AWS_SESSION_TOKEN", "CFN_TEST_SERVER_SECRET", "PATH"]
    env = lambdas.invoke(ctx, name, {"keys": keys})
    assert (env["STAGE"], env["TABLE"]) == ("test", "users")
    assert env["AWS_LAMBDA_FUNCTION_NAME"] == name
    assert env["AWS_REGION"] == env["AWS_DEFAULT_REGION"] == "us-east-1"
    assert env["_HANDLER"] == "app.env"
    assert env["LAMBDA_TASK_ROOT"].startswith(str(ctx.store.data_dir / "functions" / name))
    assert env["AWS_ACCESS_KEY_ID"] and env["AWS_SECRET_ACCESS_KEY"] and env["AWS_SESSION_TOKEN"]
    assert env["CFN_TEST_SERVER_SECRET"] is None
    assert env["PATH"]


def test_a_raised_error_comes_back_as_lambdas_error(ctx, deploy, runtime):
    name = deploy("fail")
    with pytest.raises(lambdas.FunctionError) as err:
        lambdas.invoke(ctx, name, {"why": "no email"})
    assert err.value.error_type == RUNTIMES[runtime][2]
    assert err.value.error_message == "bad input: no email"
    assert err.value.payload() == {"errorType": RUNTIMES[runtime][2],
                                   "errorMessage": "bad input: no email"}


def test_timeout_kills_the_worker_and_the_next_call_works(ctx, deploy):
    name = deploy("slow", timeout=1)
    with pytest.raises(lambdas.FunctionTimeout) as err:
        lambdas.invoke(ctx, name, {"seconds": 30})
    assert err.value.error_type == "Sandbox.Timedout"
    assert err.value.error_message == "Task timed out after 1.00 seconds"
    assert err.value.arn.endswith(f":function:{name}")
    assert lambdas.invoke(ctx, name, {"seconds": 0}) == "done"


def test_a_callers_timeout_shortens_the_functions(ctx, deploy):
    name = deploy("slow", timeout=30)
    with pytest.raises(lambdas.FunctionTimeout, match="after 1.00 seconds"):
        lambdas.invoke(ctx, name, {"seconds": 30}, timeout=1)


@pytest.mark.parametrize("function, status", [("exit_process", "exit status 3"),
                                              ("kill_process", "signal: killed")])
def test_a_crashed_worker_is_an_error_and_is_replaced(ctx, deploy, function, status):
    counter = deploy("count")
    assert lambdas.invoke(ctx, counter, {}) == 1
    name = deploy(function)
    with pytest.raises(lambdas.FunctionError) as err:
        lambdas.invoke(ctx, name, {})
    assert err.value.error_type == "Runtime.ExitError"
    assert err.value.error_message.endswith(f"Error: Runtime exited with error: {status}")
    with pytest.raises(lambdas.FunctionError, match=status):
        lambdas.invoke(ctx, name, {})              # a fresh worker, which crashes again
    assert lambdas.invoke(ctx, counter, {}) == 2   # other functions' workers are untouched


def test_prints_go_to_the_server_log_and_not_into_the_result(ctx, deploy, caplog):
    name = deploy("noisy")
    marker = uuid.uuid4().hex
    with caplog.at_level(logging.INFO, logger="cfn_cognito.lambdas"):
        assert lambdas.invoke(ctx, name, {"marker": marker}) == "quiet result"
        lambdas.stop_workers(ctx.store.data_dir)   # the relay has read everything once it ends
    lines = [r.getMessage() for r in caplog.records]
    assert f"[{name}] to stdout {marker}" in lines
    assert f"[{name}] to stderr {marker}" in lines


def test_a_result_that_is_not_json_is_a_marshal_error(ctx, deploy):
    name = deploy("not_json")
    with pytest.raises(lambdas.FunctionError) as err:
        lambdas.invoke(ctx, name, {})
    assert err.value.error_type == "Runtime.MarshalError"


def test_workers_stay_warm_between_invocations(ctx, deploy):
    name = deploy("count")
    assert [lambdas.invoke(ctx, name, {}) for _ in range(5)] == [1, 2, 3, 4, 5]


def test_concurrent_invocations_share_a_few_workers(ctx, deploy):
    name = deploy("pid", timeout=30)
    with ThreadPoolExecutor(max_workers=10) as pool:
        results = list(pool.map(lambda n: lambdas.invoke(ctx, name, {"n": n, "hold": 0.2}),
                                range(10)))
    assert [r["n"] for r in results] == list(range(10))
    assert 1 <= len({r["pid"] for r in results}) <= MAX_WORKERS_PER_FUNCTION


def test_a_missing_module_or_handler_is_lambdas_init_error(ctx, code, runtime):
    name_runtime, files, _ = RUNTIMES[runtime]
    source = code(files)
    lambdas.register(ctx, "no-module", name_runtime, "missing.handler", code_dir=source)
    lambdas.register(ctx, "no-handler", name_runtime, "app.missing", code_dir=source)
    with pytest.raises(lambdas.FunctionError) as err:
        lambdas.invoke(ctx, "no-module", {})
    assert err.value.error_type == "Runtime.ImportModuleError"
    assert "missing" in err.value.error_message
    with pytest.raises(lambdas.FunctionError) as err:
        lambdas.invoke(ctx, "no-handler", {})
    assert err.value.error_type == "Runtime.HandlerNotFound"
