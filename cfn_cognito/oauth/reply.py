"""What the OAuth core answers, free of any web framework: a status, a body, headers and
cookies. The Flask adapter (http.py) turns it into a response."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from urllib.parse import urlencode, urlsplit, urlunsplit

# RFC 6749 §5.1: responses carrying tokens (or their errors) must not be cached.
NO_STORE = {"Cache-Control": "no-store", "Pragma": "no-cache"}


@dataclass(frozen=True)
class Cookie:
    name: str
    value: str
    max_age: int | None = None   # None: until the browser closes; 0: delete it now


@dataclass
class Reply:
    status: int
    body: str = ""
    headers: dict[str, str] = field(default_factory=dict)
    cookies: list[Cookie] = field(default_factory=list)


def json_reply(payload: dict, status: int = 200, headers: dict | None = None) -> Reply:
    return Reply(status, json.dumps(payload, separators=(",", ":")),
                 {"Content-Type": "application/json;charset=UTF-8", **NO_STORE,
                  **(headers or {})})


def redirect(location: str, cookies: list[Cookie] | None = None) -> Reply:
    return Reply(302, "", {"Location": location, **NO_STORE}, list(cookies or []))


def with_params(uri: str, params: dict, *, fragment: bool = False) -> str:
    """`uri` with `params` (None values left out) added to its query, or as its fragment."""
    encoded = urlencode({k: v for k, v in params.items() if v is not None})
    parts = urlsplit(uri)
    if fragment:
        return urlunsplit(parts._replace(fragment=encoded))
    query = f"{parts.query}&{encoded}" if parts.query else encoded
    return urlunsplit(parts._replace(query=query))
