"""Parameter mapping expressions of REST APIs, read from a request: `'literal'`,
`method.request.header.NAME`, `method.request.querystring.NAME`, `method.request.path.NAME`,
`method.request.multivalueheader.NAME`, `method.request.multivaluequerystring.NAME`,
`stageVariables.NAME` and `context.NAME` (dotted)."""

from __future__ import annotations

from cfn_cognito.gateway.invocation import Invocation


class RequestValues:
    def __init__(self, inv: Invocation, context: dict | None = None):
        self.inv = inv
        self.context = context or {}

    def get(self, expression: str) -> str | None:
        """The expression's value for this request; None when it names nothing sent."""
        text = expression.strip()
        if len(text) >= 2 and text[0] == text[-1] == "'":
            return text[1:-1]
        request = self.inv.request
        head, _, name = text.rpartition(".")
        if text.startswith("method.request.header."):
            return request.header(text[len("method.request.header."):])
        if text.startswith("method.request.multivalueheader."):
            wanted = text[len("method.request.multivalueheader."):].lower()
            found = [v for k, v in request.headers if k.lower() == wanted]
            return ",".join(found) if found else None
        if head == "method.request.querystring" or head == "method.request.multivaluequerystring":
            found = [v for k, v in request.query_pairs if k == name]
            if not found:
                return None
            return found[-1] if head.endswith("querystring") and "multi" not in head \
                else ",".join(found)
        if head == "method.request.path":
            return self.inv.parameters.get(name)
        if head == "stageVariables":
            return self.inv.stage_variables.get(name)
        if text.startswith("context."):
            value = self.context
            for step in text[len("context."):].split("."):
                value = value.get(step) if isinstance(value, dict) else None
            return None if value is None or isinstance(value, (dict, list)) else str(value)
        return None

    def params(self) -> dict:
        """The request's parameters as $input.params() gives them."""
        request = self.inv.request
        return {"path": dict(self.inv.parameters),
                "querystring": dict(request.query_pairs),
                "header": dict(request.headers)}
