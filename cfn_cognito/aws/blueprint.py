"""Flask adapter for the AWS JSON protocol on `POST /` (with CORS, as browsers call Cognito)."""

from __future__ import annotations

from flask import Blueprint, Response, current_app, request

from cfn_cognito.aws import protocol

blueprint = Blueprint("aws", __name__)

CORS_HEADERS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Allow-Methods": "POST, OPTIONS",
    "Access-Control-Allow-Headers": "*",
    "Access-Control-Expose-Headers": "x-amzn-RequestId, x-amzn-ErrorType, x-amzn-ErrorMessage, Date",
    "Access-Control-Max-Age": "86400",
}


@blueprint.route("/", methods=["POST"])
def aws_json():
    status, headers, body = protocol.handle(
        request.headers.get("X-Amz-Target", ""),
        request.headers.get("Content-Type", ""),
        request.get_data(cache=False),
        current_app.config["CFN_COGNITO_CONTEXT"],
    )
    return Response(body, status=status, headers={**headers, **CORS_HEADERS})


@blueprint.route("/", methods=["OPTIONS"])
def aws_preflight():
    return Response(b"", status=200, headers=CORS_HEADERS)
