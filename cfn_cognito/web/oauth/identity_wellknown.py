"""`GET /identity/.well-known/jwks_uri` and `/identity/.well-known/openid-configuration`: the
keys and discovery document of the identity pools' OpenID tokens (AWS serves them at
https://cognito-identity.amazonaws.com/.well-known/...; here `{base_url}/identity` is the
tokens' issuer)."""

from __future__ import annotations

import json

from flask import Blueprint, Response, current_app

from cfn_cognito.identity import openid, openid_keys

blueprint = Blueprint("identity_wellknown", __name__)

# Verifiers in browsers fetch these cross-origin.
HEADERS = {"Access-Control-Allow-Origin": "*"}


def _json(document: dict) -> Response:
    return Response(json.dumps(document, separators=(",", ":")), mimetype="application/json",
                    headers=HEADERS)


@blueprint.get("/identity/.well-known/jwks_uri")
def jwks():
    return _json(openid_keys.jwks(current_app.config["CFN_COGNITO_CONTEXT"]()))


@blueprint.get("/identity/.well-known/openid-configuration")
def openid_configuration():
    return _json(openid.discovery_document(current_app.config["CFN_COGNITO_CONTEXT"]()))
