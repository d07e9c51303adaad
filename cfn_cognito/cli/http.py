"""How every command talks to a running service: JSON over HTTP, and one error type.

A command fails with CommandError, printed as one line (exit code 1). Refused is the
CommandError of an answer the service gave with an error status: its text is AWS's
`Code: message`, its `body` the JSON object of the answer.
"""

from __future__ import annotations

import argparse
import json
import os
import ssl
import urllib.error
import urllib.request

DEFAULT_ENDPOINT = "http://localhost:4566"
ENDPOINT_ENV = "CFN_COGNITO_ENDPOINT"


class CommandError(Exception):
    """A failure to report as one line (exit code 1)."""


class Refused(CommandError):
    """The service answered with an error status."""

    def __init__(self, status: int, body: dict, error_type: str = ""):
        self.status = status
        self.body = body
        # AWS puts the code in x-amzn-ErrorType ("Code:namespace") and/or the body's __type
        # ("namespace#Code" in some services).
        self.code = (error_type.split(":")[0]
                     or str(body.get("__type") or "").rsplit("#", 1)[-1]
                     or f"HTTP {status}")
        self.message = str(body.get("message") or body.get("Message") or "")
        super().__init__(f"{self.code}: {self.message}" if self.message else self.code)


def endpoint_flag(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--endpoint", default=None,
                        help=f"the service's URL (default ${ENDPOINT_ENV}, then {DEFAULT_ENDPOINT})")


def endpoint_of(args: argparse.Namespace) -> str:
    return (getattr(args, "endpoint", None) or os.environ.get(ENDPOINT_ENV)
            or DEFAULT_ENDPOINT).rstrip("/")


def exchange(endpoint: str, method: str, path: str, body=None, *, timeout: float = 60,
             headers: dict | None = None):
    """(response headers, JSON answer or None) of one call to the service."""
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(endpoint + path, data=data, method=method,
                                 headers=headers or {"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as response:
            raw = response.read()
            return response.headers, (json.loads(raw) if raw else None)
    except urllib.error.HTTPError as err:
        try:
            answer = json.loads(err.read() or b"{}")
        except (ValueError, OSError):
            answer = {}
        answer = answer if isinstance(answer, dict) else {}
        error_type = err.headers.get("x-amzn-ErrorType", "")
        if not (error_type or answer.get("__type") or answer.get("message")
                or answer.get("Message") or answer.get("Findings")):
            # Not an answer of ours: something else listens there (another emulator, a proxy).
            raise CommandError(
                f"{endpoint} answered HTTP {err.code} to {method} {path}, not as cfn-cognito "
                "does: is something else listening there? Start cfn-cognito with "
                "`cfn-cognito serve` (--port to choose another port) or pass --endpoint") from None
        raise Refused(err.code, answer, error_type) from None
    except (urllib.error.URLError, OSError) as err:
        reason = getattr(err, "reason", err)
        if isinstance(reason, ssl.SSLCertVerificationError):
            raise CommandError(f"the certificate of {endpoint} is not trusted "
                               f"({reason.verify_message}); for the local CA of "
                               "`cfn-cognito serve --https`, run "
                               "eval \"$(cfn-cognito ca env)\" first") from None
        raise CommandError(f"no cfn-cognito service answers at {endpoint} ({reason}); start "
                           "one with `cfn-cognito serve` or pass --endpoint") from None


def request(endpoint: str, method: str, path: str, body=None, *, timeout: float = 120) -> dict:
    """The JSON answer of the service ({} when it answered nothing)."""
    return exchange(endpoint, method, path, body, timeout=timeout)[1] or {}


def call(endpoint: str, target: str, body: dict, *, timeout: float = 30) -> dict:
    """One operation of the AWS JSON API, e.g. `call(e, "AmazonSSM.GetParameter", {...})`."""
    return exchange(endpoint, "POST", "/", body, timeout=timeout, headers={
        "Content-Type": "application/x-amz-json-1.1", "X-Amz-Target": target})[1] or {}
