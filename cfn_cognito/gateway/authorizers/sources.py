"""An authorizer's identity sources read from a request: headers, query string parameters,
stage variables and context variables."""

from __future__ import annotations

from cfn_cognito.gateway.invocation import Invocation
from cfn_cognito.gateway.model import IdentitySource

BEARER = "bearer "


def _context(inv: Invocation) -> dict[str, str]:
    operation = inv.operation
    return {"requestId": inv.request_id, "httpMethod": inv.request.method,
            "stage": inv.stage.name, "path": inv.stage_path, "resourcePath": inv.resource_path,
            "routeKey": operation.route_key if operation else "", "apiId": inv.api.id,
            "domainName": inv.domain_name, "identity.sourceIp": inv.request.source_ip,
            "identity.userAgent": inv.request.user_agent or "",
            "accountId": inv.ctx.settings.account_id}


def value(inv: Invocation, source: IdentitySource) -> str | None:
    if source.kind == "header":
        return inv.request.header(source.name)
    if source.kind == "querystring":
        found = [v for k, v in inv.request.query_pairs if k == source.name]
        return ",".join(found) if found else None
    if source.kind == "stage":
        return inv.stage_variables.get(source.name)
    return _context(inv).get(source.name)


def values(inv: Invocation, sources) -> list[str | None]:
    return [value(inv, source) for source in sources]


def bearer_token(text: str | None) -> str:
    """A token as sent, without the `Bearer ` in front of it if there is one."""
    text = (text or "").strip()
    return text[len(BEARER):].strip() if text.lower().startswith(BEARER) else text
