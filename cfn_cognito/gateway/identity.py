"""Who a request's authorization let in, as the integration's event tells it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Identity:
    kind: str                           # "none" | "cognito" | "jwt" | "lambda" | "iam"
    claims: dict | None = None          # cognito, jwt: the token's claims
    principal_id: str | None = None     # lambda (policy responses)
    context: dict | None = None         # lambda: the authorizer's context
    latency_ms: int = 0                 # lambda: how long the authorizer took
    caller: object | None = None        # iam: identity.sigv4.Caller
    usage_key: str | None = None        # lambda: usageIdentifierKey (API key source AUTHORIZER)
    api_key: str | None = None          # the API key the request used
    api_key_id: str | None = None


NOBODY = "none"
