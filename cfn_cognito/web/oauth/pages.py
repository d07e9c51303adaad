"""The hosted UI's pages: sign-in, sign-up, confirming an account, a forgotten password, the
new password of a FORCE_CHANGE_PASSWORD user, sign-out and the error page.

Every page takes the authorization request's parameters in its query (as AWS's do), checks
them as /oauth2/authorize does, and carries them on to the next page; signing in ends with
the answer to the app. Forms are CSRF-protected; pages are Jinja templates (autoescaped)
with no external asset and no script but the passkey page's own (run by its CSP nonce).
"""

from __future__ import annotations

import functools
import secrets

from flask import Blueprint, Response, render_template, request
from flask import redirect as flask_redirect

from cfn_cognito.errors import AwsError
from cfn_cognito.idp.issuer import hosted_sessions as sessions
from cfn_cognito.oauth import accounts, authorize, csrf, logout, mfa_step, passkey_step, signin
from cfn_cognito.oauth.errors import AuthorizeError
from cfn_cognito.oauth.reply import NO_STORE, Cookie
from cfn_cognito.web.oauth.flask_glue import (
    PAGE_CSP,
    SECURITY_HEADERS,
    authorize_error,
    base_url,
    context,
    host_pool_id,
    respond,
    set_cookie,
)

blueprint = Blueprint("hosted_ui", __name__, template_folder="templates")

FORM_EXPIRED = "This form has expired. Please try again."
PASSWORDS_DIFFER = "The passwords do not match."
CONFIRMED = "Your account has been confirmed. Sign in to continue."
# What the error page says for the error codes it is sent with.
ERROR_DETAILS = {
    "redirect_mismatch": "The redirect URI is not one of the app client's registered "
                         "callback or sign-out URLs.",
    "invalid_request": "The request is missing a parameter or names an unknown app client.",
}


class Page:
    """One request to a page: the checked authorization request and the browser's cookies."""

    def __init__(self):
        self.ctx = context()
        self.areq = authorize.parse(self.ctx, request.args, host_pool_id())
        self.csrf_cookie = request.cookies.get(csrf.COOKIE)
        self.new_csrf_cookie = None

    def form(self, name: str) -> str:
        return request.form.get(name, "").strip()

    def secret(self, name: str) -> str:
        """A password field: taken as typed, spaces included."""
        return request.form.get(name, "")

    def form_is_genuine(self) -> bool:
        return csrf.valid(self.ctx, self.csrf_cookie, request.form.get(csrf.FIELD))

    def render(self, template: str, status: int = 200, **values) -> Response:
        if not self.csrf_cookie:
            self.csrf_cookie = self.new_csrf_cookie = csrf.new_cookie(self.ctx)
        nonce = secrets.token_urlsafe(16)
        pool, client = self.areq.pool, self.areq.client
        html = render_template(
            template, query=self.areq.query, csrf_field=csrf.FIELD,
            csrf_token=csrf.token_for(self.ctx, self.csrf_cookie), csp_nonce=nonce,
            client_name=client.get("ClientName", ""),
            can_sign_up=not (pool.get("AdminCreateUserConfig") or {}).get(
                "AllowAdminCreateUserOnly"),
            username_field=accounts.username_field(pool),
            passkeys=passkey_step.offered(self.ctx, self.areq), **values)
        response = page_response(html, status, nonce)
        if self.new_csrf_cookie:
            set_cookie(response, Cookie(csrf.COOKIE, self.new_csrf_cookie))
        return response

    def step(self, step: signin.Step) -> Response:
        """Show the page a step leads to, or, signed in, answer the app."""
        if step.page == signin.DONE:
            return self.finish(step.user)
        template = {signin.CONFIRM: "confirm.html", signin.NEW_PASSWORD: "new_password.html",
                    accounts.CONFIRM_FORGOT_PASSWORD: "confirm_forgot_password.html",
                    accounts.LOGIN: "login.html", mfa_step.MFA: "mfa.html",
                    passkey_step.PASSKEY: "passkey.html"}[step.page]
        response = self.render(template, **step.values)
        if step.page == signin.CONFIRM and step.user is not None:
            # Entering the code in this browser will sign in the user who proved the password.
            pending = sessions.start(self.ctx, self.areq.pool["Id"], step.user.sub,
                                     confirming=True)
            set_cookie(response, Cookie(sessions.COOKIE, pending,
                                        max_age=sessions.LIFETIME_SECONDS))
        return response

    def finish(self, user) -> Response:
        """The user signed in: a fresh hosted UI session, then the app's code or tokens (or,
        first, managed login's offer to add a passkey: its "Not now" goes on to the app
        through the session)."""
        sessions.end(self.ctx, request.cookies.get(sessions.COOKIE))
        session_id = sessions.start(self.ctx, self.areq.pool["Id"], user.sub,
                                    client_id=self.areq.client["ClientId"])
        cookie = Cookie(sessions.COOKIE, session_id, max_age=sessions.LIFETIME_SECONDS)
        offer = passkey_step.prompt(self.ctx, self.areq, user)
        if offer is not None:
            response = self.render("passkey_add.html", **offer)
            set_cookie(response, cookie)
            return response
        auth_time = self.ctx.now()
        sso = sessions.sso_session_id(self.ctx, session_id, self.areq.pool["Id"])
        return respond(authorize.complete(self.ctx, self.areq, user, auth_time, [cookie],
                                          sso_session=sso))


def page(view):
    """Run a page view with its Page; authorization request errors go where they belong."""
    @functools.wraps(view)
    def wrapper():
        try:
            return view(Page())
        except AuthorizeError as err:
            return authorize_error(err)
    return wrapper


# -- sign-in ------------------------------------------------------------------------------

@blueprint.route("/login", methods=["GET", "POST"])
@page
def login(p: Page):
    if not authorize.can_sign_in_here(p.areq):
        return p.render("error.html", 400, message=authorize.NO_LOGIN_OPTION)
    if request.method == "GET":
        cookie = request.cookies.get(sessions.COOKIE)
        user, record = authorize.signed_in_user(p.ctx, p.areq, cookie)
        if user is not None:
            sso = sessions.sso_session_id(p.ctx, cookie, p.areq.pool["Id"])
            return respond(authorize.complete(p.ctx, p.areq, user, record.auth_time,
                                              sso_session=sso))
        return p.render("login.html")
    username = p.form("username")
    if not p.form_is_genuine():
        return p.render("login.html", 403, username=username, error=FORM_EXPIRED)
    try:
        return p.step(signin.password(p.ctx, p.areq, username, p.secret("password")))
    except AwsError as err:
        return p.render("login.html", 400, username=username, error=err.message)


@blueprint.route("/newPassword", methods=["GET", "POST"])
@page
def new_password(p: Page):
    if request.method == "GET":
        return flask_redirect(f"{base_url()}/login?{p.areq.query}")
    required = [name for name in request.form.getlist("required") if name]
    values = {"username": p.form("username"), "session": p.form("session"),
              "required": required}
    if not p.form_is_genuine():
        return p.render("new_password.html", 403, error=FORM_EXPIRED, **values)
    if p.secret("password") != p.secret("password_again"):
        return p.render("new_password.html", 400, error=PASSWORDS_DIFFER, **values)
    given = {name: p.form(f"attr:{name}") for name in required}
    try:
        return p.step(signin.set_new_password(p.ctx, p.areq, values["session"],
                                              p.secret("password"), given))
    except AwsError as err:
        return p.render("new_password.html", 400, error=err.message, **values)


@blueprint.route("/passkey", methods=["GET", "POST"])
@page
def passkey(p: Page):
    if request.method == "GET" or not passkey_step.offered(p.ctx, p.areq):
        return flask_redirect(f"{base_url()}/login?{p.areq.query}")
    username = p.form("username")
    if not p.form_is_genuine():
        return p.render("login.html", 403, username=username, error=FORM_EXPIRED)
    try:
        if p.form("action") == "answer":
            return p.step(passkey_step.answer(p.ctx, p.areq, username, p.form("session"),
                                              request.form.get("credential", "")))
        return p.step(passkey_step.start(p.ctx, p.areq, username))
    except AwsError as err:
        return p.render("login.html", 400, username=username, error=err.message)


@blueprint.route("/passkeyAdd", methods=["GET", "POST"])
@page
def passkey_add(p: Page):
    """The answer to the add-a-passkey page, from the browser that just signed in."""
    user, _ = authorize.signed_in_user(p.ctx, p.areq, request.cookies.get(sessions.COOKIE))
    if request.method == "GET" or user is None or not p.form_is_genuine():
        return flask_redirect(f"{base_url()}/login?{p.areq.query}")
    try:
        passkey_step.add(p.ctx, p.areq, user, request.form.get("credential", ""))
    except AwsError as err:
        offer = passkey_step.prompt(p.ctx, p.areq, user)
        if offer is None:
            return flask_redirect(f"{base_url()}/login?{p.areq.query}")
        return p.render("passkey_add.html", 400, error=err.message, **offer)
    return flask_redirect(f"{base_url()}/login?{p.areq.query}")


@blueprint.route("/mfa", methods=["GET", "POST"])
@page
def mfa(p: Page):
    if request.method == "GET":
        return flask_redirect(f"{base_url()}/login?{p.areq.query}")
    values = {name: p.form(name) for name in ("username", "challenge", "session", "secret",
                                              "destination")}
    values["methods"] = [m for m in request.form.getlist("methods") if m]
    shown = mfa_step.page_values(p.areq, values)
    if not p.form_is_genuine():
        return p.render("mfa.html", 403, error=FORM_EXPIRED, **shown)
    try:
        return p.step(mfa_step.answer(p.ctx, p.areq, values, p.form("code"), p.form("choice")))
    except AwsError as err:
        return p.render("mfa.html", 400, error=err.message, **shown)


# -- sign-up ------------------------------------------------------------------------------

@blueprint.route("/signup", methods=["GET", "POST"])
@page
def signup(p: Page):
    fields = accounts.sign_up_fields(p.areq.pool)
    if request.method == "GET":
        return p.render("signup.html", fields=fields, values={})
    username = p.form("username")
    values = {f.name: p.form(f"attr:{f.name}") for f in fields}
    shown = {"fields": fields, "values": values, "username": username}
    if not p.form_is_genuine():
        return p.render("signup.html", 403, error=FORM_EXPIRED, **shown)
    try:
        return p.step(accounts.register(p.ctx, p.areq, username, p.secret("password"), values))
    except AwsError as err:
        return p.render("signup.html", 400, error=err.message, **shown)


@blueprint.route("/confirm", methods=["GET", "POST"])
@page
def confirm(p: Page):
    if request.method == "GET":
        return p.render("confirm.html", username=request.args.get("username", ""))
    username = p.form("username")
    if not p.form_is_genuine():
        return p.render("confirm.html", 403, username=username, error=FORM_EXPIRED)
    try:
        if request.form.get("action") == "resend":
            return p.step(accounts.resend(p.ctx, p.areq, username))
        user = accounts.confirm(p.ctx, p.areq.pool, p.areq.client, username, p.form("code"))
    except AwsError as err:
        return p.render("confirm.html", 400, username=username, error=err.message)
    pending = sessions.current(p.ctx, request.cookies.get(sessions.COOKIE), p.areq.pool["Id"])
    if user is not None and pending is not None and pending.confirming and pending.sub == user.sub:
        return p.finish(user)
    return p.render("login.html", username=username, notice=CONFIRMED)


@blueprint.get("/confirmUser")
def confirm_user():
    """The link of CONFIRM_WITH_LINK emails: ConfirmSignUp with the code it carries."""
    ctx = context()
    client_id = request.args.get("client_id", "")
    username = request.args.get("user_name", "")
    message, status = "Your registration has been confirmed!", 200
    try:
        pool, client = authorize.resolve_client(ctx, client_id, host_pool_id())
        accounts.confirm(ctx, pool, client, username, request.args.get("confirmation_code", ""))
    except AuthorizeError:
        message, status = "An error was encountered with the requested page.", 400
    except AwsError as err:
        message, status = err.message, 400
    nonce = secrets.token_urlsafe(16)
    html = render_template("message.html", csp_nonce=nonce, message=message, query="")
    return page_response(html, status, nonce)


# -- a forgotten password -----------------------------------------------------------------

@blueprint.route("/forgotPassword", methods=["GET", "POST"])
@page
def forgot_password(p: Page):
    if request.method == "GET":
        return p.render("forgot_password.html")
    username = p.form("username")
    if not p.form_is_genuine():
        return p.render("forgot_password.html", 403, username=username, error=FORM_EXPIRED)
    try:
        return p.step(accounts.forgot(p.ctx, p.areq, username))
    except AwsError as err:
        return p.render("forgot_password.html", 400, username=username, error=err.message)


@blueprint.route("/confirmForgotPassword", methods=["GET", "POST"])
@page
def confirm_forgot_password(p: Page):
    if request.method == "GET":
        return p.render("confirm_forgot_password.html",
                        username=request.args.get("username", ""))
    username = p.form("username")
    if not p.form_is_genuine():
        return p.render("confirm_forgot_password.html", 403, username=username,
                        error=FORM_EXPIRED)
    if p.secret("password") != p.secret("password_again"):
        return p.render("confirm_forgot_password.html", 400, username=username,
                        error=PASSWORDS_DIFFER)
    try:
        return p.step(accounts.reset(p.ctx, p.areq, username, p.form("code"),
                                     p.secret("password")))
    except AwsError as err:
        return p.render("confirm_forgot_password.html", 400, username=username,
                        error=err.message)


# -- sign-out and errors ------------------------------------------------------------------

@blueprint.get("/logout")
def sign_out():
    try:
        reply = logout.logout(context(), request.args, host_pool_id(),
                              request.cookies.get(sessions.COOKIE), base_url())
    except AuthorizeError as err:
        return authorize_error(err)
    return respond(reply)


@blueprint.get("/error")
def error_page():
    nonce = secrets.token_urlsafe(16)
    html = render_template("error.html", csp_nonce=nonce, query="",
                           error_code=request.args.get("error", ""),
                           detail=ERROR_DETAILS.get(request.args.get("error", "")))
    return page_response(html, 400, nonce)


def page_response(html: str, status: int, nonce: str) -> Response:
    """An HTML page with the security headers; its styles run only with `nonce`."""
    response = Response(html, status=status, mimetype="text/html")
    for name, value in {**SECURITY_HEADERS, **NO_STORE,
                        "Content-Security-Policy": PAGE_CSP.format(nonce=nonce)}.items():
        response.headers[name] = value
    return response
