"""`GET /{poolId}/.well-known/jwks.json` and `/{poolId}/.well-known/openid-configuration`."""

from __future__ import annotations

import json

from flask import Blueprint, Response, current_app

from cfn_cognito.idp.issuer import discovery
from cfn_cognito.idp.issuer import keys
from cfn_cognito.idp.errors import ResourceNotFoundException
from cfn_cognito.oauth import hosts

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


# The discovery document's members that name hosted UI endpoints.
_HOSTED_ENDPOINTS = ("authorization_endpoint", "token_endpoint", "userinfo_endpoint")


def _openid_configuration(ctx, pool_id: str) -> dict:
    """The discovery document; when the pool has a domain its endpoints are the domain's
    (`http://{prefix}.auth.{region}.localhost:{port}`), as AWS's point at the pool's domain."""
    document = discovery.openid_configuration(ctx, pool_id)
    domain_url = hosts.pool_domain_url(ctx, pool_id)
    if domain_url:
        base = ctx.settings.base_url
        for member in _HOSTED_ENDPOINTS:
            document[member] = domain_url + document[member][len(base):]
    return document


@blueprint.get("/<pool_id>/.well-known/openid-configuration")
def openid_configuration(pool_id: str):
    return _answer(_openid_configuration, pool_id)
