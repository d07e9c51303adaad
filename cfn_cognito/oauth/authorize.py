"""`/oauth2/authorize` and what `/login` shares with it: checking the request's parameters
against the client's settings, and answering a signed-in user with a code or tokens.

Checked in this order, as what can be reported where depends on it: the client (an unknown
one gets the error page), the redirect_uri (exactly one of the client's CallbackURLs, or the
error page with `redirect_mismatch`: an unregistered URI is never redirected to), then the
rest, whose errors go to the app at redirect_uri with `error` and `state`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping
from urllib.parse import urlencode

from cfn_cognito.context import Context
from cfn_cognito.errors import AwsError
from cfn_cognito.idp.issuer import authorization_codes as codes
from cfn_cognito.idp.issuer import hosted_sessions as sessions
from cfn_cognito.idp import signin
from cfn_cognito.idp.appclients import clients
from cfn_cognito.idp.accounts import users
from cfn_cognito.oauth import pkce
from cfn_cognito.oauth import scopes as scope_rules
from cfn_cognito.oauth.errors import (
    AuthorizeError,
    InvalidRequestError,
    InvalidScopeError,
    OAuthError,
    RedirectMismatchError,
    UnauthorizedClientError,
    UnsupportedResponseTypeError,
)
from cfn_cognito.oauth.reply import Reply, redirect, with_params

# The parameters of an authorization request, carried from page to page of the hosted UI.
PARAMS = ("client_id", "response_type", "redirect_uri", "state", "scope", "nonce",
          "code_challenge", "code_challenge_method", "identity_provider", "idp_identifier")
# response_type → the AllowedOAuthFlows value that permits it.
FLOW_OF = {"code": "code", "token": "implicit"}
COGNITO = "COGNITO"
NO_LOGIN_OPTION = "Login option is not available. Please try another one"


@dataclass(frozen=True)
class AuthorizeRequest:
    pool: dict
    client: dict
    response_type: str
    redirect_uri: str
    state: str | None
    scopes: list[str]
    nonce: str | None
    code_challenge: str | None
    code_challenge_method: str | None
    query: str          # the request's own parameters, urlencoded, for the pages' links


def carried_query(params: Mapping) -> str:
    """The authorization parameters of a request, urlencoded in a fixed order."""
    return urlencode([(name, params[name]) for name in PARAMS if params.get(name) is not None])


def resolve_client(ctx: Context, client_id: str | None,
                   host_pool_id: str | None) -> tuple[dict, dict]:
    """(pool, client) named by client_id: on a pool's domain, a client of that pool. Otherwise
    AuthorizeError for the error page."""
    if not client_id:
        raise AuthorizeError(InvalidRequestError("client_id is required"))
    try:
        return clients.find(ctx, client_id, host_pool_id)
    except AwsError:
        raise AuthorizeError(InvalidRequestError(f"no client {client_id} here"),
                             client_id=client_id) from None


def check_redirect(client: dict, uri: str | None, member: str = "CallbackURLs") -> str:
    """`uri` if it is exactly one of the client's `member` URLs, else redirect_mismatch."""
    if not uri or uri not in (client.get(member) or []):
        raise AuthorizeError(RedirectMismatchError(f"{uri!r} is not one of the client's {member}"),
                             client_id=client["ClientId"])
    return uri


def parse(ctx: Context, params: Mapping, host_pool_id: str | None) -> AuthorizeRequest:
    """The checked authorization request, or AuthorizeError."""
    pool, client = resolve_client(ctx, params.get("client_id"), host_pool_id)
    redirect_uri = check_redirect(client, params.get("redirect_uri"))
    state = params.get("state")
    response_type = params.get("response_type")
    fragment = response_type == "token"

    def fail(error: OAuthError):
        return AuthorizeError(error, redirect_uri=redirect_uri, state=state, fragment=fragment,
                              client_id=client["ClientId"])

    if not response_type:
        raise fail(InvalidRequestError("response_type is required"))
    if response_type not in FLOW_OF:
        raise fail(UnsupportedResponseTypeError(f"response_type {response_type!r}"))
    if not client.get("AllowedOAuthFlowsUserPoolClient") \
            or FLOW_OF[response_type] not in (client.get("AllowedOAuthFlows") or []):
        raise fail(UnauthorizedClientError(f"the client does not allow response_type "
                                           f"{response_type}"))
    challenge = method = None
    if response_type == "code":
        challenge = params.get("code_challenge")
        method = params.get("code_challenge_method")
        problem = pkce.check_challenge(challenge, method)
        if problem:
            raise fail(InvalidRequestError(problem))
    granted = scope_rules.granted(client, scope_rules.parse(params.get("scope")))
    if not granted:
        raise fail(InvalidScopeError("none of the requested scopes is allowed for the client"))
    provider = params.get("identity_provider") or params.get("idp_identifier")
    supported = client.get("SupportedIdentityProviders") or []
    if provider is not None and (provider != COGNITO or COGNITO not in supported):
        raise fail(InvalidRequestError(f"identity provider {provider!r} is not available",
                                       public=True))
    return AuthorizeRequest(
        pool=pool, client=client, response_type=response_type, redirect_uri=redirect_uri,
        state=state, scopes=granted, nonce=params.get("nonce"), code_challenge=challenge,
        code_challenge_method=method, query=carried_query(params))


def can_sign_in_here(areq: AuthorizeRequest) -> bool:
    """Whether the client lets users sign in with the pool's own accounts (the form)."""
    return COGNITO in (areq.client.get("SupportedIdentityProviders") or [])


def signed_in_user(ctx: Context, areq: AuthorizeRequest, session_id: str | None):
    """The user of the browser's live session in this pool, if any (and still allowed in)."""
    record = sessions.current(ctx, session_id, areq.pool["Id"], areq.client["ClientId"])
    if record is None or record.confirming:
        return None, None
    user = ctx.store.users.get_by_sub(areq.pool["Id"], record.sub)
    if user is None or not user.enabled or user.status != users.CONFIRMED:
        return None, None
    return user, record


def authorize(ctx: Context, params: Mapping, host_pool_id: str | None, session_id: str | None,
              base_url: str) -> Reply:
    """GET /oauth2/authorize: straight back to the app for a browser signed in to the pool,
    otherwise on to the sign-in page with the same parameters."""
    areq = parse(ctx, params, host_pool_id)
    user, record = signed_in_user(ctx, areq, session_id)
    if user is not None:
        return complete(ctx, areq, user, record.auth_time,
                        sso_session=sessions.sso_session_id(ctx, session_id, areq.pool["Id"]))
    return redirect(f"{base_url}/login?{areq.query}")


def complete(ctx: Context, areq: AuthorizeRequest, user, auth_time: float,
             cookies=None, sso_session: str | None = None) -> Reply:
    """The answer to the app for a signed-in user: a code in the query (code grant) or the
    tokens in the fragment (implicit grant), with the state. `sso_session` is the SSO
    session of the sign-in (tracked sessions): the code's tokens come through it."""
    if areq.response_type == "code":
        code = codes.issue(ctx, pool_id=areq.pool["Id"], client_id=areq.client["ClientId"],
                           redirect_uri=areq.redirect_uri, sub=user.sub, scopes=areq.scopes,
                           nonce=areq.nonce, code_challenge=areq.code_challenge,
                           code_challenge_method=areq.code_challenge_method,
                           auth_time=auth_time, sso_session=sso_session)
        return redirect(with_params(areq.redirect_uri, {"code": code, "state": areq.state}),
                        cookies)
    try:
        result = signin.issue_tokens(signin.request(ctx, areq.pool, areq.client), user,
                                     scopes=areq.scopes, nonce=areq.nonce, auth_time=auth_time,
                                     with_refresh_token=False)
    except AwsError as err:
        # As the hosted UI reports a trigger's failure: to the app, with AWS's message.
        raise AuthorizeError(InvalidRequestError(err.message, public=True),
                             redirect_uri=areq.redirect_uri, state=areq.state,
                             fragment=True) from None
    fragment = {"access_token": result["AccessToken"]}
    if scope_rules.OPENID in areq.scopes:
        fragment["id_token"] = result["IdToken"]
    fragment.update({"token_type": "bearer", "expires_in": str(result["ExpiresIn"]),
                     "state": areq.state})
    return redirect(with_params(areq.redirect_uri, fragment, fragment=True), cookies)
