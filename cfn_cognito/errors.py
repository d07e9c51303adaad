"""The base of every error a client receives as an AWS error body.

Service code raises a subclass named exactly as AWS spells the error code; the protocol layer
turns it into `{"__type": ..., "message": ...}` with the right status. Nobody builds an error
body by hand.
"""

from __future__ import annotations


class AwsError(Exception):
    """An error that reaches the client with an AWS error code."""

    code: str = "ServiceException"
    status: int = 400
    # Where the `__type` wire value carries a namespace (Coral's protocol errors).
    wire_type: str | None = None

    def __init__(self, message: str = "", **extra):
        super().__init__(message)
        self.message = message
        self.extra = extra

    def body(self) -> dict:
        body = {"__type": self.wire_type or self.code}
        if self.message:
            body["message"] = self.message
        body.update(self.extra)
        return body


class SerializationException(AwsError):
    code = "SerializationException"
    wire_type = "com.amazon.coral.service#SerializationException"


class UnknownOperationException(AwsError):
    code = "UnknownOperationException"
    wire_type = "com.amazon.coral.service#UnknownOperationException"


class UnsupportedOperationException(AwsError):
    """An operation of the model that this service refuses rather than half-does."""

    code = "UnsupportedOperationException"


class RequestEntityTooLargeException(AwsError):
    code = "RequestEntityTooLargeException"
    status = 413


class MissingAuthenticationTokenException(AwsError):
    """An operation AWS serves only to signed requests, asked for by a page of another site
    (which holds no credentials of the developer's; see cfn_cognito/web/cross_site.py)."""

    code = "MissingAuthenticationTokenException"
    wire_type = "com.amazon.coral.service#MissingAuthenticationTokenException"
    status = 403


class InternalFailure(AwsError):
    """A bug on our side; the client sees a clean 500, never a traceback."""

    code = "InternalErrorException"
    status = 500
