"""What a caller sees when a trigger's function misbehaves: it raises, runs past its timeout,
kills its own process, answers garbage, or does not exist. Each is an AWS error (never a
500), and the function keeps working for the next call."""

from trigger_helpers import (  # noqa: F401
    PASSWORD,
    app_client,
    error_of,
    functions,
    trigger_pool,
)

MISBEHAVE = """
import os, time

def handler(event, context):
    how = event["request"]["validationData"]["how"]
    if how == "raise":
        raise KeyError("no such tenant")
    if how == "sleep":
        time.sleep(5)
    if how == "crash":
        os._exit(3)
    if how == "string":
        return "OK"
    if how == "nothing":
        return None
    if how == "list":
        return [event]
    if how == "object-for-boolean":
        event["response"]["autoConfirmUser"] = {"yes": True}
        return event
    if how == "text-for-boolean":
        event["response"]["autoConfirmUser"] = "true"
        return event
    if how == "response-only":
        return {"response": {"autoConfirmUser": True}}
    return event
"""


def _sign_up(idp, client, how, username=None):
    return idp.sign_up(ClientId=client["ClientId"], Username=username or f"u-{how}",
                       Password=PASSWORD,
                       ValidationData=[{"Name": "how", "Value": how}])


def _setup(idp, functions, trigger_pool):
    pool = trigger_pool({"PreSignUp": functions.python(MISBEHAVE, timeout=1)})
    return pool, app_client(idp, pool)


def test_raise_timeout_and_crash_are_function_errors(idp, functions, trigger_pool):
    pool, client = _setup(idp, functions, trigger_pool)

    assert error_of(_sign_up, idp, client, "raise") == (
        "UserLambdaValidationException", "PreSignUp failed with error 'no such tenant'.")
    # Its own Timeout (1 s) ends it first: Lambda's "Task timed out" as a function error.
    assert error_of(_sign_up, idp, client, "sleep") == (
        "UserLambdaValidationException",
        "PreSignUp failed with error Task timed out after 1.00 seconds.")
    code, message = error_of(_sign_up, idp, client, "crash")
    assert code == "UserLambdaValidationException"
    assert message.startswith("PreSignUp failed with error RequestId: ")
    assert message.endswith("Error: Runtime exited with error: exit status 3.")
    # A fresh worker takes over after the timeout and the crash.
    assert _sign_up(idp, client, "fine")["UserConfirmed"] is False
    assert [u["Username"] for u in idp.list_users(UserPoolId=pool["Id"])["Users"]] == ["u-fine"]


def test_garbage_answers_are_invalid_lambda_responses(idp, functions, trigger_pool):
    pool, client = _setup(idp, functions, trigger_pool)

    for how in ("string", "list", "object-for-boolean"):
        assert error_of(_sign_up, idp, client, how) == (
            "InvalidLambdaResponseException", "Invalid lambda function output : Invalid JSON"), how
    assert error_of(_sign_up, idp, client, "nothing") == (
        "InvalidLambdaResponseException", "Unrecognizable lambda output")
    assert idp.list_users(UserPoolId=pool["Id"])["Users"] == []


def test_answers_are_read_as_aws_reads_them(idp, functions, trigger_pool):
    _, client = _setup(idp, functions, trigger_pool)

    # "true" reads as true; an answer holding only `response` is enough.
    assert _sign_up(idp, client, "text-for-boolean")["UserConfirmed"] is True
    assert _sign_up(idp, client, "response-only")["UserConfirmed"] is True


def test_a_function_that_does_not_exist_is_named(idp, trigger_pool):
    arn = "arn:aws:lambda:us-east-1:000000000000:function:never-registered"
    pool = trigger_pool({"PreSignUp": arn})
    client = app_client(idp, pool)

    assert error_of(_sign_up, idp, client, "fine") == (
        "UnexpectedLambdaException",
        f"PreSignUp invocation failed due to error ResourceNotFoundException: "
        f"Function not found: {arn}.")


def test_a_node_function_that_fails_through_its_callback(idp, functions, trigger_pool):
    pool = trigger_pool({"PreSignUp": functions.node("""
        exports.handler = (event, context, callback) => {
          if (event.request.validationData.how === "raise") return callback("Bad domain");
          callback(null, event);
        };
    """)})
    client = app_client(idp, pool)

    assert error_of(_sign_up, idp, client, "raise") == (
        "UserLambdaValidationException", "PreSignUp failed with error Bad domain.")
    assert _sign_up(idp, client, "fine")["UserConfirmed"] is False
