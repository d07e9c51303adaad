"""The OAuth 2.0 endpoints: `/oauth2/authorize`, `/oauth2/token`, `/oauth2/userInfo` and
`/oauth2/revoke`, at the service's root and on every pool's domain."""

from __future__ import annotations

from flask import Blueprint, request

from cfn_cognito.idp.issuer import hosted_sessions as sessions
from cfn_cognito.oauth import authorize, revoke, token_endpoint, userinfo
from cfn_cognito.oauth.errors import AuthorizeError
from cfn_cognito.oauth.reply import Reply
from cfn_cognito.web.oauth.flask_glue import (
    authorize_error,
    base_url,
    context,
    host_pool_id,
    respond,
)

blueprint = Blueprint("oauth2", __name__)

# Single-page apps call these from their own origin (PKCE code exchange, userInfo).
CORS = {"Access-Control-Allow-Origin": "*"}
PREFLIGHT = {**CORS, "Access-Control-Allow-Methods": "GET, POST, OPTIONS",
             "Access-Control-Allow-Headers": "Authorization, Content-Type",
             "Access-Control-Max-Age": "3600"}


def _with_cors(reply: Reply):
    reply.headers.update(CORS)
    return respond(reply)


def _preflight():
    return respond(Reply(204, "", dict(PREFLIGHT)))


@blueprint.get("/oauth2/authorize")
def oauth2_authorize():
    ctx = context()
    try:
        reply = authorize.authorize(ctx, request.args, host_pool_id(),
                                    request.cookies.get(sessions.COOKIE), base_url())
    except AuthorizeError as err:
        return authorize_error(err)
    return respond(reply)


@blueprint.route("/oauth2/token", methods=["POST", "OPTIONS"])
def oauth2_token():
    if request.method == "OPTIONS":
        return _preflight()
    return _with_cors(token_endpoint.token(
        context(), request.form, content_type=request.content_type or "",
        authorization=request.headers.get("Authorization"), host_pool_id=host_pool_id()))


@blueprint.route("/oauth2/userInfo", methods=["GET", "POST", "OPTIONS"])
def oauth2_userinfo():
    if request.method == "OPTIONS":
        return _preflight()
    return _with_cors(userinfo.userinfo(context(), request.headers.get("Authorization"),
                                        host_pool_id()))


@blueprint.route("/oauth2/revoke", methods=["POST", "OPTIONS"])
def oauth2_revoke():
    if request.method == "OPTIONS":
        return _preflight()
    return _with_cors(revoke.revoke(context(), request.form,
                                    authorization=request.headers.get("Authorization"),
                                    host_pool_id=host_pool_id()))
