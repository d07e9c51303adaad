"""`GET /_cfn_cognito/messages`: the dev inbox as JSON, `{"messages": [...]}`, newest last.

Optional query parameters narrow it: `pool` (pool id), `username`, `kind` (SignUp,
ResendCode, ForgotPassword, AdminCreateUser, UpdateUserAttribute, VerifyUserAttribute).
"""

from __future__ import annotations

import json

from flask import Blueprint, Response, current_app, request

from cfn_cognito.idp import inbox

blueprint = Blueprint("messages", __name__)


@blueprint.get("/_cfn_cognito/messages")
def messages():
    ctx = current_app.config["CFN_COGNITO_CONTEXT"]()
    found = inbox.messages(ctx, request.args.get("pool"), request.args.get("username"),
                           request.args.get("kind"))
    return Response(json.dumps({"messages": found}), mimetype="application/json")
