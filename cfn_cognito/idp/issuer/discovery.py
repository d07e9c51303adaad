"""OpenID Connect discovery: a pool's `.well-known/openid-configuration` document."""

from __future__ import annotations

from cfn_cognito.context import Context
from cfn_cognito.idp.userpools.pools import get_pool
from cfn_cognito.idp.issuer.tokens import issuer


def openid_configuration(ctx: Context, pool_id: str) -> dict:
    """The discovery document, with AWS's fields in AWS's order; the endpoints point at this
    service. Raises ResourceNotFoundException for an unknown pool."""
    pool = get_pool(ctx, pool_id)
    base = ctx.settings.base_url
    iss = issuer(ctx.settings, pool["Id"])
    return {
        "authorization_endpoint": f"{base}/oauth2/authorize",
        "id_token_signing_alg_values_supported": ["RS256"],
        "issuer": iss,
        "jwks_uri": f"{iss}/.well-known/jwks.json",
        "response_types_supported": ["code", "token"],
        "scopes_supported": ["openid", "email", "phone", "profile"],
        "subject_types_supported": ["public"],
        "token_endpoint": f"{base}/oauth2/token",
        "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post"],
        "userinfo_endpoint": f"{base}/oauth2/userInfo",
    }
