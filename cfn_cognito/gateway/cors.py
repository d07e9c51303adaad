"""CORS of HTTP APIs (CorsConfiguration): API Gateway answers preflight requests itself (even
without an OPTIONS route) and puts the configured headers on every answer to an allowed
Origin, in place of any its integration sent."""

from __future__ import annotations

from cfn_cognito.gateway.model import Cors
from cfn_cognito.gateway.request import GatewayRequest
from cfn_cognito.gateway.responses import Reply


def is_preflight(request: GatewayRequest) -> bool:
    return (request.method.upper() == "OPTIONS" and request.header("Origin") is not None
            and request.header("Access-Control-Request-Method") is not None)


def _allowed_origin(cors: Cors, origin: str | None) -> str | None:
    if not origin:
        return None
    if "*" in cors.allow_origins:
        return origin if cors.allow_credentials else "*"
    return origin if origin in cors.allow_origins else None


def preflight(cors: Cors, request: GatewayRequest) -> Reply:
    reply = Reply(204)
    origin = _allowed_origin(cors, request.header("Origin"))
    if origin is None:
        return reply
    reply.headers.append(("access-control-allow-origin", origin))
    if cors.allow_credentials:
        reply.headers.append(("access-control-allow-credentials", "true"))
    methods = cors.allow_methods
    if methods:
        wanted = (request.header("Access-Control-Request-Method") or "").upper()
        reply.headers.append(("access-control-allow-methods",
                              wanted if "*" in methods and wanted else ",".join(methods)))
    if cors.allow_headers:
        asked = request.header("Access-Control-Request-Headers")
        reply.headers.append(("access-control-allow-headers",
                              asked.lower() if "*" in cors.allow_headers and asked
                              else ",".join(cors.allow_headers)))
    if cors.expose_headers:
        reply.headers.append(("access-control-expose-headers", ",".join(cors.expose_headers)))
    if cors.max_age is not None:
        reply.headers.append(("access-control-max-age", str(cors.max_age)))
    return reply


def decorate(cors: Cors, request: GatewayRequest, reply: Reply) -> None:
    """The configured CORS headers on an answer (the integration's own CORS headers go)."""
    reply.headers = [(k, v) for k, v in reply.headers
                     if not k.lower().startswith("access-control-")]
    origin = _allowed_origin(cors, request.header("Origin"))
    if origin is None:
        return
    reply.headers.append(("access-control-allow-origin", origin))
    if cors.allow_credentials:
        reply.headers.append(("access-control-allow-credentials", "true"))
    if cors.expose_headers:
        reply.headers.append(("access-control-expose-headers", ",".join(cors.expose_headers)))
