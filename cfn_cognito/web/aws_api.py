"""Flask adapter for the AWS protocols on `POST /`: JSON (Cognito, with CORS, as browsers call
it) and query (CloudFormation)."""

from __future__ import annotations

from flask import Blueprint, Response, current_app, request
from werkzeug.exceptions import RequestEntityTooLarge

from cfn_cognito.aws import protocol, query_protocol
from cfn_cognito.aws.protocol import CORS_HEADERS

blueprint = Blueprint("aws", __name__)


# Flask would answer OPTIONS for this route itself, without the CORS headers.
@blueprint.route("/", methods=["POST"], provide_automatic_options=False)
def aws_json():
    target = request.headers.get("X-Amz-Target", "")
    content_type = request.headers.get("Content-Type", "")
    # Without a target, the request may be the query protocol's (CloudFormation).
    authorization = "" if target else request.headers.get("Authorization", "")
    limit = current_app.config["MAX_CONTENT_LENGTH"]
    try:
        data = request.get_data(cache=False)
    except RequestEntityTooLarge:
        answer = None if target else query_protocol.too_large(content_type, authorization, limit)
        status, headers, body = answer or protocol.too_large(target, limit)
    else:
        make = current_app.config["CFN_COGNITO_CONTEXT"]
        client_ip = request.remote_addr or ""

        def context(request_id: str = ""):
            return make(request_id, client_ip)

        answer = None if target else query_protocol.answer(content_type, authorization, data,
                                                           context)
        status, headers, body = answer or protocol.handle(target, content_type, data, context)
    return Response(body, status=status, headers={**headers, **CORS_HEADERS})


@blueprint.route("/", methods=["OPTIONS"])
def aws_preflight():
    headers = dict(CORS_HEADERS)
    asked = request.headers.get("Access-Control-Request-Headers")
    if asked:
        # "*" does not cover Authorization; naming what the browser asks for does.
        headers["Access-Control-Allow-Headers"] = asked
    return Response(b"", status=200, headers=headers)
