"""What the gateway answers itself (rather than an integration): its error responses.

REST APIs answer with a gateway response of a type (UNAUTHORIZED, ACCESS_DENIED...), each with
AWS's status and message, which an API's GatewayResponse resources may override (status,
headers, body template), falling back to DEFAULT_4XX / DEFAULT_5XX. HTTP APIs answer with
fixed bodies such as `{"message":"Not Found"}` and cannot be customized.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Callable

from cfn_cognito.gateway import templates
from cfn_cognito.gateway.model import Api

JSON = "application/json"
DEFAULT_TEMPLATE = '{"message":$context.error.messageString}'
_UNSET = object()


@dataclass
class Reply:
    status: int
    headers: list[tuple[str, str]] = field(default_factory=list)
    body: bytes = b""

    def header(self, name: str) -> str | None:
        lowered = name.lower()
        return next((v for k, v in reversed(self.headers) if k.lower() == lowered), None)

    def set_header(self, name: str, value: str) -> None:
        lowered = name.lower()
        self.headers = [(k, v) for k, v in self.headers if k.lower() != lowered]
        self.headers.append((name, value))


@dataclass(frozen=True)
class Kind:
    status: int
    message: str | None
    error_type: str                 # the x-amzn-ErrorType header
    http_api_message: str = ""      # the message of an HTTP API (none: its status's)


# Gateway response types: AWS's default status, message and error type of each.
KINDS = {
    "MISSING_AUTHENTICATION_TOKEN": Kind(403, "Missing Authentication Token",
                                         "MissingAuthenticationTokenException", "Not Found"),
    "RESOURCE_NOT_FOUND": Kind(404, "Not Found", "NotFoundException"),
    "UNAUTHORIZED": Kind(401, "Unauthorized", "UnauthorizedException"),
    "ACCESS_DENIED": Kind(403, "User is not authorized to access this resource",
                          "AccessDeniedException", "Forbidden"),
    "INVALID_API_KEY": Kind(403, "Forbidden", "ForbiddenException"),
    "EXPIRED_TOKEN": Kind(403, "The security token included in the request is expired",
                          "ExpiredTokenException"),
    "INVALID_SIGNATURE": Kind(403, "The request signature we calculated does not match",
                              "InvalidSignatureException"),
    "BAD_REQUEST_PARAMETERS": Kind(400, "Bad request parameters", "BadRequestException"),
    "BAD_REQUEST_BODY": Kind(400, "Invalid request body", "BadRequestException"),
    "REQUEST_TOO_LARGE": Kind(413, "Request Too Long", "RequestTooLongException"),
    "AUTHORIZER_CONFIGURATION_ERROR": Kind(500, None, "AuthorizerConfigurationException",
                                           "Internal Server Error"),
    "AUTHORIZER_FAILURE": Kind(500, None, "AuthorizerFailureException", "Internal Server Error"),
    "API_CONFIGURATION_ERROR": Kind(500, "Internal server error", "InternalServerErrorException",
                                    "Internal Server Error"),
    "INTEGRATION_FAILURE": Kind(502, "Internal server error", "InternalServerErrorException",
                                "Internal Server Error"),
    "INTEGRATION_TIMEOUT": Kind(504, "Endpoint request timed out",
                                "InternalServerErrorException", "Service Unavailable"),
    "DEFAULT_4XX": Kind(400, "Bad Request", "BadRequestException"),
    "DEFAULT_5XX": Kind(500, "Internal server error", "InternalServerErrorException",
                        "Internal Server Error"),
}
# What HTTP APIs answer, by the REST type that stands for the same failure.
HTTP_STATUS = {"MISSING_AUTHENTICATION_TOKEN": 404, "ACCESS_DENIED": 403, "EXPIRED_TOKEN": 403,
               "INVALID_SIGNATURE": 403, "AUTHORIZER_CONFIGURATION_ERROR": 500,
               "AUTHORIZER_FAILURE": 500, "API_CONFIGURATION_ERROR": 500,
               "INTEGRATION_FAILURE": 500, "INTEGRATION_TIMEOUT": 503, "DEFAULT_5XX": 500}
# Lambda proxy failures on REST APIs: this body, with its space, when no GatewayResponse
# changes it (as captured from AWS, unlike the compact bodies of the other responses).
INTEGRATION_ERROR_BODY = b'{"message": "Internal server error"}'


class GatewayError(Exception):
    """A request the gateway answers itself with a response of `kind`; `message` replaces
    the kind's default; `headers` are added (WWW-Authenticate...)."""

    def __init__(self, kind: str, message=_UNSET, headers: list[tuple[str, str]] | None = None,
                 log: str = "", error_type: str | None = None):
        default = KINDS[kind]
        self.kind = kind
        self.message = default.message if message is _UNSET else message
        self.headers = headers or []
        self.log = log          # why, for the server's log
        self.error_type = error_type or default.error_type
        super().__init__(f"{kind}: {self.message}{f' ({log})' if log else ''}")


def rest_error(api: Api, err: GatewayError, context: dict, lookup: Callable[[str], str | None],
               stage_variables: dict) -> Reply:
    """The REST API's gateway response for `err`: its GatewayResponse for that type, else its
    DEFAULT_4XX/5XX, else AWS's default. `context` is what templates read as $context;
    `lookup` what response parameters read (method.request.header.x, stageVariables.x...)."""
    kind = KINDS[err.kind]
    custom = api.gateway_responses.get(err.kind) or api.gateway_responses.get(
        "DEFAULT_4XX" if kind.status < 500 else "DEFAULT_5XX")
    status = custom.status if custom and custom.status else kind.status
    headers = [("Content-Type", JSON), ("x-amzn-ErrorType", err.error_type)] + err.headers
    error = {"message": err.message, "messageString": json.dumps(err.message),
             "responseType": err.kind}
    scope = templates.Scope(context={**context, "error": error}, stage_variables=stage_variables)
    if custom is not None:
        for name, expression in custom.parameters:
            if name.startswith("gatewayresponse.header."):
                value = lookup(expression)
                if value is not None:
                    headers.append((name[len("gatewayresponse.header."):], value))
        chosen = dict(custom.templates)
        template = chosen.get(JSON, next(iter(chosen.values()), DEFAULT_TEMPLATE))
        body = templates.render(template, scope).encode()
    elif err.kind in ("INTEGRATION_FAILURE", "API_CONFIGURATION_ERROR") \
            and err.message == kind.message:
        body = INTEGRATION_ERROR_BODY
    else:
        body = templates.render(DEFAULT_TEMPLATE, scope).encode()
    return Reply(status, headers, body)


def http_error(err: GatewayError) -> Reply:
    """What an HTTP API answers for the same failure: `{"message":"..."}` of its status."""
    kind = KINDS[err.kind]
    status = HTTP_STATUS.get(err.kind, kind.status)
    message = kind.http_api_message or (err.message if status < 500 else "Internal Server Error")
    if err.kind == "UNAUTHORIZED":
        message = "Unauthorized"
    body = json.dumps({"message": message}, separators=(",", ":")).encode()
    return Reply(status, [("Content-Type", JSON)] + err.headers, body)


def json_reply(status: int, payload, headers: list[tuple[str, str]] | None = None) -> Reply:
    return Reply(status, [("Content-Type", JSON)] + (headers or []),
                 json.dumps(payload, separators=(",", ":")).encode())
