"""Raw HTTP calls to the AWS JSON API of a local server, and what every answer must look like.

The hardening suites speak the wire protocol themselves (not boto3): they send what no SDK
would, and they need the status, headers and body exactly as the server wrote them.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass

import requests

TARGETS = {"cognito-idp": "AWSCognitoIdentityProviderService",
           "cognito-identity": "AWSCognitoIdentityService"}
JSON_11 = "application/x-amz-json-1.1"


@dataclass
class Answer:
    status: int
    headers: Mapping[str, str]      # case-insensitive (requests')
    body: bytes

    def json(self):
        return json.loads(self.body)

    @property
    def error_type(self) -> str | None:
        try:
            body = self.json()
        except ValueError:
            return None
        return body.get("__type") if isinstance(body, dict) else None

    @property
    def message(self) -> str:
        try:
            return str(self.json().get("message", ""))
        except (ValueError, AttributeError):
            return ""


def post(session: requests.Session, url: str, target: str, body, *,
         content_type: str = JSON_11, headers: dict | None = None) -> Answer:
    """POST `body` (bytes, str, or anything JSON-able, serialized as given) to `/`."""
    if isinstance(body, (bytes, str)):
        data = body.encode("utf-8", "surrogatepass") if isinstance(body, str) else body
    else:
        # ensure_ascii writes lone surrogates as \\udXXX escapes, as a client could.
        data = json.dumps(body).encode("ascii")
    sent = {"Content-Type": content_type, **(headers or {})}
    if target is not None:
        sent["X-Amz-Target"] = target
    r = session.post(url + "/", data=data, headers=sent, timeout=60)
    return Answer(r.status_code, r.headers, r.content)


def call(session: requests.Session, url: str, service: str, operation: str, body) -> Answer:
    return post(session, url, f"{TARGETS[service]}.{operation}", body)


def assert_aws_error(answer: Answer, context: str = "") -> None:
    """A refusal as AWS writes one: a 4xx, a JSON object with a `__type`, the error type header."""
    where = f" ({context})" if context else ""
    assert 400 <= answer.status < 500, \
        f"status {answer.status}{where}: {answer.body[:500]!r}"
    body = answer.json()
    assert isinstance(body, dict) and isinstance(body.get("__type"), str) and body["__type"], \
        f"not an AWS error body{where}: {answer.body[:500]!r}"
    assert "message" not in body or isinstance(body["message"], str), body
    assert answer.headers.get("x-amzn-ErrorType", "").split(":")[0] in (
        body["__type"], body["__type"].rsplit("#", 1)[-1]), (answer.headers, body)
    assert answer.headers.get("x-amzn-RequestId"), answer.headers


def assert_not_5xx(answer: Answer, context: str = "") -> None:
    """Any answer but a server error; a refusal must be AWS-shaped, a success a JSON object."""
    if answer.status == 200:
        assert isinstance(answer.json(), dict), f"{context}: {answer.body[:300]!r}"
    else:
        assert_aws_error(answer, context)
