"""The gateway's entry point: a request for an API, answered.

    reply = dispatch.handle(ctx, request, target)

Finds the API and stage the request addresses (request.target), runs it through the REST or
HTTP API flow, turns a GatewayError into the API's error response, and adds the request ids
API Gateway puts on every answer. Logs one line per request (the reason of a refusal too).
"""

from __future__ import annotations

import logging
import time

from cfn_cognito.context import Context
from cfn_cognito.gateway import cors, events, http_api, rest, table
from cfn_cognito.gateway.invocation import Invocation
from cfn_cognito.gateway.model import DEFAULT_STAGE, HTTP, Api
from cfn_cognito.gateway.parameters import RequestValues
from cfn_cognito.gateway.request import GatewayRequest, Target, split_stage
from cfn_cognito.gateway.responses import (
    GatewayError,
    Reply,
    http_error,
    json_reply,
    rest_error,
)

LOG = logging.getLogger(__name__)

MAX_BODY_BYTES = 10 * 1024 * 1024     # API Gateway's payload limit


def _stage_and_path(api: Api, target: Target) -> tuple[str, str]:
    if target.stage is not None:
        return target.stage, target.path
    first, rest_of_path = split_stage(target.path)
    if api.protocol == HTTP and (first == DEFAULT_STAGE or first not in api.stages):
        return DEFAULT_STAGE, target.path
    return first, rest_of_path


def handle(ctx: Context, request: GatewayRequest, target: Target) -> Reply:
    started = time.monotonic()
    api = table.current(ctx).apis.get(target.api_id)
    if api is None:
        return json_reply(404, {"message": f"No API with id {target.api_id} is deployed here"})
    stage_name, path = _stage_and_path(api, target)
    stage = api.stages.get(stage_name)
    if stage is None or api.endpoint_disabled:
        why = "its execute-api endpoint is disabled" if api.endpoint_disabled else \
            f"it has no stage {stage_name!r} (stages: {', '.join(api.stages) or 'none'})"
        LOG.info("gateway: %s %s: API %s: %s", request.method, request.raw_path, api.id, why)
        if api.protocol == HTTP and not api.endpoint_disabled:
            return json_reply(404, {"message": "Not Found"})
        return json_reply(403, {"message": "Forbidden"})
    inv = Invocation(ctx, api, stage, request, path, started=ctx.clock())
    try:
        if len(request.body) > MAX_BODY_BYTES:
            raise GatewayError("REQUEST_TOO_LARGE")
        reply = http_api.handle(inv) if api.protocol == HTTP else rest.handle(inv)
        outcome = ""
    except GatewayError as err:
        reply = _error_reply(inv, err)
        outcome = f" ({err.kind}: {err.log or err.message})"
    if api.protocol == HTTP:
        if api.cors is not None and not cors.is_preflight(request):
            cors.decorate(api.cors, request, reply)
        reply.set_header("Apigw-Requestid", inv.extended_request_id)
    else:
        reply.set_header("x-amzn-RequestId", inv.request_id)
        reply.set_header("x-amz-apigw-id", inv.extended_request_id)
    LOG.info("gateway: %s/%s %s %s -> %s (%s) in %.1f ms%s", api.id, stage.name,
             request.method, path, reply.status,
             inv.operation.route_key if inv.operation else "no route",
             (time.monotonic() - started) * 1000, outcome)
    return reply


def _error_reply(inv: Invocation, err: GatewayError) -> Reply:
    if inv.is_http_api:
        return http_error(err)
    context = events.template_context(inv, None)
    return rest_error(inv.api, err, context, RequestValues(inv, context).get, inv.stage_variables)
