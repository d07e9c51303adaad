"""CSRF protection of the hosted UI's forms.

The browser holds a random `XSRF-TOKEN` cookie (HttpOnly, SameSite=Lax, as AWS's hosted UI
names it); every form carries `_csrf`, an HMAC of that cookie under a server-side secret. A
page of another origin can neither read the cookie nor, without the secret, make a token
that matches a cookie it planted (cookies are shared across the ports of localhost).
"""

from __future__ import annotations

import base64
import hashlib
import hmac

from cfn_cognito.context import Context

COOKIE = "XSRF-TOKEN"
FIELD = "_csrf"
_BYTES = 32


def _random(ctx: Context) -> str:
    raw = ctx.rng.getrandbits(_BYTES * 8).to_bytes(_BYTES, "big")
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")


def new_cookie(ctx: Context) -> str:
    return _random(ctx)


def token_for(ctx: Context, cookie: str) -> str:
    """The `_csrf` value that goes with this cookie."""
    key = ctx.store.oauth.secret("csrf", _random(ctx)).encode("ascii")
    mac = hmac.new(key, cookie.encode("utf-8", "surrogatepass"), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(mac).rstrip(b"=").decode("ascii")


def valid(ctx: Context, cookie: str | None, token: str | None) -> bool:
    if not cookie or not token:
        return False
    return hmac.compare_digest(token_for(ctx, cookie).encode(), token.encode("utf-8", "replace"))
