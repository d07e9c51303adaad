"""Calling a pool's trigger function, and turning what goes wrong into AWS's errors.

Cognito calls a trigger synchronously and waits 5 seconds for it, trying up to three times
when it gets no answer in time (reference §6.1). Then:

- the function raised, crashed its runtime or ran past its own (shorter) Timeout: Lambda
  answered with a function error, which Cognito reports as
  UserLambdaValidationException "{Trigger} failed with error {errorMessage}." (captured:
  "DefineAuthChallenge failed with error RequestId: ... Error: Runtime exited with error:
  exit status 129." for a crashed runtime, aws-amplify/amplify-js#9127);
- no answer within 5 seconds three times, or no such function: UnexpectedLambdaException
  "{Trigger} invocation failed due to error ..." (AWS's own words for a timeout are "Socket
  timeout while invoking Lambda function"; the function's ARN is added here so a developer
  sees which one);
- an answer that is not a JSON object: InvalidLambdaResponseException, "Unrecognizable
  lambda output" for nothing at all (a Node handler that never called back), "Invalid lambda
  function output : Invalid JSON" for anything else.
"""

from __future__ import annotations

import logging

from cfn_cognito import lambdas
from cfn_cognito.context import Context
from cfn_cognito.idp.errors import (
    InvalidLambdaResponseException,
    UnexpectedLambdaException,
    UserLambdaValidationException,
)
from cfn_cognito.idp.triggers import fields

LOG = logging.getLogger(__name__)

TIMEOUT_SECONDS = 5
ATTEMPTS = 3
PRE_TOKEN_GENERATION = "PreTokenGeneration"
UNRECOGNIZABLE = "Unrecognizable lambda output"
# Failures of the way to the function rather than of the function (a remote endpoint down).
_NOT_THE_FUNCTIONS = frozenset({"Lambda.EndpointError"})


def function_of(pool: dict, trigger: str) -> str | None:
    """The ARN the pool's LambdaConfig names for `trigger` (its key there), or None."""
    config = pool.get("LambdaConfig") or {}
    if trigger == PRE_TOKEN_GENERATION:
        return (config.get("PreTokenGenerationConfig") or {}).get("LambdaArn") \
            or config.get(PRE_TOKEN_GENERATION)
    return config.get(trigger) or None


def call(ctx: Context, pool: dict, trigger: str, event: dict) -> dict:
    """Run the pool's `trigger` function on `event`; the `response` object it returned
    ({} when it returned none). Raises the AWS errors of the module's docstring."""
    arn = function_of(pool, trigger)
    LOG.debug("invoking %s trigger %s (%s)", trigger, arn, event["triggerSource"])
    result = _invoke(ctx, trigger, arn, event)
    if result is None:
        raise InvalidLambdaResponseException(UNRECOGNIZABLE)
    if not isinstance(result, dict):
        raise fields.invalid()
    return fields.obj(result, "response") or {}


def _invoke(ctx: Context, trigger: str, arn: str, event: dict):
    for attempt in range(1, ATTEMPTS + 1):
        try:
            return lambdas.invoke(ctx, arn, event, timeout=TIMEOUT_SECONDS)
        except lambdas.FunctionTimeout as timeout:
            if timeout.seconds < TIMEOUT_SECONDS:
                # The function's own Timeout: Lambda answers with a function error.
                raise _failed(trigger, timeout.error_message) from None
            LOG.warning("%s trigger %s gave no answer within %s s (attempt %s of %s)",
                        trigger, arn, TIMEOUT_SECONDS, attempt, ATTEMPTS)
        except lambdas.FunctionNotFound:
            raise UnexpectedLambdaException(
                f"{trigger} invocation failed due to error ResourceNotFoundException: "
                f"Function not found: {arn}.") from None
        except lambdas.FunctionError as err:
            if err.error_type in _NOT_THE_FUNCTIONS:
                raise UnexpectedLambdaException(
                    f"{trigger} invocation failed due to error {err.error_message}") from None
            LOG.info("%s trigger %s failed: %s: %s", trigger, arn, err.error_type,
                     err.error_message)
            raise _failed(trigger, err.error_message) from None
        except lambdas.LambdaError as err:
            raise UnexpectedLambdaException(
                f"{trigger} invocation failed due to error {err} ({arn}).") from None
    raise UnexpectedLambdaException(
        f"{trigger} invocation failed due to error Socket timeout while invoking Lambda "
        f"function {arn}.")


def _failed(trigger: str, message: str) -> UserLambdaValidationException:
    return UserLambdaValidationException(f"{trigger} failed with error {message}.")
