"""Which OAuth scopes a request is granted, from what it asks and what the client allows."""

from __future__ import annotations

from cfn_cognito.idp.appclients.clients import RESERVED_SCOPES

OPENID = "openid"
# Scopes that only mean something next to openid.
NEEDS_OPENID = ("email", "phone", "profile")


def parse(text: str | None) -> list[str] | None:
    """The scopes of a space-separated `scope` parameter (None when it was not given, or
    given empty)."""
    if text is None or not text.strip():
        return None
    return list(dict.fromkeys(text.split()))


def granted(client: dict, requested: list[str] | None) -> list[str]:
    """The scopes a user sign-in gets, in the client's order: those asked for that the client
    allows (asked-for scopes it does not allow are ignored, as AWS does), all it allows when
    none were named. email, phone and profile go only with openid."""
    allowed = client.get("AllowedOAuthScopes") or []
    wanted = allowed if requested is None else [s for s in allowed if s in requested]
    if OPENID not in wanted:
        wanted = [s for s in wanted if s not in NEEDS_OPENID]
    return list(wanted)


def custom(scopes) -> list[str]:
    """The resource-server scopes (`{identifier}/{name}`) among `scopes`."""
    return [s for s in scopes if s not in RESERVED_SCOPES]
