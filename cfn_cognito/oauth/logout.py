"""GET /logout: end the browser's hosted UI session, then go to the client's `logout_uri`
(one of its LogoutURLs) or, given `redirect_uri` and `response_type`, back to the sign-in page
(redirect_uri one of its CallbackURLs). Unregistered URLs get the error page, never a
redirect."""

from __future__ import annotations

from typing import Mapping

from cfn_cognito.context import Context
from cfn_cognito.idp.issuer import hosted_sessions as sessions
from cfn_cognito.oauth import authorize
from cfn_cognito.oauth.errors import AuthorizeError, InvalidRequestError
from cfn_cognito.oauth.reply import Cookie, Reply, redirect


def logout(ctx: Context, params: Mapping, host_pool_id: str | None, session_id: str | None,
           base_url: str) -> Reply:
    _, client = authorize.resolve_client(ctx, params.get("client_id"), host_pool_id)
    logout_uri = params.get("logout_uri")
    if logout_uri is not None:
        target = authorize.check_redirect(client, logout_uri, "LogoutURLs")
    elif params.get("redirect_uri") is not None and params.get("response_type"):
        authorize.check_redirect(client, params.get("redirect_uri"))
        target = f"{base_url}/login?{authorize.carried_query(params)}"
    else:
        raise AuthorizeError(InvalidRequestError("logout needs logout_uri, or redirect_uri and "
                                                 "response_type"), client_id=client["ClientId"])
    sessions.end(ctx, session_id)
    return redirect(target, [Cookie(sessions.COOKIE, "", max_age=0)])
