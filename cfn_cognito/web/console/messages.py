"""`/_cfn_cognito/messages`: the dev inbox as JSON.

`GET` answers `{"messages": [...]}`, newest last; `DELETE` removes them and answers
`{"deleted": n}`. Both take the same optional filters: `pool` (pool id), `username`, `to`
(the address, any case), `kind` (SignUp, ResendCode, ForgotPassword, AdminCreateUser,
UpdateUserAttribute, VerifyUserAttribute) and `since` (epoch seconds or ISO 8601; messages
sent at or after it).

No browser page of another origin can send the DELETE: it is not a method a form can use,
and no CORS preflight is answered here.
"""

from __future__ import annotations

import json

from flask import Blueprint, Response, current_app, request

from cfn_cognito.console.filters import BadFilter, from_query
from cfn_cognito.idp.accounts import inbox

blueprint = Blueprint("messages", __name__)


def _json(payload: dict, status: int = 200) -> Response:
    return Response(json.dumps(payload), status=status, mimetype="application/json",
                    headers={"Cache-Control": "no-store", "X-Content-Type-Options": "nosniff"})


@blueprint.route("/_cfn_cognito/messages", methods=["GET", "DELETE"])
def messages():
    ctx = current_app.config["CFN_COGNITO_CONTEXT"]()
    try:
        filters = from_query(request.args)
    except BadFilter as err:
        return _json({"message": str(err)}, 400)
    if request.method == "DELETE":
        return _json({"deleted": inbox.clear(ctx, **filters)})
    return _json({"messages": inbox.messages(ctx, **filters)})
