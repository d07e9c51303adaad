"""GetOpenIdToken: an OpenID token for an identity, 10 minutes long (for the classic flow's
AssumeRoleWithWebIdentity, or any party that trusts this service's JWKS)."""

from __future__ import annotations

from cfn_cognito.context import Context
from cfn_cognito.identity import openid
from cfn_cognito.identity.identities import authorize
from cfn_cognito.identity.principal_tags import tags_for


def get_open_id_token(ctx: Context, req: dict) -> dict:
    auth = authorize(ctx, req["IdentityId"], req.get("Logins"))
    if auth.authenticated:
        amr, tags = auth.login.amr(), tags_for(auth.pool_doc, auth.login)
    else:
        amr, tags = [openid.UNAUTHENTICATED], {}
    token = openid.issue(ctx, auth.identity.identity_id, auth.identity.pool_id, amr,
                         openid.OPENID_TOKEN_SECONDS, tags)
    return {"IdentityId": auth.identity.identity_id, "Token": token}
