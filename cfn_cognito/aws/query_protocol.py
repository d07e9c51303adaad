"""The AWS query protocol (form-encoded `Action=...&Version=...` on `POST /`, XML answers),
beside the JSON protocol of protocol.py and dispatched the same way: the form is read into
the operation's input shape (query_form.py), validated against botocore's model
(validation.py), and handed to the function named as the operation in snake_case in the
service's operations module; the result is written as XML per the output shape
(query_xml.py). An operation of the model that the module lacks is refused with a 400 that
names it. No web framework here.

A request is the query protocol's when its SigV4 credential scope names a service served
here (`.../cloudformation/aws4_request`), or when it is a form with an `Action` field.
"""

from __future__ import annotations

import functools
import importlib
import logging
import re
import uuid
from dataclasses import dataclass

from botocore import xform_name

from cfn_cognito.aws import query_form, query_xml
from cfn_cognito.errors import (
    AwsError,
    InternalFailure,
    RequestEntityTooLargeException,
    SerializationException,
    UnsupportedOperationException,
)
from cfn_cognito.spec import model as models
from cfn_cognito.spec.validation import ConstraintViolations, validate

LOG = logging.getLogger(__name__)

FORM_CONTENT_TYPE = "application/x-www-form-urlencoded"
_SCOPE = re.compile(r"Credential=[^/,\s]+/\d{8}/[^/,\s]+/([^/,\s]+)/aws4_request")


class InvalidAction(AwsError):
    """An Action that no service served here has (the query protocol's own error)."""

    code = "InvalidAction"


@dataclass(frozen=True)
class QueryService:
    scope: str                  # the service in SigV4 credential scopes ("cloudformation")
    model_name: str             # botocore's name of its model
    operations_module: str      # one function per operation
    validation_error: str       # "module:Class" raised for input that breaks the model

    @property
    def model(self):
        return models.botocore_service_model(self.model_name)

    @property
    def version(self) -> str:
        return self.model.metadata["apiVersion"]

    @property
    def namespace(self) -> str:
        return self.model.metadata["xmlNamespace"]

    def operations(self):
        return importlib.import_module(self.operations_module)

    def invalid(self, message: str) -> AwsError:
        module, _, name = self.validation_error.partition(":")
        return getattr(importlib.import_module(module), name)(message)


SERVICES = {
    s.scope: s
    for s in (
        QueryService("cloudformation", "cloudformation", "cfn_cognito.cfn.api.operations",
                     "cfn_cognito.cfn.errors:ValidationError"),
    )
}
# Errors of a request no service here takes are written in the first service's namespace.
_DEFAULT = next(iter(SERVICES.values()))


def _scope(authorization: str) -> str:
    found = _SCOPE.search(authorization or "")
    return found.group(1) if found else ""


def _is_form(content_type: str) -> bool:
    return (content_type or "").split(";")[0].strip().lower() == FORM_CONTENT_TYPE


def wants(content_type: str, authorization: str) -> bool:
    """Whether a request with these headers may be the query protocol's (the body tells
    for an unsigned form)."""
    return _scope(authorization) in SERVICES or _is_form(content_type)


@functools.lru_cache(maxsize=None)
def _by_version() -> dict[str, QueryService]:
    return {s.version: s for s in SERVICES.values()}


def answer(content_type: str, authorization: str, body: bytes,
           context_factory) -> tuple[int, dict, bytes] | None:
    """The answer to a query protocol request, or None when the request is not one (it is
    then the JSON protocol's). `context_factory(request_id)` builds the service context."""
    scope = _scope(authorization)
    if scope not in SERVICES and not _is_form(content_type):
        return None
    try:
        fields = query_form.parse(body) if _is_form(content_type) else {}
    except query_form.FormError:
        fields = {}
    action = fields.get("Action", "")
    if scope not in SERVICES and not action:
        return None
    service = SERVICES.get(scope) or _by_version().get(fields.get("Version", ""))
    request_id = str(uuid.uuid4())
    try:
        if service is None:
            raise InvalidAction(f"Could not find operation {action} for version "
                                f"{fields.get('Version', '')}")
        if not _is_form(content_type):
            raise SerializationException(f"The query protocol takes {FORM_CONTENT_TYPE} bodies")
        result, operation = _call(service, action, fields, context_factory, request_id)
    except AwsError as err:
        return _error(err, service or _DEFAULT, request_id)
    except Exception:  # a bug of ours: log it, never show a traceback to the client
        LOG.exception("internal error in %s", action)
        return _error(InternalFailure("An internal error occurred."), service or _DEFAULT,
                      request_id)
    payload = query_xml.response(operation, result, service.namespace, request_id)
    return 200, {"Content-Type": "text/xml", "x-amzn-RequestId": request_id}, payload


def _call(service: QueryService, action: str, fields: dict, context_factory, request_id: str):
    if action not in models.operation_names(service.model_name):
        raise InvalidAction(f"Could not find operation {action} for version {service.version}")
    operation = service.model.operation_model(action)
    try:
        params = validate(operation.input_shape, query_form.read(operation.input_shape, fields))
    except ConstraintViolations as violations:
        raise service.invalid(violations.message()) from None
    except (query_form.FormError, SerializationException) as err:
        raise service.invalid(str(err.message if isinstance(err, AwsError) else err)) from None
    function = getattr(service.operations(), xform_name(action), None)
    if function is None:
        raise UnsupportedOperationException(
            f"The operation {action} is not supported by cfn-cognito.")
    return function(context_factory(request_id), params), operation


def _error(err: AwsError, service: QueryService, request_id: str) -> tuple[int, dict, bytes]:
    kind = "Receiver" if err.status >= 500 else "Sender"
    body = query_xml.error(kind, err.code, err.message, service.namespace, request_id)
    return err.status, {"Content-Type": "text/xml", "x-amzn-RequestId": request_id}, body


def too_large(content_type: str, authorization: str, limit: int) -> tuple[int, dict, bytes] | None:
    """The answer to a query protocol request over `limit` bytes (None: not one)."""
    if not wants(content_type, authorization):
        return None
    service = SERVICES.get(_scope(authorization), _DEFAULT)
    err = RequestEntityTooLargeException(f"Request body is larger than {limit} bytes.")
    return _error(err, service, str(uuid.uuid4()))
