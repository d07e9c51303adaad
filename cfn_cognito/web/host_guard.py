"""Refusing requests addressed to a host name that is not this service's (DNS rebinding).

A page of `http://rebind.evil.example:4566` whose name the attacker then points at
127.0.0.1 reaches this service from the developer's browser as its own origin: `Host` and
`Origin` both say `rebind.evil.example:4566`, so the browser lets the page read every answer
and the cross-site guard (cross_site.py) sees a same-origin request. The name in `Host` is
the one thing such a page cannot choose to be ours. So, as Vite's and webpack-dev-server's
`allowedHosts` do, a request is served only when its `Host` names:
- `localhost` or a name under it (`*.localhost`: API Gateway's `{id}.execute-api.localhost`,
  hosted UI domains `{prefix}.auth.{region}.localhost`; browsers resolve them to loopback);
- an IP address (127.0.0.1, [::1], or the machine's own address with `--host 0.0.0.0`):
  a rebinding needs a name to re-point, and a page at an address is that address's own;
- the host of `--public-url`, or one listed in `--allowed-hosts` (`.example.com` for the
  domain and every name under it).
Anything else gets a plain 403 before any handler runs, the AWS JSON fast path included.
A request with no Host (HTTP/1.0 tools) is not a browser's and passes.

This runs on every SDK call: names seen to pass are remembered, so the check is one set
lookup.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from cfn_cognito.config import Settings
from cfn_cognito.hostnames import is_ip

_REMEMBERED = 1024     # distinct Host values kept (bounded: *.localhost names are endless)
_MESSAGE = ("Blocked request: this service does not answer requests addressed to host {}. "
            "It serves localhost, *.localhost, IP addresses and the --public-url host; "
            "to serve another name, list it in --allowed-hosts "
            "(or CFN_COGNITO_ALLOWED_HOSTS).\n")


def _name(host_header: str) -> str:
    """The lower-cased name of a Host header without its port; "" when it is malformed (a
    port that is not a number, text after an IPv6 address's bracket)."""
    host = host_header.strip().lower()
    if host.startswith("["):
        name, bracket, rest = host[1:].partition("]")
    elif host.count(":") == 1:
        name, colon, port = host.partition(":")
        bracket, rest = "]", colon + port
    else:
        name, bracket, rest = host, "]", ""
    if not bracket or (rest and not (rest[0] == ":" and rest[1:].isdigit())):
        return ""
    return name.rstrip(".")



class HostGuard:
    """WSGI middleware: `HostGuard(app, settings)` serves `app` only to allowed hosts."""

    def __init__(self, app, settings: Settings):
        self.app = app
        public = (urlsplit(settings.base_url).hostname or "").lower()
        allowed = settings.allowed_host_names
        self._names = frozenset({"localhost", public, *(n.lstrip(".") for n in allowed)})
        self._suffixes = (".localhost", *(n for n in allowed if n.startswith(".")))
        self._passed: set[str] = set()

    def allows(self, host_header: str) -> bool:
        """Whether a request with this Host header is served."""
        if host_header in self._passed:
            return True
        name = _name(host_header)
        ok = bool(name) and (name in self._names or name.endswith(self._suffixes)
                             or is_ip(name))
        if ok and len(self._passed) < _REMEMBERED:
            self._passed.add(host_header)
        return ok

    def __call__(self, environ, start_response):
        host = environ.get("HTTP_HOST")
        if host is None or self.allows(host):
            return self.app(environ, start_response)
        shown = ascii(host[:100])
        body = _MESSAGE.format(shown).encode("ascii", "replace")
        start_response("403 Forbidden", [("Content-Type", "text/plain; charset=utf-8"),
                                          ("X-Content-Type-Options", "nosniff"),
                                          ("Cache-Control", "no-store"),
                                          ("Content-Length", str(len(body)))])
        return [body]
