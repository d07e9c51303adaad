"""How a trigger's function is called and what its failures become (idp/triggers/invoke.py),
with Lambda itself replaced by a script of what each attempt does."""

import pytest

from cfn_cognito import lambdas
from cfn_cognito.idp.errors import (
    InvalidLambdaResponseException,
    UnexpectedLambdaException,
    UserLambdaValidationException,
)
from cfn_cognito.idp.triggers import invoke

ARN = "arn:aws:lambda:us-east-1:000000000000:function:f1"
POOL = {"Id": "us-east-1_test", "LambdaConfig": {"PreSignUp": ARN}}
EVENT = {"triggerSource": "PreSignUp_SignUp", "response": {}}


@pytest.fixture
def lambda_script(monkeypatch):
    """script(*outcomes): each invocation takes the next outcome (raised if an exception,
    returned otherwise); the calls made are in script.calls."""
    calls = []

    def script(*outcomes):
        pending = list(outcomes)

        def fake(ctx, name_or_arn, event, *, timeout=None):
            calls.append((name_or_arn, timeout))
            outcome = pending.pop(0)
            if isinstance(outcome, BaseException):
                raise outcome
            return outcome

        monkeypatch.setattr(invoke.lambdas, "invoke", fake)
        return calls

    return script


def test_the_answers_response_and_cognitos_five_second_wait(lambda_script):
    calls = lambda_script({"response": {"autoConfirmUser": True}})
    assert invoke.call(None, POOL, "PreSignUp", EVENT) == {"autoConfirmUser": True}
    assert calls == [(ARN, 5)]


def test_no_answer_in_time_is_tried_three_times_then_unexpected(lambda_script):
    calls = lambda_script(*[lambdas.FunctionTimeout(ARN, 5)] * 3)
    with pytest.raises(UnexpectedLambdaException) as err:
        invoke.call(None, POOL, "PreSignUp", EVENT)
    assert err.value.message == ("PreSignUp invocation failed due to error Socket timeout "
                                 f"while invoking Lambda function {ARN}.")
    assert len(calls) == 3


def test_a_later_attempt_can_still_answer(lambda_script):
    lambda_script(lambdas.FunctionTimeout(ARN, 5), {"response": {}})
    assert invoke.call(None, POOL, "PreSignUp", EVENT) == {}


def test_the_functions_own_shorter_timeout_is_its_error_and_not_retried(lambda_script):
    calls = lambda_script(lambdas.FunctionTimeout(ARN, 1))
    with pytest.raises(UserLambdaValidationException) as err:
        invoke.call(None, POOL, "PreSignUp", EVENT)
    assert err.value.message == "PreSignUp failed with error Task timed out after 1.00 seconds."
    assert len(calls) == 1


@pytest.mark.parametrize("failure, kind, message", [
    (lambdas.FunctionError("ValueError", "bad"), UserLambdaValidationException,
     "PreSignUp failed with error bad."),
    (lambdas.FunctionNotFound(ARN), UnexpectedLambdaException,
     f"PreSignUp invocation failed due to error ResourceNotFoundException: Function not "
     f"found: {ARN}."),
    (lambdas.FunctionError("Lambda.EndpointError", "Lambda endpoint http://x: refused"),
     UnexpectedLambdaException,
     "PreSignUp invocation failed due to error Lambda endpoint http://x: refused"),
])
def test_failures(lambda_script, failure, kind, message):
    lambda_script(failure)
    with pytest.raises(kind) as err:
        invoke.call(None, POOL, "PreSignUp", EVENT)
    assert err.value.message == message


@pytest.mark.parametrize("answer, message", [
    (None, "Unrecognizable lambda output"),
    ("OK", "Invalid lambda function output : Invalid JSON"),
    ([], "Invalid lambda function output : Invalid JSON"),
    ({"response": "yes"}, "Invalid lambda function output : Invalid JSON"),
])
def test_answers_that_are_not_an_event(lambda_script, answer, message):
    lambda_script(answer)
    with pytest.raises(InvalidLambdaResponseException) as err:
        invoke.call(None, POOL, "PreSignUp", EVENT)
    assert err.value.message == message


def test_which_function_a_trigger_names():
    pool = {"LambdaConfig": {"PreTokenGeneration": "old",
                             "PreTokenGenerationConfig": {"LambdaVersion": "V2_0",
                                                          "LambdaArn": "new"}}}
    assert invoke.function_of(pool, "PreTokenGeneration") == "new"
    assert invoke.function_of({"LambdaConfig": {"PreTokenGeneration": "old"}},
                              "PreTokenGeneration") == "old"
    assert invoke.function_of({"LambdaConfig": {}}, "PreSignUp") is None
    assert invoke.function_of({}, "PreSignUp") is None
