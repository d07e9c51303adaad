"""Functions not registered here, invoked at a remote Lambda endpoint through boto3
(`CFN_COGNITO_LAMBDA_ENDPOINT`: LocalStack, serverless-offline, another cfn-cognito, ...)."""

from __future__ import annotations

import json
import re
import threading

from cfn_cognito.config import Settings
from cfn_cognito.lambdas.errors import FunctionError, FunctionNotFound, FunctionTimeout

MAX_TIMEOUT = 900  # Lambda's longest Timeout: how long we wait when the caller sets none
_TIMED_OUT = re.compile(r"Task timed out after (\d+(?:\.\d+)?) seconds")
_CLIENTS: dict[tuple, object] = {}
_LOCK = threading.Lock()


def _client(endpoint: str, region: str, read_timeout: float):
    key = (endpoint, region, read_timeout)
    with _LOCK:
        client = _CLIENTS.get(key)
        if client is None:
            import boto3
            from botocore.config import Config
            client = _CLIENTS[key] = boto3.session.Session().client(
                "lambda", endpoint_url=endpoint, region_name=region,
                aws_access_key_id="test", aws_secret_access_key="test",
                config=Config(read_timeout=read_timeout, connect_timeout=5,
                              retries={"total_max_attempts": 1}))
        return client


def invoke(settings: Settings, name_or_arn: str, arn: str, event, timeout: float | None):
    """The remote function's JSON result, with the same errors as a local invocation."""
    from botocore.exceptions import BotoCoreError, ClientError, ReadTimeoutError
    wait = timeout if timeout is not None else MAX_TIMEOUT
    client = _client(settings.lambda_endpoint, settings.region, wait)
    try:
        response = client.invoke(FunctionName=name_or_arn, InvocationType="RequestResponse",
                                 Payload=json.dumps(event).encode())
        payload = response["Payload"].read()
    except ReadTimeoutError:
        raise FunctionTimeout(arn, wait) from None
    except ClientError as err:
        code = err.response.get("Error", {}).get("Code", "ServiceException")
        if code == "ResourceNotFoundException":
            raise FunctionNotFound(arn) from None
        raise FunctionError(code, err.response.get("Error", {}).get("Message", str(err))) from None
    except BotoCoreError as err:
        raise FunctionError("Lambda.EndpointError",
                            f"Lambda endpoint {settings.lambda_endpoint}: {err}") from None
    if response.get("FunctionError"):
        body = _json_or_none(payload)
        body = body if isinstance(body, dict) else {}
        message = body.get("errorMessage", payload.decode("utf-8", "replace"))
        timed_out = _TIMED_OUT.search(str(message))
        if timed_out:
            raise FunctionTimeout(arn, float(timed_out.group(1)))
        raise FunctionError(body.get("errorType", response["FunctionError"]), str(message))
    if not payload:
        return None
    try:
        return json.loads(payload)
    except ValueError:
        raise FunctionError("Runtime.MarshalError",
                            "The remote function returned a payload that is not JSON.") from None


def _json_or_none(payload: bytes):
    try:
        return json.loads(payload)
    except ValueError:
        return None
