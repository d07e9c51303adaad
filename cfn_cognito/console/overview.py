"""What the developer console shows, read through the store's accessors (no Flask here):
every pool with its clients and first users, and the newest messages of the inbox."""

from __future__ import annotations

from datetime import datetime, timezone

from cfn_cognito.context import Context
from cfn_cognito.idp.accounts import attributes
from cfn_cognito.idp.appclients import clients
from cfn_cognito.idp.accounts import inbox

USERS_SHOWN = 100  # per pool
MESSAGES_SHOWN = 50


def _when(epoch: float) -> dict:
    moment = datetime.fromtimestamp(epoch, timezone.utc)
    return {"text": moment.strftime("%Y-%m-%d %H:%M:%S"), "iso": moment.isoformat()}


def _sign_in(pool: dict) -> str:
    if pool.get("UsernameAttributes"):
        return " or ".join(pool["UsernameAttributes"]) + " (as the username)"
    return ", ".join(["username", *(pool.get("AliasAttributes") or [])])


def _user(record) -> dict:
    def contact(name: str) -> dict | None:
        value = attributes.get(record, name)
        return {"value": value, "verified": attributes.is_verified(record, name)} if value else None
    return {"username": record.username, "status": record.status, "enabled": record.enabled,
            "email": contact("email"), "phone": contact("phone_number"),
            "created": _when(record.created)}


def _client(client: dict) -> dict:
    # The flows it permits, as short names: ALLOW_USER_SRP_AUTH is "user SRP".
    flows = sorted(f.removeprefix("ALLOW_").removesuffix("_AUTH").replace("_", " ").lower()
                   .replace("srp", "SRP") for f in clients.auth_flows(client))
    return {"name": client.get("ClientName", ""), "id": client["ClientId"],
            "has_secret": bool(client.get("ClientSecret")), "flows": ", ".join(flows)}


def _pool(ctx: Context, pool: dict) -> dict:
    users, _ = ctx.store.users.page(pool["Id"], "", USERS_SHOWN)
    return {
        "id": pool["Id"], "name": pool.get("Name", ""), "created": _when(pool["CreationDate"]),
        "sign_in": _sign_in(pool),
        "codes_to": ", ".join(pool.get("AutoVerifiedAttributes") or []) or "nowhere",
        "user_count": ctx.store.users.count(pool["Id"]),
        "clients": [_client(c) for c in ctx.store.clients.all(pool["Id"])],
        "users": [_user(u) for u in users],
    }


def overview(ctx: Context, pool_id: str | None = None, username: str | None = None) -> dict:
    """Pools (oldest first) and the newest inbox messages (newest first), the messages
    narrowed to one pool and/or user when given."""
    pools = [_pool(ctx, p) for p in ctx.store.pools.all("")]
    names = {p["id"]: p["name"] for p in pools}
    found = inbox.messages(ctx, pool_id=pool_id, username=username, limit=MESSAGES_SHOWN)
    messages = [{**m, "pool_name": names.get(m["pool"], m["pool"]), "sent": _when(m["time"])}
                for m in reversed(found)]
    settings = ctx.settings
    smtp = "%s:%d" % settings.smtp_address if settings.smtp_host else None
    return {"pools": pools, "messages": messages, "smtp": smtp,
            "filters": {"pool": pool_id or "", "username": username or ""}}
