"""The AWS JSON API's calls from tools, answered before Flask sees them.

Every SDK call is a `POST /` with `X-Amz-Target`. Building Flask's request and response
objects and running its before_request hooks costs about as much as a small operation, and
for such a call from a tool none of those hooks has anything to do: it names no API Gateway
or hosted-UI host, and it carries no `Origin` or `Sec-Fetch-Site` (only a browser page
sends those; the cross-site guard needs them). This WSGI middleware answers exactly those
calls with the same protocol handler and the same headers as the Flask route
(web/aws_api.py); every other request, and any call it is unsure of (no Content-Length,
too large a body), goes to the Flask app unchanged.
"""

from __future__ import annotations

import threading
from http import HTTPStatus

from cfn_cognito.aws import protocol
from cfn_cognito.aws.protocol import CORS_HEADERS
from cfn_cognito.gateway.request import target as gateway_target
from cfn_cognito.oauth.hosts import is_domain_host

_CORS = list(CORS_HEADERS.items())
# Reads that wait on nothing but the store (no trigger, no email, no other service) take
# turns within a worker process. Threads contending for the GIL hand it over at every SQLite
# call and body read; a thread waiting for this lock sleeps outside it. Measured with 16
# connections on 2 workers: GetUser 5,000-5,400/s against 4,100-4,600, and with 2 connections
# on one worker 3,300-3,650/s against 3,000. Nothing that can wait on a Lambda function (which
# may call back into this process) ever holds it.
_READS = frozenset(f"AWSCognitoIdentityProviderService.{name}" for name in (
    "GetUser", "AdminGetUser", "ListUsers", "ListUsersInGroup", "ListGroups", "GetGroup",
    "AdminListGroupsForUser", "DescribeUserPool", "DescribeUserPoolClient", "ListUserPools",
    "ListUserPoolClients"))
_READS_TAKE_TURNS = threading.Lock()
_STATUS_LINES = {status.value: f"{status.value} {status.phrase}" for status in HTTPStatus}


class FastPath:
    """WSGI middleware: `FastPath(app.wsgi_app, context_factory, max_body_bytes)`."""

    def __init__(self, app, context_factory, max_body_bytes: int):
        self.app = app
        self.context_factory = context_factory
        self.max_body_bytes = max_body_bytes

    def _length(self, environ) -> int | None:
        """The body length of a call this middleware answers; None to leave it to Flask."""
        if (environ.get("REQUEST_METHOD") != "POST" or environ.get("PATH_INFO") != "/"
                or not environ.get("HTTP_X_AMZ_TARGET") or environ.get("QUERY_STRING")
                or "HTTP_ORIGIN" in environ or "HTTP_SEC_FETCH_SITE" in environ):
            return None
        host = environ.get("HTTP_HOST", "")
        if gateway_target(host, "/") is not None or is_domain_host(host):
            return None
        try:
            length = int(environ.get("CONTENT_LENGTH") or "")
        except ValueError:
            return None
        return length if 0 <= length <= self.max_body_bytes else None

    def _handle(self, environ, target: str, length: int):
        body = environ["wsgi.input"].read(length) if length else b""
        client_ip = environ.get("REMOTE_ADDR", "")
        return protocol.handle(target, environ.get("CONTENT_TYPE", ""), body,
                               lambda request_id: self.context_factory(request_id, client_ip))

    def __call__(self, environ, start_response):
        length = self._length(environ)
        if length is None:
            return self.app(environ, start_response)
        target = environ["HTTP_X_AMZ_TARGET"]
        if target in _READS:
            with _READS_TAKE_TURNS:
                status, headers, payload = self._handle(environ, target, length)
        else:
            status, headers, payload = self._handle(environ, target, length)
        start_response(_STATUS_LINES.get(status, str(status)),
                       [*headers.items(), *_CORS, ("Content-Length", str(len(payload)))])
        return [payload]
