"""The inbox filters of `/_cfn_cognito/messages` and the console, read from a query string."""

from __future__ import annotations

from datetime import datetime, timezone

FILTERS = ("pool", "username", "to", "kind", "since")


class BadFilter(ValueError):
    """A filter value that cannot mean anything (the message says which and why)."""


def parse_since(text: str) -> float:
    """Epoch seconds (`1717000000.5`) or an ISO 8601 time (`2024-05-29T16:26:40Z`; no zone
    means UTC)."""
    try:
        return float(text)
    except ValueError:
        pass
    try:
        when = datetime.fromisoformat(text)
    except ValueError:
        raise BadFilter("since must be epoch seconds or an ISO 8601 time, e.g. "
                        "2024-05-29T16:26:40Z") from None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return when.timestamp()


def from_query(args) -> dict:
    """Keyword arguments for inbox.messages / inbox.clear from query parameters (a mapping);
    empty values are no filter."""
    chosen = {name: args.get(name) or None for name in FILTERS}
    if chosen["since"] is not None:
        chosen["since"] = parse_since(chosen["since"])
    chosen["pool_id"] = chosen.pop("pool")
    return chosen
