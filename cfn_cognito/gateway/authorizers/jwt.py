"""JWT authorizers (HTTP APIs), as reference §8.2 describes them, for tokens of the local
user pools: the Issuer (this service's issuer URL, or AWS's form for a pool id) names the
pool whose keys check the signature; `aud` (ID tokens) or `client_id` (access tokens) must be
in Audience; expiry and revocation are checked; a route with AuthorizationScopes needs a token
holding one of them. An invalid token gets 401, a token without the scope 403, each with a
`www-authenticate` header saying why."""

from __future__ import annotations

import base64
import binascii
import json
import logging

from cfn_cognito.gateway import pools
from cfn_cognito.gateway.authorizers import sources
from cfn_cognito.gateway.claims import scopes as token_scopes
from cfn_cognito.gateway.identity import Identity
from cfn_cognito.gateway.invocation import Invocation
from cfn_cognito.gateway.responses import GatewayError
from cfn_cognito.idp.issuer import keys
from cfn_cognito.idp.issuer import tokens
from cfn_cognito.idp.errors import NotAuthorizedException

LOG = logging.getLogger(__name__)


def _challenge(error: str, description: str, scope: str = "") -> list[tuple[str, str]]:
    return [("www-authenticate",
             f'Bearer scope="{scope}" error="{error}" error_description="{description}"')]


def _invalid(description: str) -> GatewayError:
    return GatewayError("UNAUTHORIZED", headers=_challenge("invalid_token", description),
                        log=description)


def _token_use(token: str) -> str | None:
    """The `token_use` claim, read before verifying (it says which key must have signed)."""
    parts = token.split(".")
    if len(parts) != 3:
        return None
    try:
        claims = json.loads(base64.urlsafe_b64decode(parts[1] + "=" * (-len(parts[1]) % 4)))
    except (ValueError, binascii.Error):
        return None
    use = claims.get("token_use") if isinstance(claims, dict) else None
    return use if use in keys.USES else None


def authorize(inv: Invocation) -> Identity:
    authorizer = inv.operation.authorizer
    token = sources.bearer_token(sources.value(inv, authorizer.sources[0]))
    if not token:
        raise GatewayError("UNAUTHORIZED", log=f"no token in {authorizer.sources[0].name}")
    pool_id = pools.pool_of_issuer(inv.ctx, authorizer.issuer)
    if pool_id is None:
        LOG.warning("gateway: JWT authorizer %s: issuer %s is not a user pool of this service "
                    "(keys are never fetched from the internet)", authorizer.name,
                    authorizer.issuer)
        raise _invalid("the token's issuer cannot be verified")
    use = _token_use(token)
    if use is None:
        raise _invalid("the token is not a JWT of the issuer")
    try:
        claims = tokens.decode_verified(inv.ctx, token, use, pool_id=pool_id)
    except tokens.ExpiredToken:
        raise _invalid("the token has expired") from None
    except tokens.RevokedToken:
        raise _invalid("the token has been revoked") from None
    except NotAuthorizedException:
        raise _invalid("the token's signature or issuer is invalid") from None
    audience = claims.get("aud") if use == keys.ID else claims.get("client_id")
    if audience not in authorizer.audience:
        raise _invalid("the token does not have a valid audience")
    wanted = inv.operation.scopes
    if wanted and not set(wanted) & set(token_scopes(claims) or ()):
        raise GatewayError("ACCESS_DENIED", "Forbidden",
                           headers=_challenge("insufficient_scope",
                                              f"expected scopes: [{' '.join(wanted)}]",
                                              " ".join(wanted)),
                           log=f"the token has none of the scopes {' '.join(wanted)}")
    return Identity("jwt", claims=claims)
