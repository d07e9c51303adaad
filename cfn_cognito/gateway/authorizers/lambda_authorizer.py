"""Lambda authorizers: TOKEN and REQUEST on REST APIs, REQUEST (payload 1.0 or 2.0, IAM policy
or simple responses) on HTTP APIs.

A request missing an identity source gets 401 without the function being called; so does a
TOKEN that does not match IdentityValidationExpression, and a function that fails with the
message "Unauthorized". A policy that denies (or does not allow) the method ARN gets 403, a
simple response with isAuthorized false 403 too. Any other failure of the function, or an
answer of the wrong shape, is the authorizer's configuration error (500). Results are kept for
AuthorizerResultTtlInSeconds, keyed by the identity source values, in the store.
"""

from __future__ import annotations

import json
import logging
import re
import time

from cfn_cognito import lambdas
from cfn_cognito.gateway import config, events
from cfn_cognito.gateway.authorizers import policy, sources
from cfn_cognito.gateway.identity import Identity
from cfn_cognito.gateway.invocation import Invocation
from cfn_cognito.gateway.responses import GatewayError

LOG = logging.getLogger(__name__)

UNAUTHORIZED_MESSAGE = "Unauthorized"
EXPLICIT_DENY = "User is not authorized to access this resource with an explicit deny"


def _configuration_error(inv: Invocation, why: str) -> GatewayError:
    LOG.warning("gateway: authorizer %s of %s: %s", inv.operation.authorizer.name,
                inv.operation.route_key, why)
    return GatewayError("AUTHORIZER_CONFIGURATION_ERROR", log=why)


def _cache_key(inv: Invocation, found: list) -> str:
    """Where a result is kept: the routing table's generation (a redeploy starts afresh), the
    API, the authorizer and the identity source values."""
    gateway = inv.ctx.store.gateway
    return json.dumps([gateway.generation(), inv.api.id, inv.operation.authorizer.id, found])


def _invoke(inv: Invocation, event: dict) -> tuple[object, int]:
    authorizer = inv.operation.authorizer
    function = config.with_stage_variables(authorizer.function, inv.stage_variables)
    started = time.monotonic()
    try:
        result = lambdas.invoke(inv.ctx, function, event)
    except lambdas.FunctionNotFound as err:
        raise _configuration_error(inv, str(err)) from None
    except lambdas.FunctionError as err:
        if err.error_message == UNAUTHORIZED_MESSAGE:
            raise GatewayError("UNAUTHORIZED", log="the authorizer said Unauthorized") from None
        raise _configuration_error(inv, f"the function failed: {err}") from None
    return result, int((time.monotonic() - started) * 1000)


def authorize(inv: Invocation) -> Identity:
    authorizer = inv.operation.authorizer
    found = sources.values(inv, authorizer.sources)
    if authorizer.type == "TOKEN":
        token = found[0] or ""
        if not token:
            raise GatewayError("UNAUTHORIZED", log=f"no {authorizer.sources[0].name} header")
        if authorizer.validation and not re.fullmatch(authorizer.validation, token):
            raise GatewayError("UNAUTHORIZED", log="the token does not match "
                                                   "IdentityValidationExpression")
        make_event = lambda: events.token_authorizer_event(inv, token)  # noqa: E731
    else:
        if any(not value for value in found):
            raise GatewayError("UNAUTHORIZED", log="an identity source is missing")
        values = [value or "" for value in found]
        make_event = lambda: events.request_authorizer_event(inv, values)  # noqa: E731
    # Kept in the store: any worker process (or instance) answers from the same cache.
    caching = authorizer.ttl > 0 and bool(authorizer.sources)
    key = _cache_key(inv, list(found)) if caching else ""
    now = inv.ctx.clock()
    kept = inv.ctx.store.gateway.authorizer_result(key, now) if caching else None
    if kept is not None:
        result, latency = kept, 0
    else:
        result, latency = _invoke(inv, make_event())
        if caching:
            inv.ctx.store.gateway.keep_authorizer_result(key, result, now + authorizer.ttl, now)
    return _decide(inv, result, latency)


def _context(inv: Invocation, context) -> dict:
    if context is None:
        return {}
    if not isinstance(context, dict):
        raise _configuration_error(inv, "its context is not a map")
    if inv.is_http_api:
        return context
    out = {}
    for name, value in context.items():
        # REST APIs take strings, numbers and booleans only, and hand them on as strings.
        if isinstance(value, (dict, list)):
            raise _configuration_error(inv, f"context value {name} is an object or array")
        out[name] = ("true" if value else "false") if isinstance(value, bool) else \
            "" if value is None else str(value)
    return out


def _decide(inv: Invocation, result, latency: int) -> Identity:
    authorizer = inv.operation.authorizer
    if not isinstance(result, dict):
        raise _configuration_error(inv, "it did not return an object")
    if authorizer.simple_responses:
        allowed = result.get("isAuthorized")
        if not isinstance(allowed, bool):
            raise _configuration_error(inv, "its simple response has no boolean isAuthorized")
        if not allowed:
            raise GatewayError("ACCESS_DENIED", "Forbidden", log="isAuthorized is false")
        return Identity("lambda", context=_context(inv, result.get("context")),
                        latency_ms=latency)
    document = result.get("policyDocument")
    if "principalId" not in result or not policy.is_policy(document):
        raise _configuration_error(inv, "its answer has no principalId and policyDocument")
    decision = policy.evaluate(document, inv.method_arn())
    if decision == policy.DENY:
        raise GatewayError("ACCESS_DENIED", EXPLICIT_DENY, log="the policy denies it")
    if decision != policy.ALLOW:
        raise GatewayError("ACCESS_DENIED", log=f"the policy does not allow {inv.method_arn()}")
    return Identity("lambda", principal_id=str(result["principalId"]),
                    context=_context(inv, result.get("context")), latency_ms=latency,
                    usage_key=result.get("usageIdentifierKey"))
