"""This service's OpenID Connect tokens (GetOpenIdToken, GetOpenIdTokenForDeveloperIdentity):
RS512 JWTs about an identity, `{"sub": identityId, "aud": identityPoolId, "amr": [...],
"iss", "exp", "iat"}` as AWS issues them, and their verification when they come back as the
`cognito-identity.amazonaws.com` login."""

from __future__ import annotations

import jwt

from cfn_cognito.context import Context
from cfn_cognito.identity import openid_keys, providers
from cfn_cognito.identity.errors import NotAuthorizedException

# GetOpenIdToken's tokens live 10 minutes; a developer identity's 15 unless TokenDuration says.
OPENID_TOKEN_SECONDS = 600
DEVELOPER_TOKEN_SECONDS = 900
TAGS_CLAIM = "https://aws.amazon.com/tags"
AUTHENTICATED = "authenticated"
UNAUTHENTICATED = "unauthenticated"

INVALID = "Invalid login token. Couldn't verify signed token."
NOT_OPENID = "Invalid login token. Not a valid OpenId Connect identity token."


def issue(ctx: Context, identity_id: str, pool_id: str, amr: list[str], seconds: int,
          principal_tags: dict | None = None) -> str:
    """A signed OpenID token for an identity; `principal_tags` become session tags."""
    key = openid_keys.signing_key(ctx)
    iat = int(ctx.now())
    claims = {"sub": identity_id, "aud": pool_id, "amr": list(amr)}
    if principal_tags:
        claims[TAGS_CLAIM] = {"principal_tags": {k: [v] for k, v in principal_tags.items()}}
    claims.update({"iss": providers.openid_issuer(ctx.settings), "exp": iat + seconds,
                   "iat": iat})
    return jwt.encode(claims, key.private_key, algorithm=openid_keys.ALGORITHM,
                      headers={"kid": key.kid, "typ": "JWS"})


def unverified_claims(token: str) -> dict | None:
    """The claims of a compact JWT without any check, or None if it is not one."""
    try:
        claims = jwt.decode(token, options={"verify_signature": False})
    except jwt.PyJWTError:
        return None
    return claims if isinstance(claims, dict) else None


def expired_message(ctx: Context, exp) -> str:
    return f"Invalid login token. Token expired: {int(ctx.now())} >= {exp}"


def verify(ctx: Context, token: str, pool_id: str) -> dict:
    """The claims of one of our OpenID tokens for an identity of `pool_id`, once signature,
    issuer, audience and expiry check out; NotAuthorizedException otherwise."""
    try:
        header = jwt.get_unverified_header(token)
    except jwt.PyJWTError:
        raise NotAuthorizedException(NOT_OPENID) from None
    key = openid_keys.find_key(ctx, str(header.get("kid")))
    if key is None or header.get("alg") != openid_keys.ALGORITHM:
        raise NotAuthorizedException(INVALID)
    try:
        # Expiry is checked below on the service's clock (tests move it).
        claims = jwt.decode(token, key.public_key, algorithms=[openid_keys.ALGORITHM],
                            options={"verify_exp": False, "verify_iat": False,
                                     "verify_aud": False, "require": ["exp", "sub", "aud"]},
                            issuer=providers.openid_issuer(ctx.settings))
    except jwt.PyJWTError:
        raise NotAuthorizedException(INVALID) from None
    if claims.get("aud") != pool_id:
        raise NotAuthorizedException("Invalid login token. Incorrect token audience.")
    if ctx.now() >= claims["exp"]:
        raise NotAuthorizedException(expired_message(ctx, claims["exp"]))
    return claims


def discovery_document(ctx: Context) -> dict:
    """The OpenID discovery document of this service's tokens."""
    issuer = providers.openid_issuer(ctx.settings)
    return {"issuer": issuer, "jwks_uri": f"{issuer}/.well-known/jwks_uri",
            "response_types_supported": ["id_token"], "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": [openid_keys.ALGORITHM],
            "claims_supported": ["sub", "aud", "amr", "iss", "exp", "iat"]}
