"""The subset of AWS Lambda's REST API (2015-03-31) that creates, reads, deletes and invokes
functions, so `aws lambda ... --endpoint-url` and SDKs work against the local registry:

    POST   /2015-03-31/functions                              CreateFunction (Code.ZipFile)
    GET    /2015-03-31/functions                              ListFunctions (Marker, MaxItems)
    GET    /2015-03-31/functions/<name>                       GetFunction
    GET    /2015-03-31/functions/<name>/configuration         GetFunctionConfiguration
    DELETE /2015-03-31/functions/<name>                       DeleteFunction
    POST   /2015-03-31/functions/<name>/invocations           Invoke (RequestResponse,
                                                              Event, DryRun)
"""

from __future__ import annotations

import base64
import binascii
import json
import logging
import threading

from flask import Blueprint, Response, request
from werkzeug.exceptions import RequestEntityTooLarge

from cfn_cognito import lambdas
from cfn_cognito.web.functions import common

LOG = logging.getLogger(__name__)

MAX_INVOKE_BYTES = 6_291_456  # Lambda's synchronous payload limit
DEFAULT_MAX_ITEMS = 50

blueprint = Blueprint("lambda_rest", __name__, url_prefix="/2015-03-31/functions")


@blueprint.errorhandler(common.RequestError)
@blueprint.errorhandler(lambdas.LambdaError)
def _error(err):
    return common.error_response(err)


def _qualified(name: str) -> str:
    qualifier = request.args.get("Qualifier")
    return f"{name}:{qualifier}" if qualifier else name


def _function(name: str) -> dict:
    config = lambdas.get(common.context(), _qualified(name))
    if config is None:
        raise common.not_found(_qualified(name))
    return config


@blueprint.post("", strict_slashes=False)
def create_function():
    request.max_content_length = common.MAX_CREATE_BYTES
    try:
        body = common.read_json(request.get_data(cache=False))
    except RequestEntityTooLarge:
        raise common.too_large("CreateFunction", common.MAX_CREATE_BYTES) from None
    return common.json_response(common.register(common.context(), body, replace=False), 201)


@blueprint.get("", strict_slashes=False)
def list_functions():
    functions = lambdas.list_functions(common.context())
    start = _marker(request.args.get("Marker"))
    try:
        limit = int(request.args.get("MaxItems", DEFAULT_MAX_ITEMS))
    except ValueError:
        limit = 0
    if not 1 <= limit <= 10000:
        raise common.RequestError(
            "ValidationException", f"1 validation error detected: Value '{request.args.get('MaxItems')}' "
            "at 'maxItems' failed to satisfy constraint: Member must have value less than or "
            "equal to 10000 and greater than or equal to 1")
    page = functions[start:start + limit]
    body = {"Functions": page}
    if start + limit < len(functions):
        body["NextMarker"] = base64.urlsafe_b64encode(str(start + limit).encode()).decode()
    return common.json_response(body)


def _marker(marker: str | None) -> int:
    if not marker:
        return 0
    try:
        return int(base64.urlsafe_b64decode(marker.encode()).decode())
    except (ValueError, binascii.Error, UnicodeDecodeError):
        raise common.RequestError("InvalidParameterValueException",
                                  "Invalid marker: not one this service returned.") from None


@blueprint.get("/<name>")
def get_function(name: str):
    config = _function(name)
    location = (f"{common.context().settings.base_url}/_cfn_cognito/functions/"
                f"{config['FunctionName']}/code")
    return common.json_response({"Configuration": config,
                                 "Code": {"RepositoryType": "S3", "Location": location}})


@blueprint.get("/<name>/configuration")
def get_function_configuration(name: str):
    return common.json_response(_function(name))


@blueprint.delete("/<name>")
def delete_function(name: str):
    if not lambdas.delete(common.context(), _qualified(name)):
        raise common.not_found(_qualified(name))
    return Response(status=204)


@blueprint.post("/<name>/invocations")
def invoke(name: str):
    request.max_content_length = MAX_INVOKE_BYTES
    try:
        data = request.get_data(cache=False)
    except RequestEntityTooLarge:
        raise common.too_large("Invoke", MAX_INVOKE_BYTES) from None
    try:
        event = json.loads(data) if data.strip() else {}
    except ValueError as err:
        raise common.RequestError("InvalidRequestContentException",
                                  f"Could not parse request body into json: {err}") from None
    ctx = common.context()
    target = _qualified(name)
    kind = request.headers.get("X-Amz-Invocation-Type", "RequestResponse")
    if kind in ("DryRun", "Event") and not ctx.settings.lambda_endpoint:
        _function(name)  # only the remote endpoint could tell whether it has the function
    if kind == "DryRun":
        return Response(status=204)
    if kind == "Event":
        threading.Thread(target=_invoke_async, args=(ctx, target, event), daemon=True).start()
        return Response(status=202)
    if kind != "RequestResponse":
        raise common.RequestError(
            "ValidationException", f"1 validation error detected: Value '{kind}' at "
            "'invocationType' failed to satisfy constraint: Member must satisfy enum value set: "
            "[Event, RequestResponse, DryRun]")
    headers = {"X-Amz-Executed-Version": "$LATEST"}
    try:
        result = lambdas.invoke(ctx, target, event)
    except lambdas.FunctionError as err:
        headers["X-Amz-Function-Error"] = "Unhandled"
        return common.json_response(err.payload(), 200, headers)
    return common.json_response(result, 200, headers)


def _invoke_async(ctx, target: str, event) -> None:
    try:
        lambdas.invoke(ctx, target, event)
    except lambdas.LambdaError as err:
        LOG.warning("asynchronous invocation of %s failed: %s", target, err)
