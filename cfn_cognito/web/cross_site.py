"""Refusing what a page of another site could make a developer's browser do to the service.

A browser sends a page's form posts (and `fetch` calls with a plain body) to any address,
localhost included, without asking first; and the AWS JSON API answers CORS preflights for
every origin, as AWS does, so that browser SDKs can sign users in. Unguarded, any site a
developer visits while the service runs could empty the store (`/_cfn_cognito/reset`),
register a function and run it (`/_cfn_cognito/functions`, the Lambda API), deploy a stack
(CloudFormation's query protocol on `POST /`) or call the admin operations (which AWS would
take only signed, and which this service does not check signatures of).

Such requests carry the page's `Origin` (and `Sec-Fetch-Site`). Tools (the CLI, SDKs, curl)
send neither, and pages of this machine (`localhost`, loopback addresses) or of the service
itself are the developer's own: all of those pass. (An `Origin` equal to `Host` is the
service's own only because the Host guard, host_guard.py, has already refused every host
name that is not the service's: a DNS-rebound page would otherwise pass as same-origin.) Pages of other sites get:
- 403 on the developer endpoints;
- on the AWS JSON API, only the operations AWS serves unsigned (InitiateAuth, SignUp, GetUser,
  GetId...: the model marks them), as on AWS, where such a page holds no credentials;
  others are refused with MissingAuthenticationTokenException.
Not guarded here: the hosted UI (its forms carry CSRF tokens), /oauth2/* (single-page apps of
any origin call it) and the APIs of the local API Gateway (their own CORS settings apply).
"""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

from flask import Response, request

from cfn_cognito.aws import protocol
from cfn_cognito.aws.protocol import CORS_HEADERS
from cfn_cognito.errors import MissingAuthenticationTokenException

# Methods a page cannot send to another origin without a CORS preflight (which the
# developer endpoints never grant) are safe already; these it can.
_UNSAFE = {"POST", "PUT", "DELETE", "PATCH"}
_DEVELOPER_PREFIXES = ("/_cfn_cognito/", "/2015-03-31/")
REFUSED = b'{"message": "Cross-site request refused: this developer endpoint only takes ' \
          b'requests from tools and from the service\'s own pages."}'
UNSIGNED = ("Missing Authentication Token: a page of another site may call only the "
            "operations AWS serves without credentials.")


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


def _from_another_site() -> bool:
    origin = request.headers.get("Origin")
    return request.headers.get("Sec-Fetch-Site") == "cross-site" or (
        origin is not None and _foreign(origin))


def refuse_cross_site():
    """before_request: the refusal of a request another site's page made, else None."""
    if request.method not in _UNSAFE:
        return None
    target = request.headers.get("X-Amz-Target")
    if request.path == "/" and target:
        if _from_another_site() and protocol.needs_credentials(target):
            status, headers, body = protocol.refusal(
                target, MissingAuthenticationTokenException(UNSIGNED))
            return Response(body, status=status, headers={**headers, **CORS_HEADERS})
        return None
    # POST / without a target is the query protocol (CloudFormation).
    developer = request.path == "/" or request.path.startswith(_DEVELOPER_PREFIXES)
    if developer and _from_another_site():
        return Response(REFUSED, 403, mimetype="application/json",
                        headers={"X-Content-Type-Options": "nosniff"})
    return None
