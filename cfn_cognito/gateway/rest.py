"""A request to a REST API (v1): the method of the best-matching resource, its authorization,
API key and required parameters, then its integration."""

from __future__ import annotations

from cfn_cognito.gateway import authorizers, integrations
from cfn_cognito.gateway.identity import Identity
from cfn_cognito.gateway.invocation import Invocation
from cfn_cognito.gateway.parameters import RequestValues
from cfn_cognito.gateway.responses import GatewayError, Reply

API_KEY_HEADER = "x-api-key"


def handle(inv: Invocation) -> Reply:
    match = inv.api.routes.match(inv.path, inv.request.method)
    if match is None or match.operation is None:
        raise GatewayError("MISSING_AUTHENTICATION_TOKEN",
                           log=f"no method {inv.request.method} {inv.path}")
    inv.operation = match.operation
    inv.resource_path = match.resource_path
    inv.parameters = match.parameters
    identity = authorizers.authorize(inv)
    if inv.operation.api_key_required:
        _check_api_key(inv, identity)
    _check_parameters(inv)
    return integrations.run(inv, identity)


def _check_api_key(inv: Invocation, identity: Identity) -> None:
    if inv.api.api_key_source == "AUTHORIZER":
        key = identity.usage_key
    else:
        key = inv.request.header(API_KEY_HEADER)
    accepted = inv.api.api_keys.get(inv.stage.name, {})
    if not key or key not in accepted:
        raise GatewayError("INVALID_API_KEY", log="no API key of a usage plan of this stage")
    identity.api_key, identity.api_key_id = key, accepted[key]


def _check_parameters(inv: Invocation) -> None:
    validator = inv.operation.validator
    if validator is None or not validator.parameters:
        return
    values = RequestValues(inv)
    missing = [name.rpartition(".")[2] for name, required in inv.operation.request_parameters
               if required and not values.get(name)]
    if missing:
        raise GatewayError("BAD_REQUEST_PARAMETERS",
                           f"Missing required request parameters: [{', '.join(missing)}]")
