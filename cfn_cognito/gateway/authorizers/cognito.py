"""COGNITO_USER_POOLS authorizers (REST APIs), as reference §8.1 describes them.

The token comes from the identity source header, raw or after `Bearer `. A method without
AuthorizationScopes takes an ID token; a method with some takes an access token holding at
least one of them. Signature, expiry, revocation and issuer are checked; the issuer's pool
must be one of the authorizer's ProviderARNs. Every refusal is 401 `{"message":"Unauthorized"}`
but an expired token's, which says "The incoming token has expired".
"""

from __future__ import annotations

import re

from cfn_cognito.gateway import pools
from cfn_cognito.gateway.authorizers import sources
from cfn_cognito.gateway.claims import scopes as token_scopes
from cfn_cognito.gateway.identity import Identity
from cfn_cognito.gateway.invocation import Invocation
from cfn_cognito.gateway.responses import GatewayError
from cfn_cognito.idp.issuer import keys
from cfn_cognito.idp.issuer import tokens
from cfn_cognito.idp.errors import NotAuthorizedException

EXPIRED = "The incoming token has expired"


def _refused(why: str) -> GatewayError:
    return GatewayError("UNAUTHORIZED", log=why)


def authorize(inv: Invocation) -> Identity:
    authorizer = inv.operation.authorizer
    token = sources.bearer_token(sources.value(inv, authorizer.sources[0]))
    if not token:
        raise _refused(f"no token in {authorizer.sources[0].name}")
    scoped = bool(inv.operation.scopes)
    use = keys.ACCESS if scoped else keys.ID
    try:
        claims = tokens.decode_verified(inv.ctx, token, use)
    except tokens.ExpiredToken:
        raise GatewayError("UNAUTHORIZED", EXPIRED, log="the token has expired") from None
    except NotAuthorizedException as err:
        kind = "an access token" if scoped else "an ID token"
        raise _refused(f"{err.message} (the method takes {kind})") from None
    pool_id = str(claims["iss"]).rsplit("/", 1)[-1]
    if not pools.admits(inv.ctx, authorizer.pools, pool_id):
        raise _refused(f"the token is of pool {pool_id}, which authorizer {authorizer.name} "
                       f"does not accept ({', '.join(authorizer.pools)})")
    if authorizer.validation and (use != keys.ID or not re.fullmatch(
            authorizer.validation, str(claims.get("aud", "")))):
        raise _refused("the token does not match IdentityValidationExpression")
    if scoped and not set(inv.operation.scopes) & set(token_scopes(claims) or ()):
        raise _refused(f"the token has none of the scopes {' '.join(inv.operation.scopes)}")
    return Identity("cognito", claims=claims)
