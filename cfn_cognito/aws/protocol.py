"""The AWS JSON 1.0/1.1 wire protocol: target → operation function, input validation, errors.

No web framework here: `handle` takes the parts of a request that matter and returns
`(status, headers, body bytes)`. Adding an operation means writing one function named as the
operation in snake_case in the service's operations module; nothing here changes.
"""

from __future__ import annotations

import importlib
import json
import logging
import uuid
from dataclasses import dataclass, field

from botocore import xform_name

from cfn_cognito.aws import json_model as models
from cfn_cognito.aws.validation import ConstraintViolations, validate
from cfn_cognito.errors import (
    AwsError,
    InternalFailure,
    RequestEntityTooLargeException,
    SerializationException,
    UnknownOperationException,
    UnsupportedOperationException,
)

LOG = logging.getLogger(__name__)

JSON_CONTENT_TYPES = ("application/x-amz-json-1.1", "application/x-amz-json-1.0")
CORAL_NAMESPACE = "http://internal.amazon.com/coral/com.amazon.coral.service/"
MAX_MESSAGE_HEADER = 2048
# On every answer of the JSON API: browser SDKs (Amplify) call it from any origin, as AWS lets them.
CORS_HEADERS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Allow-Methods": "POST, OPTIONS",
    "Access-Control-Allow-Headers": "*",
    "Access-Control-Expose-Headers": "x-amzn-RequestId, x-amzn-ErrorType, x-amzn-ErrorMessage, Date",
    "Access-Control-Max-Age": "86400",
}


@dataclass(frozen=True)
class Service:
    target_prefix: str          # "AWSCognitoIdentityProviderService"
    model_name: str             # "cognito-idp"
    operations_module: str      # module holding one function per operation
    errors_module: str          # the GENERATED errors module of the service
    error_namespace: str        # what follows "Code:" in x-amzn-ErrorType (Cognito: nothing)
    # Shape name -> constraints the service applies instead of its published model's.
    constraint_overrides: dict = field(default_factory=dict)
    # A module whose `message(operation)` says why an operation is refused.
    unsupported_module: str = ""
    # The target prefix in its fully qualified form, where clients may send it so.
    qualified_prefix: str = ""
    # The error class of the service's errors module for input the model refuses.
    validation_error: str = "InvalidParameterException"

    def operations(self):
        return importlib.import_module(self.operations_module)

    def unsupported(self, op_name: str) -> AwsError:
        if self.unsupported_module:
            text = importlib.import_module(self.unsupported_module).message(op_name)
        else:
            text = f"The operation {op_name} is not supported by cfn-cognito."
        return UnsupportedOperationException(text)

    def invalid_parameter(self, message: str) -> AwsError:
        errors = importlib.import_module(self.errors_module)
        return getattr(errors, self.validation_error)(message)


_DOMAIN_LABEL = r"[a-z0-9](?:[a-z0-9\-]{0,61}[a-z0-9])?"
_DOMAIN_NAME = rf"^{_DOMAIN_LABEL}(?:\.{_DOMAIN_LABEL})*$"

SERVICES = {
    s.target_prefix: s
    for s in (
        Service(
            "AWSCognitoIdentityProviderService",
            "cognito-idp",
            "cfn_cognito.idp.operations",
            "cfn_cognito.idp.errors",
            "",     # AWS sends `x-amzn-ErrorType: NotAuthorizedException:`
            # The model's DomainType pattern is a prefix's, yet the same member takes custom
            # domains such as auth.example.com (the AWS CLI's own example); domains.py
            # holds prefix domains to the model's pattern.
            {"DomainType": {"max": 253, "pattern": _DOMAIN_NAME}},
            unsupported_module="cfn_cognito.idp.unsupported",
        ),
        Service(
            "AWSCognitoIdentityService",
            "cognito-identity",
            "cfn_cognito.identity.operations",
            "cfn_cognito.identity.errors",
            "",
            # AWS's API reference sends this service's targets in this form too.
            qualified_prefix="com.amazonaws.cognito.identity.model.AWSCognitoIdentityService",
        ),
        # The parameters CloudFormation templates read (cfn_cognito/ssm/).
        Service("AmazonSSM", "ssm", "cfn_cognito.ssm.operations", "cfn_cognito.ssm.errors", "",
                validation_error="ValidationException"),
    )
}
# Fully qualified target prefixes -> service.
_QUALIFIED = {s.qualified_prefix: s for s in SERVICES.values() if s.qualified_prefix}


def _service_of(target: str) -> tuple[Service | None, str]:
    """(service, operation name) of an X-Amz-Target (service None when unknown)."""
    prefix, _, op_name = (target or "").partition(".")
    if prefix in SERVICES:
        return SERVICES[prefix], op_name
    prefix, _, op_name = (target or "").rpartition(".")
    return _QUALIFIED.get(prefix), op_name


def _error_response(err: AwsError, request_id: str, namespace: str) -> tuple[int, dict, bytes]:
    body = json.dumps(err.body(), separators=(",", ":")).encode()
    headers = {
        "Content-Type": "application/x-amz-json-1.1",
        "x-amzn-RequestId": request_id,
        "x-amzn-ErrorType": f"{err.code}:{CORAL_NAMESPACE if err.wire_type else namespace}",
    }
    if err.message:
        # Header values must be printable latin-1, and short: a message that echoes a huge
        # value would make a header line no HTTP client reads (Python's stop at 64 KiB).
        # The body carries the exact text.
        shown = err.message[:MAX_MESSAGE_HEADER]
        printable = "".join(c if c >= " " and c != "\x7f" else " " for c in shown)
        headers["x-amzn-ErrorMessage"] = printable.encode("latin-1", "replace").decode("latin-1")
    return err.status, headers, body


def _reject_constant(name: str):
    # NaN and Infinity are not JSON, though Python's parser takes them.
    raise ValueError(name)


def _parse_body(body: bytes) -> dict:
    if not body.strip():
        return {}
    try:
        params = json.loads(body, parse_constant=_reject_constant)
    except (ValueError, RecursionError):
        raise SerializationException("Malformed JSON in request body") from None
    if not isinstance(params, dict):
        raise SerializationException("The request body must be a JSON object")
    try:
        # A lone surrogate ("\\ud800", or its bytes under surrogatepass) is no Unicode text:
        # nothing downstream (SQLite, hashing, headers) could take it.
        json.dumps(params, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        raise SerializationException("The request body holds a string that is not valid "
                                     "Unicode") from None
    return params


def handle(target: str, content_type: str, body: bytes, context_factory) -> tuple[int, dict, bytes]:
    """Answer one AWS JSON request. `context_factory(request_id)` builds the service context."""
    request_id = str(uuid.uuid4())
    service, op_name = _service_of(target)
    namespace = service.error_namespace if service else CORAL_NAMESPACE
    try:
        base_type = (content_type or "").split(";")[0].strip().lower()
        if service is None or base_type not in JSON_CONTENT_TYPES:
            raise UnknownOperationException()
        operation = _operation(service, op_name)
        params = _parse_body(body)
        try:
            params = validate(operation.input_shape, params, service.constraint_overrides)
        except ConstraintViolations as violations:
            raise service.invalid_parameter(violations.message()) from None
        function = getattr(service.operations(), xform_name(op_name), None)
        if function is None:
            raise service.unsupported(op_name)
        result = function(context_factory(request_id), params)
    except AwsError as err:
        return _error_response(err, request_id, namespace)
    except Exception:  # a bug of ours: log it, never show a traceback to the client
        LOG.exception("internal error in %s", target)
        return _error_response(InternalFailure("An internal error occurred."), request_id, namespace)
    payload = json.dumps(result if result is not None else {}, separators=(",", ":")).encode()
    headers = {"Content-Type": "application/x-amz-json-1.1", "x-amzn-RequestId": request_id}
    return 200, headers, payload


def too_large(target: str, limit: int) -> tuple[int, dict, bytes]:
    """The answer to a request body over `limit` bytes, as any other AWS error."""
    return refusal(target, RequestEntityTooLargeException(
        f"Request body is larger than {limit} bytes."))


def refusal(target: str, err: AwsError) -> tuple[int, dict, bytes]:
    """The answer `err` to a request for `target`, refused before it is read."""
    service = _service_of(target)[0]
    namespace = service.error_namespace if service else CORAL_NAMESPACE
    return _error_response(err, str(uuid.uuid4()), namespace)


def needs_credentials(target: str) -> bool:
    """Whether AWS takes this target's operation only from signed requests: every operation
    but those the model marks unauthenticated (InitiateAuth, SignUp, GetUser, GetId...)."""
    service, op_name = _service_of(target)
    if service is None or op_name not in models.operation_names(service.model_name):
        return False    # no operation: answered as unknown, whoever asks
    operation = models.service_model(service.model_name).operation_model(op_name)
    return operation.auth_type != "none"


def _operation(service: Service, op_name: str):
    if op_name not in models.operation_names(service.model_name):
        raise UnknownOperationException()
    return models.service_model(service.model_name).operation_model(op_name)
