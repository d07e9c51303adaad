"""A request to an HTTP API (v2): CORS preflight, the best-matching route (else the $default
route, else 404), its authorization, then its integration; CORS headers on the answer."""

from __future__ import annotations

from urllib.parse import unquote

from cfn_cognito.gateway import authorizers, cors, integrations
from cfn_cognito.gateway.invocation import Invocation
from cfn_cognito.gateway.model import DEFAULT_ROUTE
from cfn_cognito.gateway.responses import GatewayError, Reply


def handle(inv: Invocation) -> Reply:
    api, request = inv.api, inv.request
    if api.cors is not None and cors.is_preflight(request):
        return cors.preflight(api.cors, request)
    match = api.routes.match(inv.path, request.method)
    if match is not None and match.operation is not None:
        inv.operation = match.operation
        inv.resource_path = match.resource_path
        inv.parameters = {name: unquote(value) for name, value in match.parameters.items()}
    elif api.default_route is not None:
        inv.operation = api.default_route
        inv.resource_path = DEFAULT_ROUTE
    else:
        raise GatewayError("MISSING_AUTHENTICATION_TOKEN",
                           log=f"no route for {request.method} {inv.decoded_path}")
    identity = authorizers.authorize(inv)
    return integrations.run(inv, identity)
