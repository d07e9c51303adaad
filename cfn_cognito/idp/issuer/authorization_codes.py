"""Authorization codes: single-use, valid 5 minutes, bound to the client, the redirect_uri and
the PKCE challenge they were issued with. Stored as their SHA-256 only."""

from __future__ import annotations

import hashlib

from cfn_cognito.context import Context
from cfn_cognito.idp.issuer.tokens import new_uuid
from cfn_cognito.store.oauth import CodeRecord

LIFETIME_SECONDS = 300


def _hash(code: str) -> str:
    return hashlib.sha256(code.encode("utf-8", "surrogatepass")).hexdigest()


def issue(ctx: Context, *, pool_id: str, client_id: str, redirect_uri: str, sub: str,
          scopes: list[str], nonce: str | None, code_challenge: str | None,
          code_challenge_method: str | None, auth_time: float,
          sso_session: str | None = None) -> str:
    """A new code (a UUID, as Cognito's look) for a user's authorization, in the SSO
    session `sso_session` when the pool tracks sessions."""
    code = new_uuid(ctx)
    now = ctx.now()
    ctx.store.oauth.add_code(_hash(code), CodeRecord(
        pool_id=pool_id, client_id=client_id, redirect_uri=redirect_uri, sub=sub,
        scopes=list(scopes), nonce=nonce, code_challenge=code_challenge,
        code_challenge_method=code_challenge_method, auth_time=int(auth_time),
        expires=now + LIFETIME_SECONDS, sso_session=sso_session), now)
    return code


def redeem(ctx: Context, code: str) -> CodeRecord | None:
    """The code's record, used up by this call whatever the caller then decides; None for a
    code that is unknown, used already or expired."""
    record = ctx.store.oauth.take_code(_hash(code))
    if record is None or ctx.now() >= record.expires:
        return None
    return record
