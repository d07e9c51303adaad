"""Refusing cross-site requests to the developer endpoints.

A browser sends a page's form posts (and `fetch` calls with a plain body) to any address,
localhost included, without asking first. Without this guard, any site a developer visits
while the service runs could empty the store (`/_cfn_cognito/reset`), register a function and
run it (`/_cfn_cognito/functions`, the Lambda API) or deploy a stack (CloudFormation's query
protocol on `POST /`). Such requests carry the page's `Origin` (and `Sec-Fetch-Site`); tools
(the CLI, SDKs, curl) send neither, and the service's own pages send their own origin.

The public surfaces are not guarded here: the AWS JSON API (its X-Amz-Target header needs a
CORS preflight, which it answers for browser SDKs, as AWS does), the hosted UI (its forms
carry CSRF tokens), /oauth2/* (called by single-page apps of any origin) and the APIs of the
local API Gateway.
"""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

from flask import Response, request

# Methods a page cannot send to another origin without a CORS preflight (which the
# developer endpoints never grant) are safe already; these it can.
_UNSAFE = {"POST", "PUT", "DELETE", "PATCH"}
_DEVELOPER_PREFIXES = ("/_cfn_cognito/", "/2015-03-31/")
REFUSED = b'{"message": "Cross-site request refused: this developer endpoint only takes ' \
          b'requests from tools and from the service\'s own pages."}'


def _developer_endpoint() -> bool:
    if request.path.startswith(_DEVELOPER_PREFIXES):
        return True
    # POST / without a target is the query protocol (CloudFormation).
    return request.path == "/" and not request.headers.get("X-Amz-Target")


def _local(hostname: str) -> bool:
    if hostname == "localhost" or hostname.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(hostname).is_loopback
    except ValueError:
        return False


def _foreign(origin: str) -> bool:
    """Whether a page of this origin is not one of this machine's or the service's own."""
    parts = urlsplit(origin)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return True     # "null": sandboxed frames, file:// pages, redirects across sites
    return parts.netloc != request.host and not _local(parts.hostname)


def refuse_cross_site():
    """before_request: a 403 for a cross-site request to a developer endpoint, else None."""
    if request.method not in _UNSAFE or not _developer_endpoint():
        return None
    origin = request.headers.get("Origin")
    if request.headers.get("Sec-Fetch-Site") == "cross-site" or (
            origin is not None and _foreign(origin)):
        return Response(REFUSED, 403, mimetype="application/json",
                        headers={"X-Content-Type-Options": "nosniff"})
    return None
