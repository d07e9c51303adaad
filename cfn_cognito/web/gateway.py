"""The Flask side of the gateway: requests addressed to an API (by Host or by the
`/restapis/...` path) are answered before any other route sees them, and
`GET /_cfn_cognito/apis[?stack=NAME]` lists where the deployed APIs answer."""

from __future__ import annotations

import json
from urllib.parse import quote, urlsplit

from flask import Blueprint, Response, current_app, request
from werkzeug.exceptions import RequestEntityTooLarge

from cfn_cognito.cfn.errors import StackNotFound
from cfn_cognito.gateway import dispatch, endpoints
from cfn_cognito.gateway.request import GatewayRequest, target
from cfn_cognito.gateway.responses import Reply

blueprint = Blueprint("gateway", __name__)


def _context():
    return current_app.config["CFN_COGNITO_CONTEXT"]()


def _raw_path() -> tuple[str, str]:
    """(path, query) exactly as the client sent them."""
    uri = request.environ.get("REQUEST_URI") or request.environ.get("RAW_URI")
    if uri and uri.startswith("/"):
        path, _, query = uri.partition("?")
        return path, query
    if uri:
        parts = urlsplit(uri)     # absolute-form (a proxy's request line)
        return parts.path or "/", parts.query
    return quote(request.path), request.query_string.decode("latin-1")


def _response(reply: Reply) -> Response:
    response = Response(reply.body, status=reply.status, headers=reply.headers)
    if reply.header("Content-Type") is None:
        del response.headers["Content-Type"]
    return response


def route_request():
    """before_request: answer a request for an API; None for everything else."""
    path, query = _raw_path()
    found = target(request.host, path)
    if found is None:
        return None
    request.max_content_length = dispatch.MAX_BODY_BYTES + 1
    try:
        body = request.get_data(cache=False)
    except RequestEntityTooLarge:
        return _response(Reply(413, [("Content-Type", "application/json")],
                               b'{"message":"Request Too Long"}'))
    gateway_request = GatewayRequest(
        method=request.method, raw_path=path, query=query, headers=list(request.headers.items()),
        body=body, source_ip=request.remote_addr or "", host=request.host, scheme=request.scheme)
    return _response(dispatch.handle(_context(), gateway_request, found))


@blueprint.get("/_cfn_cognito/apis")
def apis():
    ctx = _context()
    stack_name = request.args.get("stack")
    answer = endpoints.describe(ctx, stack_name)
    if stack_name:
        doc = ctx.store.stacks.latest(stack_name)
        if doc is None:
            err = StackNotFound(stack_name)
            return Response(json.dumps(err.body()), status=err.status, mimetype="application/json")
        answer["Outputs"] = endpoints.outputs(ctx, doc)
    return Response(json.dumps(answer), mimetype="application/json")
