"""`GET /{poolId}/.well-known/jwks.json` and `/{poolId}/.well-known/openid-configuration`."""

from __future__ import annotations

import json

from flask import Blueprint, Response, current_app

from cfn_cognito.idp import discovery, keys
from cfn_cognito.idp.errors import ResourceNotFoundException

blueprint = Blueprint("wellknown", __name__)

# Browsers' OIDC libraries fetch these cross-origin.
HEADERS = {"Access-Control-Allow-Origin": "*"}


def _answer(document_of, pool_id: str) -> Response:
    ctx = current_app.config["CFN_COGNITO_CONTEXT"]()
    try:
        document, status = document_of(ctx, pool_id), 200
    except ResourceNotFoundException as err:
        document, status = {"message": err.message}, 404
    body = json.dumps(document, separators=(",", ":"))
    return Response(body, status=status, mimetype="application/json", headers=HEADERS)


@blueprint.get("/<pool_id>/.well-known/jwks.json")
def jwks(pool_id: str):
    return _answer(keys.jwks, pool_id)


@blueprint.get("/<pool_id>/.well-known/openid-configuration")
def openid_configuration(pool_id: str):
    return _answer(discovery.openid_configuration, pool_id)
