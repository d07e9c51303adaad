"""What both function APIs share: Lambda's error bodies and reading a CreateFunction body."""

from __future__ import annotations

import base64
import json

from flask import Response, current_app

from cfn_cognito import lambdas
from cfn_cognito.context import Context
from cfn_cognito.errors import SerializationException
from cfn_cognito.lambdas import arns
from cfn_cognito.spec import validation
from cfn_cognito.spec.model import botocore_service_model as service_model

# Lambda's own limit for a CreateFunction request (a 50 MB zip, base64 in JSON).
MAX_CREATE_BYTES = 69_905_067

_LAMBDA_ERRORS = {
    lambdas.FunctionNotFound: ("ResourceNotFoundException", 404),
    lambdas.FunctionExists: ("ResourceConflictException", 409),
    lambdas.InvalidFunction: ("InvalidParameterValueException", 400),
}


class RequestError(Exception):
    """A request the API refuses: Lambda's error code, message and status."""

    def __init__(self, code: str, message: str, status: int = 400):
        super().__init__(message)
        self.code, self.message, self.status = code, message, status


def context() -> Context:
    return current_app.config["CFN_COGNITO_CONTEXT"]()


def not_found(name_or_arn: str) -> lambdas.FunctionNotFound:
    settings = context().settings
    arn = arns.arn_for(arns.parse(name_or_arn), name_or_arn, settings.region, settings.account_id)
    return lambdas.FunctionNotFound(arn)


def json_response(payload, status: int = 200, headers: dict | None = None) -> Response:
    return Response(json.dumps(payload), status=status, headers=headers,
                    mimetype="application/json")


def error_response(err: Exception) -> Response:
    """Lambda's REST error: `x-amzn-ErrorType` names it, the body carries the message."""
    if isinstance(err, RequestError):
        code, message, status = err.code, err.message, err.status
    else:
        code, status = _LAMBDA_ERRORS[type(err)]
        message = str(err)
    return json_response({"Type": "User", "message": message}, status,
                         {"x-amzn-ErrorType": code})


def too_large(operation: str, limit: int) -> RequestError:
    return RequestError("RequestTooLargeException",
                        f"Request must be smaller than {limit} bytes for the {operation} operation",
                        413)


def read_json(data: bytes) -> dict:
    try:
        body = json.loads(data or b"{}")
    except ValueError as err:
        raise RequestError("InvalidRequestContentException",
                           f"Could not parse request body into json: {err}") from None
    if not isinstance(body, dict):
        raise RequestError("InvalidRequestContentException",
                           "Could not parse request body into json: expected an object")
    return body


def register(ctx: Context, body: dict, *, replace: bool) -> dict:
    """Register the function a CreateFunction body describes (code as Code.ZipFile)."""
    shape = service_model("lambda").operation_model("CreateFunction").input_shape
    try:
        params = validation.validate(shape, body)
    except validation.ConstraintViolations as err:
        raise RequestError("ValidationException", err.message()) from None
    except SerializationException as err:
        raise RequestError("SerializationException", err.message) from None
    if params.get("PackageType", "Zip") != "Zip":
        raise RequestError("InvalidParameterValueException",
                           "cfn-cognito runs Zip functions only, not container images.")
    if params.get("Layers"):
        raise RequestError("InvalidParameterValueException",
                           "cfn-cognito does not run layers: put their code in the zip.")
    if "Runtime" not in params or "Handler" not in params:
        raise RequestError("InvalidParameterValueException",
                           "Runtime and Handler are mandatory parameters for functions created "
                           "with deployment packages.")
    code = params["Code"]
    if "ZipFile" not in code:
        raise RequestError("InvalidParameterValueException",
                           "cfn-cognito takes a function's code as Code.ZipFile; code in S3 or "
                           "an image is not supported.")
    return lambdas.register(
        ctx, params["FunctionName"], params["Runtime"], params["Handler"],
        zip_bytes=base64.b64decode(code["ZipFile"]),
        environment=params.get("Environment", {}).get("Variables"),
        timeout=params.get("Timeout", 3), memory=params.get("MemorySize", 128),
        description=params.get("Description", ""), role=params["Role"], replace=replace)
