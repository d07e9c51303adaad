"""A keep-alive AWS JSON 1.1 client for the timed loops: one connection, hand-built requests.

No boto3 and no signing in the timed path: each call is one `http.client` request on a
connection that stays open, so the figures are the service's cost, not the client's.
"""

from __future__ import annotations

import http.client
import json

TARGET_PREFIX = "AWSCognitoIdentityProviderService"

# A fixed, unsigned Authorization header: moto and ministack read the service and region
# from its credential scope to route a request; nobody here checks the signature.
HEADERS = {
    "Content-Type": "application/x-amz-json-1.1",
    "Authorization": "AWS4-HMAC-SHA256 Credential=bench/20240101/us-east-1/cognito-idp/aws4_request, "
                     "SignedHeaders=content-type;host;x-amz-target, Signature=0",
    "Connection": "keep-alive",
}

# Error types by which the services say "I do not implement this operation".
UNSUPPORTED_TYPES = ("UnsupportedOperation", "NotImplemented", "UnknownOperation",
                     "InvalidAction", "Unsupported")


class ServiceError(Exception):
    """An answer other than 200: `status`, the AWS error `type` and its `message`."""

    def __init__(self, operation: str, status: int, error_type: str, message: str):
        super().__init__(f"{operation}: HTTP {status} {error_type}: {message}")
        self.operation = operation
        self.status = status
        self.type = error_type
        self.message = message

    @property
    def unsupported(self) -> bool:
        return any(t.lower() in self.type.lower() for t in UNSUPPORTED_TYPES) or (
            self.status in (404, 501) or "not implemented" in self.message.lower()
            or "not yet implemented" in self.message.lower())


class Api:
    """Calls `cognito-idp` operations on `127.0.0.1:port` over one kept-alive connection."""

    def __init__(self, port: int, timeout: float = 30.0):
        self.port = port
        self.timeout = timeout
        self._conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)

    def call(self, operation: str, body: dict | None = None) -> dict:
        """The parsed answer of `operation`; raises ServiceError on any status but 200."""
        payload = json.dumps(body or {}).encode()
        headers = {**HEADERS, "X-Amz-Target": f"{TARGET_PREFIX}.{operation}"}
        try:
            self._conn.request("POST", "/", payload, headers)
            response = self._conn.getresponse()
        except (ConnectionError, http.client.HTTPException):
            # The server closed an idle keep-alive connection: open a new one, once.
            self._conn.close()
            self._conn.request("POST", "/", payload, headers)
            response = self._conn.getresponse()
        data = response.read()
        if response.will_close:
            self._conn.close()
        if response.status != 200:
            raise _error(operation, response, data)
        return json.loads(data) if data else {}

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> "Api":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _error(operation: str, response: http.client.HTTPResponse, data: bytes) -> ServiceError:
    try:
        body = json.loads(data) if data else {}
    except ValueError:
        body = {"message": data[:200].decode("utf-8", "replace")}
    if not isinstance(body, dict):
        body = {"message": str(body)[:200]}
    error_type = (body.get("__type") or response.getheader("x-amzn-ErrorType") or "").split(":")[0]
    error_type = error_type.rsplit("#", 1)[-1]
    message = body.get("message") or body.get("Message") or ""
    return ServiceError(operation, response.status, error_type, str(message))
