"""Whether a client may use an OAuth flow."""

from __future__ import annotations

from cfn_cognito.oauth.errors import UnauthorizedClientError


def require_flow(client: dict, flow: str) -> None:
    """UnauthorizedClientError unless the client has OAuth on and `flow` among its
    AllowedOAuthFlows."""
    if not client.get("AllowedOAuthFlowsUserPoolClient") \
            or flow not in (client.get("AllowedOAuthFlows") or []):
        raise UnauthorizedClientError(f"the client does not allow the {flow} flow")
