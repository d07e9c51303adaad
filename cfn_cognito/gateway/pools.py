"""Which local user pool a ProviderARN or a JWT issuer names.

ProviderARNs name pools by ARN (`arn:aws:cognito-idp:{region}:{account}:userpool/{id}`), by
id, or (as the Serverless Framework writes `authorizer: arn: .../userpool/ExampleUserPool`)
by the pool's name. A JWT issuer is either this service's own issuer URL or AWS's
(`https://cognito-idp.{region}.amazonaws.com/{poolId}`), which stands for the local pool of
that id: keys are never fetched from the internet.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from cfn_cognito.context import Context

POOL_ID = re.compile(r"[\w-]+_[0-9a-zA-Z]+")
_AWS_ISSUER = re.compile(r"https://cognito-idp\.[a-z0-9-]+\.amazonaws\.com/([\w-]+_[0-9a-zA-Z]+)/?")
_LOCAL_HOSTS = ("localhost", "127.0.0.1", "::1")


def _named(ref: str) -> str:
    """The pool part of a ProviderARN (the text after `userpool/`), or the text itself."""
    ref = ref.strip()
    return ref.split(":userpool/", 1)[1] if ":userpool/" in ref else ref


def pool_name(ctx: Context, pool_id: str) -> str | None:
    """A pool's name (names never change, so they are kept once read)."""
    names = ctx.store.gateway.memo.setdefault("pool_names", {})
    if pool_id not in names:
        pool = ctx.store.pools.get("", pool_id)
        if pool is None:
            return None
        names[pool_id] = pool.get("Name")
    return names[pool_id]


def admits(ctx: Context, refs: tuple[str, ...], pool_id: str) -> bool:
    """Whether a token of `pool_id` is one that ProviderARNs `refs` accept."""
    named = {_named(ref) for ref in refs}
    if pool_id in named:
        return True
    name = pool_name(ctx, pool_id)
    return name is not None and name in named


def pool_of_issuer(ctx: Context, issuer: str) -> str | None:
    """The local pool a JWT authorizer's Issuer stands for, or None (not a pool of ours)."""
    issuer = (issuer or "").strip()
    match = _AWS_ISSUER.fullmatch(issuer)
    if match:
        return match.group(1)
    parts = urlsplit(issuer)
    own = urlsplit(ctx.settings.base_url)
    candidate = parts.path.strip("/")
    if parts.scheme in ("http", "https") and POOL_ID.fullmatch(candidate) and (
            (parts.hostname or "") in _LOCAL_HOSTS or parts.hostname == own.hostname):
        return candidate
    return None
