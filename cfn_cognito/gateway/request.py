"""An HTTP request as the gateway sees it (no web framework in it), and which API, stage and
path it addresses: `http://{apiId}.execute-api.localhost:{port}/{stage}/{path}` (Host-based)
or `{base}/restapis/{apiId}/{stage}/_user_request_/{path}` (LocalStack's path form)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from urllib.parse import parse_qsl, unquote

_API_HOST = re.compile(r"([a-z0-9]{1,32})\.execute-api\.[a-z0-9.-]+")
_PATH_FORM = re.compile(r"/restapis/([A-Za-z0-9]{1,32})/([^/]+)/_user_request_(/.*)?")
PATH_FORM_PREFIX = "/restapis/"


@dataclass
class GatewayRequest:
    method: str
    raw_path: str                       # the path as sent, percent-encoded
    query: str                          # the query string as sent, without "?"
    headers: list[tuple[str, str]]      # as sent, in order
    body: bytes = b""
    source_ip: str = ""
    host: str = ""                      # the Host header
    scheme: str = "http"
    _lower: dict = field(default_factory=dict, repr=False)

    def header(self, name: str) -> str | None:
        """A header's value (the last one sent), whatever the case of its name."""
        if not self._lower:
            self._lower = {k.lower(): v for k, v in self.headers}
        return self._lower.get(name.lower())

    @cached_property
    def query_pairs(self) -> list[tuple[str, str]]:
        """(name, value) of the query string, decoded, in order."""
        return parse_qsl(self.query, keep_blank_values=True)

    @property
    def user_agent(self) -> str | None:
        return self.header("User-Agent")

    @cached_property
    def event_headers(self) -> list[tuple[str, str]]:
        """The headers an integration's event carries: the request's, and the X-Forwarded-*
        ones API Gateway adds (client address, port and scheme) unless they were sent."""
        port = self.host.rsplit(":", 1)[1] if self.host.count(":") == 1 else \
            ("443" if self.scheme == "https" else "80")
        added = [("X-Forwarded-For", self.source_ip), ("X-Forwarded-Port", port),
                 ("X-Forwarded-Proto", self.scheme)]
        return self.headers + [(k, v) for k, v in added if self.header(k) is None]


@dataclass(frozen=True)
class Target:
    """What a request addresses: the API, the stage (None: the Host-based form, where the
    API's kind decides whether the first segment is a stage) and the raw path after it."""

    api_id: str
    stage: str | None
    path: str


def hostname(host_header: str) -> str:
    host = (host_header or "").strip().lower()
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


def target(host_header: str, raw_path: str) -> Target | None:
    """The API a request is for, or None when it is for the rest of the service."""
    match = _API_HOST.fullmatch(hostname(host_header))
    if match:
        return Target(match.group(1), None, raw_path or "/")
    if raw_path.startswith(PATH_FORM_PREFIX):
        found = _PATH_FORM.fullmatch(raw_path)
        if found:
            return Target(found.group(1), unquote(found.group(2)), found.group(3) or "/")
    return None


def split_stage(path: str) -> tuple[str, str]:
    """(first segment decoded, the rest of the path) of a Host-based request's path."""
    stripped = path.lstrip("/")
    first, slash, rest = stripped.partition("/")
    return unquote(first), "/" + rest if slash else "/"
