"""The AWS JSON 1.0/1.1 wire protocol: target → operation function, input validation, errors.

No web framework here: `handle` takes the parts of a request that matter and returns
`(status, headers, body bytes)`. Adding an operation means writing one function named as the
operation in snake_case in the service's operations module; nothing here changes.
"""

from __future__ import annotations

import json
import logging
import uuid

from cfn_cognito.errors import (
    AwsError,
    InternalFailure,
    RequestEntityTooLargeException,
    SerializationException,
    UnknownOperationException,
)
from cfn_cognito.spec import model as models
from cfn_cognito.spec import services

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
    service, op_name = services.service_of(target)
    namespace = service.error_namespace if service else CORAL_NAMESPACE
    try:
        base_type = (content_type or "").split(";")[0].strip().lower()
        if service is None or base_type not in JSON_CONTENT_TYPES:
            raise UnknownOperationException()
        service.operation_model(op_name)    # unknown operations before the body is read
        result = services.call(service, op_name, context_factory(request_id), _parse_body(body))
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
    service = services.service_of(target)[0]
    namespace = service.error_namespace if service else CORAL_NAMESPACE
    return _error_response(err, str(uuid.uuid4()), namespace)


def needs_credentials(target: str) -> bool:
    """Whether AWS takes this target's operation only from signed requests: every operation
    but those the model marks unauthenticated (InitiateAuth, SignUp, GetUser, GetId...)."""
    service, op_name = services.service_of(target)
    if service is None or op_name not in models.operation_names(service.model_name):
        return False    # no operation: answered as unknown, whoever asks
    return service.operation_model(op_name).auth_type != "none"
