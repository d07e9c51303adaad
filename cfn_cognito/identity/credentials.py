"""GetCredentialsForIdentity: temporary AWS credentials for an identity, one hour long, kept
(with the identity, pool, role and how it authenticated) so that requests signed with them
can be verified (sigv4.py)."""

from __future__ import annotations

import hashlib

from cfn_cognito.context import Context
from cfn_cognito.identity import ids
from cfn_cognito.identity.identities import Authorization, authorize
from cfn_cognito.identity.roles import role_for
from cfn_cognito.store.identity import CredentialRecord

CREDENTIAL_SECONDS = 3600


def token_hash(session_token: str) -> str:
    return hashlib.sha256(session_token.encode("utf-8")).hexdigest()


def issue(ctx: Context, auth: Authorization, role_arn: str) -> dict:
    """New credentials for the authorized identity in `role_arn`, as the Credentials shape."""
    now = ctx.now()
    access_key_id, secret = ids.access_key_id(ctx.rng), ids.secret_key(ctx.rng)
    session_token = ids.session_token(ctx.rng)
    expires = round(now + CREDENTIAL_SECONDS)
    provider = auth.login.authentication_provider() if auth.authenticated else ""
    ctx.store.identity.add_credentials(CredentialRecord(
        access_key_id=access_key_id, secret_key=secret, session_token_hash=token_hash(session_token),
        identity_id=auth.identity.identity_id, pool_id=auth.identity.pool_id, role_arn=role_arn,
        authenticated=auth.authenticated, provider=provider, created=now, expires=expires), now)
    return {"AccessKeyId": access_key_id, "SecretKey": secret, "SessionToken": session_token,
            "Expiration": expires}


def get_credentials_for_identity(ctx: Context, req: dict) -> dict:
    auth = authorize(ctx, req["IdentityId"], req.get("Logins"))
    role_arn = role_for(ctx, auth, req.get("CustomRoleArn"))
    return {"IdentityId": auth.identity.identity_id, "Credentials": issue(ctx, auth, role_arn)}
