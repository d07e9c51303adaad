"""Login provider names, as apps write them in `Logins` and pools name them.

A user pool is named `cognito-idp.<region>.amazonaws.com/<poolId>` on AWS; here its issuer
is `{base_url}/<poolId>`, so that URL, and the same without its scheme (the way AWS's name is
its issuer without `https://`), name the pool too. This service's own OpenID tokens are the
login `cognito-identity.amazonaws.com` (or `{base_url}/identity`, their issuer here).
"""

from __future__ import annotations

import re

from cfn_cognito.config import Settings
from cfn_cognito.identity.ids import region_of

COGNITO_IDENTITY = "cognito-identity.amazonaws.com"
_POOL_ID = re.compile(r"[\w-]+_[0-9a-zA-Z]+")
_AWS_USER_POOL = re.compile(r"cognito-idp\.[a-z0-9-]+\.amazonaws\.com/([\w-]+_[0-9a-zA-Z]+)")


def _local_prefixes(settings: Settings) -> tuple[str, str]:
    base = settings.base_url
    return base + "/", base.split("://", 1)[-1] + "/"


def user_pool_id(settings: Settings, name: str) -> str | None:
    """The id of the user pool a provider name stands for, or None."""
    m = _AWS_USER_POOL.fullmatch(name)
    if m:
        return m[1]
    for prefix in _local_prefixes(settings):
        if name.startswith(prefix) and _POOL_ID.fullmatch(name[len(prefix):]):
            return name[len(prefix):]
    return None


def user_pool_provider(pool_id: str) -> str:
    """The provider name AWS gives a user pool (what DescribeIdentity lists)."""
    return f"cognito-idp.{region_of(pool_id)}.amazonaws.com/{pool_id}"


def canonical(settings: Settings, name: str) -> str:
    """One spelling per provider: a user pool's AWS name, any other name as it is."""
    pool_id = user_pool_id(settings, name)
    return user_pool_provider(pool_id) if pool_id else name


def openid_issuer(settings: Settings) -> str:
    """The `iss` of this service's OpenID tokens (AWS: https://cognito-identity.amazonaws.com)."""
    return f"{settings.base_url}/identity"


def is_cognito_identity(settings: Settings, name: str) -> bool:
    return name == COGNITO_IDENTITY or name in (p + "identity" for p in _local_prefixes(settings))
