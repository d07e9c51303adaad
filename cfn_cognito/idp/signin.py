"""Signing in to a user pool from outside the API's own operations: the public surface the
hosted UI (cfn_cognito/oauth/) uses, so that its pages refuse exactly what InitiateAuth and
RespondToAuthChallenge refuse, with the same messages, and issue the same tokens.

The sign-in state machine itself (flows, challenges, sessions, MFA) lives in idp/auth/ and is
reached from the outside only through these functions.
"""

from __future__ import annotations

from cfn_cognito.context import Context
from cfn_cognito.idp.accounts import passkey_operations
from cfn_cognito.idp.issuer import tokens as token_issuer
from cfn_cognito.idp.auth import mfa, mfa_answers, new_password, outcome, sessions
from cfn_cognito.idp.auth import refresh_flow
from cfn_cognito.idp.auth import passkeys, user_auth, user_password
from cfn_cognito.idp.auth.request import AuthRequest
from cfn_cognito.idp.errors import CodeMismatchException
from cfn_cognito.idp.triggers import post_authentication, pre_token_generation

INCORRECT = outcome.INCORRECT
NOT_CONFIRMED = outcome.NOT_CONFIRMED
MFA_SETUP = mfa.MFA_SETUP
SELECT_MFA_TYPE = mfa.SELECT_MFA_TYPE
ATTRIBUTE_PREFIX = new_password.PREFIX     # of NEW_PASSWORD_REQUIRED's attribute answers


def request(ctx: Context, pool: dict, client: dict, params: dict | None = None,
            session: str | None = None) -> AuthRequest:
    """A sign-in step made on the user's behalf through a client (never an Admin* call)."""
    return AuthRequest(ctx, pool, client, dict(params or {}), admin=False, session=session)


def password(req: AuthRequest, username: str, secret: str):
    """The user whose password this is, confirmed or not; AWS's refusals of
    USER_PASSWORD_AUTH otherwise."""
    return user_password.authenticate(req, username, secret, confirmed_first=False)


def new_password_challenge(req: AuthRequest, user) -> dict:
    """NEW_PASSWORD_REQUIRED for a FORCE_CHANGE_PASSWORD user, as InitiateAuth answers it."""
    return outcome.new_password_challenge(req, user)


def set_new_password(req: AuthRequest, secret: str):
    """The answer to NEW_PASSWORD_REQUIRED (req.session, attributes in req.params)."""
    return new_password.set_new_password(req, secret)


def mfa_challenge(req: AuthRequest, user) -> dict | None:
    """The MFA challenge a user who proved their password faces on the hosted UI, or None."""
    return mfa.challenge(req, user, pre_token_generation.HOSTED_AUTH)


def associate_software_token(ctx: Context, session: str) -> dict:
    """MFA_SETUP's new authenticator secret ({"SecretCode", "Session"})."""
    return mfa_answers.associate_in_session(ctx, session)


def select_mfa_type(req: AuthRequest) -> dict:
    """The answer to SELECT_MFA_TYPE (req.params["ANSWER"]): the chosen method's challenge."""
    return mfa_answers.select_mfa_type(req)


def answer_mfa(req: AuthRequest, challenge: str, code: str):
    """The user once `code` answers `challenge` (MFA_SETUP's first code, or a code
    challenge); the challenge's session is used up. AWS's refusals otherwise."""
    if challenge == MFA_SETUP:
        req.session = mfa_answers.verify_in_session(req.ctx, req.session, code)["Session"]
        record, user = mfa_answers.set_up(req)
    elif challenge not in mfa_answers.CODE_PARAMETERS:
        # The hosted UI's form names the challenge in a field anyone can edit: one that is
        # not an MFA code challenge is answered as a session of another challenge is.
        raise CodeMismatchException(mfa_answers.INVALID_CODE)
    else:
        req.params[mfa_answers.CODE_PARAMETERS[challenge]] = code
        record, user = mfa_answers.proven(req, challenge)
    sessions.use(req.ctx, record)
    return user


def passkeys_offered(ctx: Context, pool: dict) -> bool:
    """Whether the hosted UI offers passkeys: WEB_AUTHN among the pool's first factors and a
    managed login (version 2) domain, where AWS's pages have them."""
    return passkeys.on_managed_login(ctx, pool)


def passkey_challenge(req: AuthRequest, username: str) -> dict:
    """The WEB_AUTHN challenge for `username` ({"Session", "ChallengeParameters":
    {"CREDENTIAL_REQUEST_OPTIONS"}}), as InitiateAuth(USER_AUTH) gives it."""
    return user_auth.passkey_challenge(req, username)


def passkey(req: AuthRequest, username: str, credential: str):
    """The user whose passkey assertion (JSON) answers the challenge of req.session; AWS's
    refusals of RespondToAuthChallenge(WEB_AUTHN) otherwise."""
    req.params.update({"USERNAME": username, "CREDENTIAL": credential})
    return user_auth.prove_passkey(req)


def passkey_prompt_due(ctx: Context, pool: dict, user) -> bool:
    """Whether managed login offers `user`, just signed in, to add a passkey: passkeys are
    offered and the user has none yet."""
    return passkeys.on_managed_login(ctx, pool) \
        and not ctx.store.webauthn_credentials.of_user(pool["Id"], user.sub)


def passkey_registration(ctx: Context, pool: dict, user) -> dict:
    """navigator.credentials.create() options for a new passkey of `user`, as
    StartWebAuthnRegistration gives them."""
    return passkey_operations.start_registration(ctx, pool, user)


def register_passkey(ctx: Context, pool: dict, user, credential) -> None:
    """The browser's answer to passkey_registration, checked and kept, as
    CompleteWebAuthnRegistration does."""
    passkey_operations.complete_registration(ctx, pool, user, credential)


def finished(req: AuthRequest, user) -> None:
    """The sign-in is proven: the PostAuthentication trigger runs (and may refuse it)."""
    post_authentication.run(req, user)


def issue_tokens(req: AuthRequest, user, *, scopes: list[str], nonce: str | None,
                 auth_time: float, with_refresh_token: bool = True,
                 origin_session: str | None = None) -> dict:
    """The tokens of a hosted-UI sign-in (authorization code or implicit grant): the user's
    groups, the PreTokenGeneration trigger's changes (TokenGeneration_HostedAuth), scopes;
    `origin_session` the SSO session the sign-in came through (tracked sessions)."""
    groups = outcome.groups_for_tokens(req, user)
    changes = pre_token_generation.changes(req, user, groups, pre_token_generation.HOSTED_AUTH,
                                           scopes)
    return token_issuer.sign_in(req.ctx, req.pool, req.client, outcome.subject(user),
                                groups=groups, scopes=scopes, nonce=nonce,
                                with_refresh_token=with_refresh_token, oauth=True,
                                auth_time=auth_time, changes=changes,
                                origin_session=origin_session)


def refresh(req: AuthRequest, token: str, *, rotate: bool) -> dict:
    """New tokens from a refresh token, for a client that proved itself with its secret."""
    return refresh_flow.renew(req, token, rotate=rotate, secret_hash_due=False)
