"""OAuth 2.0 errors, one class per RFC error code, each able to become what the client gets:
a JSON body (token, revoke and userInfo endpoints) or a redirect to the app carrying `error`
and `state` (the authorize endpoint, once the redirect_uri is known to be registered).

Cognito's token endpoint answers `{"error": "invalid_grant"}` with no error_description, so a
description given here is logged for the developer, not sent, unless `public` says so.
"""

from __future__ import annotations

import logging

from cfn_cognito.oauth.reply import Reply, json_reply, redirect, with_params

LOG = logging.getLogger(__name__)


class OAuthError(Exception):
    error = "server_error"
    status = 400

    def __init__(self, description: str = "", *, public: bool = False):
        super().__init__(description or self.error)
        self.description = description
        self.public = public

    def body(self) -> dict:
        body = {"error": self.error}
        if self.description and self.public:
            body["error_description"] = self.description
        return body

    def json_reply(self, headers: dict | None = None) -> Reply:
        if self.description and not self.public:
            LOG.info("OAuth %s: %s", self.error, self.description)
        return json_reply(self.body(), self.status, headers)

    def redirect_reply(self, redirect_uri: str, state: str | None, *,
                       fragment: bool = False) -> Reply:
        if self.description and not self.public:
            LOG.info("OAuth %s: %s", self.error, self.description)
        params = {**self.body(), "state": state}
        return redirect(with_params(redirect_uri, params, fragment=fragment))


class InvalidRequestError(OAuthError):
    error = "invalid_request"


class InvalidClientError(OAuthError):
    error = "invalid_client"


class InvalidGrantError(OAuthError):
    error = "invalid_grant"


class UnauthorizedClientError(OAuthError):
    error = "unauthorized_client"


class UnsupportedGrantTypeError(OAuthError):
    error = "unsupported_grant_type"


class UnsupportedResponseTypeError(OAuthError):
    error = "unsupported_response_type"


class InvalidScopeError(OAuthError):
    error = "invalid_scope"


class UnsupportedTokenTypeError(OAuthError):
    error = "unsupported_token_type"


class InvalidTokenError(OAuthError):
    """RFC 6750: a bearer token that is missing its scope, expired, revoked or not ours."""

    error = "invalid_token"
    status = 401


class RedirectMismatchError(OAuthError):
    """A redirect_uri (or logout_uri) the client did not register: never redirected to, the
    browser gets AWS's error page instead."""

    error = "redirect_mismatch"


class AuthorizeError(Exception):
    """An error of a browser-facing request (authorize, login, logout): sent to the app at
    `redirect_uri` when it is a registered one, otherwise shown on the error page."""

    def __init__(self, error: OAuthError, *, redirect_uri: str | None = None,
                 state: str | None = None, fragment: bool = False, client_id: str | None = None):
        super().__init__(error.description or error.error)
        self.error = error
        self.redirect_uri = redirect_uri
        self.state = state
        self.fragment = fragment
        self.client_id = client_id
