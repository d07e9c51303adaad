"""`GET /_cfn_cognito/`: the developer console, one server-rendered page.

Pools with their clients and users, and the inbox with its codes. The page refreshes its
live parts itself (a small inline script fetches them, `?part=live`, every few seconds;
without script, a meta refresh), and changes nothing, so it needs no CSRF token. It is a Jinja
template (autoescaped) with no external asset; its script and style run by a per-response
nonce under a strict Content-Security-Policy.
"""

from __future__ import annotations

import secrets

from flask import Blueprint, Response, current_app, render_template, request

from cfn_cognito import __version__
from cfn_cognito.console.overview import MESSAGES_SHOWN, USERS_SHOWN, overview
from cfn_cognito.web.oauth.flask_glue import SECURITY_HEADERS

blueprint = Blueprint("console", __name__, template_folder="templates")

REFRESH_SECONDS = 2
CSP = ("default-src 'none'; script-src 'nonce-{nonce}'; style-src 'nonce-{nonce}'; "
       "connect-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; "
       "frame-ancestors 'none'")


@blueprint.get("/_cfn_cognito/")
def console():
    ctx = current_app.config["CFN_COGNITO_CONTEXT"]()
    view = overview(ctx, request.args.get("pool") or None, request.args.get("username") or None)
    nonce = secrets.token_urlsafe(16)
    # `part=live`: only the parts the page's script swaps in (no style or script of its own).
    template = "console/live.html" if request.args.get("part") == "live" else "console/index.html"
    html = render_template(template, nonce=nonce, version=__version__,
                           endpoint=request.host_url.rstrip("/"), refresh=REFRESH_SECONDS,
                           users_shown=USERS_SHOWN, messages_shown=MESSAGES_SHOWN, **view)
    headers = {**SECURITY_HEADERS, "Cache-Control": "no-store",
               "Content-Security-Policy": CSP.format(nonce=nonce)}
    return Response(html, mimetype="text/html", headers=headers)
