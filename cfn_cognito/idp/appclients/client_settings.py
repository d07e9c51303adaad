"""Settings of an app client kept apart from the client document (its secrets, classic
hosted UI customization, risk configuration, session configuration, managed login branding
and terms): they go
when the client goes."""

from __future__ import annotations

from cfn_cognito.context import Context


def forget_client(ctx: Context, pool_id: str, client_id: str) -> None:
    """Drop every setting of a deleted client (call inside the deleting transaction)."""
    store = ctx.store
    for table in (store.client_secrets, store.ui_customizations, store.risk_configurations,
                  store.session_configurations):
        table.delete(pool_id, client_id)
    for table in (store.managed_login_brandings, store.terms):
        for doc in table.all(pool_id):
            if doc.get("ClientId") == client_id:
                key = doc.get("TermsId") or doc["ManagedLoginBranding"]["ManagedLoginBrandingId"]
                table.delete(pool_id, key)
