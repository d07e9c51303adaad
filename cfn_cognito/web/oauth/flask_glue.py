"""The thin Flask side of the OAuth core: request context, which pool the Host names, and
turning a Reply into a response with the hosted UI's security headers and cookies."""

from __future__ import annotations

from flask import Response, current_app, g, request

from cfn_cognito.context import Context
from cfn_cognito.oauth import hosts
from cfn_cognito.oauth.errors import AuthorizeError, RedirectMismatchError
from cfn_cognito.oauth.reply import Cookie, Reply, redirect, with_params

SECURITY_HEADERS = {
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}
# Pages: styles and scripts only with the response's nonce (the one script is the passkey
# page's own, for navigator.credentials), never inside a frame.
# (No form-action: Chromium applies it to the redirect after the sign-in form, to the app.)
PAGE_CSP = ("default-src 'none'; style-src 'nonce-{nonce}'; script-src 'nonce-{nonce}'; "
            "img-src 'self' data:; base-uri 'none'; frame-ancestors 'none'")
API_CSP = "default-src 'none'; frame-ancestors 'none'"


def context() -> Context:
    return current_app.config["CFN_COGNITO_CONTEXT"](client_ip=request.remote_addr or "")


def host_pool_id() -> str | None:
    """The pool whose domain this request came to, or None at the service's own address."""
    if "cfn_host_pool" not in g:
        g.cfn_host_pool = hosts.pool_of_host(context(), request.host)
    return g.cfn_host_pool


def base_url() -> str:
    """Scheme and host this request came to (a pool's domain or the service's address)."""
    return request.host_url.rstrip("/")


def route_host():
    """before_request: a `*.auth.{region}.localhost` name that is no pool's domain gets 404,
    as an unknown Cognito domain does not resolve at all."""
    if not hosts.is_domain_host(request.host):
        return None
    try:
        host_pool_id()
    except hosts.UnknownDomain:
        return Response("No user pool has this domain.\n", 404, mimetype="text/plain",
                        headers=SECURITY_HEADERS)
    return None


def respond(reply: Reply, csp: str = API_CSP) -> Response:
    response = Response(reply.body, status=reply.status)
    response.headers.pop("Content-Type", None)
    for name, value in {**SECURITY_HEADERS, "Content-Security-Policy": csp,
                        **reply.headers}.items():
        response.headers[name] = value
    for cookie in reply.cookies:
        set_cookie(response, cookie)
    return response


def set_cookie(response: Response, cookie: Cookie) -> None:
    response.set_cookie(cookie.name, cookie.value, max_age=cookie.max_age, path="/",
                        httponly=True, samesite="Lax", secure=request.is_secure)


def authorize_error(err: AuthorizeError) -> Response:
    """An authorize-stage error: to the app when its redirect_uri is a registered one,
    otherwise to the error page (never to an unregistered URI)."""
    if err.redirect_uri and not isinstance(err.error, RedirectMismatchError):
        return respond(err.error.redirect_reply(err.redirect_uri, err.state,
                                                fragment=err.fragment))
    params = {"error": err.error.error, "client_id": err.client_id}
    return respond(redirect(with_params(f"{base_url()}/error", params)))
