"""MOCK: an answer made by API Gateway from the integration alone (the OPTIONS methods that
`cors: true` generates are these). The request template's `statusCode` picks the integration
response whose SelectionPattern matches it (or the one without a pattern); that response's
parameters give the headers, its template the body."""

from __future__ import annotations

import re

from cfn_cognito.gateway import events, templates
from cfn_cognito.gateway.identity import Identity
from cfn_cognito.gateway.invocation import Invocation
from cfn_cognito.gateway.model import IntegrationResponse
from cfn_cognito.gateway.parameters import RequestValues
from cfn_cognito.gateway.responses import JSON, GatewayError, Reply

_STATUS = re.compile(r"""["']?statusCode["']?\s*:\s*["']?(\d{3})""")
_HEADER = "method.response.header."


def _chosen(pairs, content_type: str) -> tuple[str, str] | None:
    found = dict(pairs)
    if not found:
        return None
    for kind in (content_type, JSON):
        if kind in found:
            return kind, found[kind]
    return next(iter(found.items()))


def _response(responses, status: str) -> IntegrationResponse | None:
    for response in responses:
        if response.pattern and re.fullmatch(response.pattern, status):
            return response
    return next((r for r in responses if not r.pattern), None)


def run(inv: Invocation, identity: Identity) -> Reply:
    integration = inv.operation.integration
    context = events.template_context(inv, identity)
    values = RequestValues(inv, context)
    scope = templates.Scope(context=context, stage_variables=inv.stage_variables,
                            params=values.params(),
                            body=inv.request.body.decode("utf-8", errors="replace"))
    content_type = (inv.request.header("Content-Type") or JSON).split(";")[0].strip().lower()
    request_template = _chosen(integration.request_templates, content_type)
    rendered = templates.render(request_template[1], scope) if request_template else ""
    found = _STATUS.search(rendered)
    status = found.group(1) if found else "200"
    response = _response(integration.responses, status)
    if response is None:
        raise GatewayError("API_CONFIGURATION_ERROR",
                           log=f"the MOCK integration has no response for status {status}")
    headers = []
    for name, expression in response.parameters:
        if name.startswith(_HEADER):
            value = values.get(expression)
            if value is not None:
                headers.append((name[len(_HEADER):], value))
    accept = (inv.request.header("Accept") or JSON).split(",")[0].split(";")[0].strip().lower()
    response_template = _chosen(response.templates, accept)
    body = templates.render(response_template[1], scope) if response_template else ""
    if not any(k.lower() == "content-type" for k, _ in headers):
        headers.append(("Content-Type", response_template[0] if response_template else JSON))
    return Reply(int(response.status), headers, body.encode("utf-8"))
