"""The names the server's certificate covers: every name the service answers at.

`*.localhost` covers one label (`{apiId}.execute-api.localhost` and
`{prefix}.auth.{region}.localhost` are deeper, so they have wildcards of their own; see
gateway/endpoints.py and oauth/hosts.py), and some browsers refuse a wildcard that sits
right under a top-level name, so `localhost` alone is named too.
"""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

from cfn_cognito.config import Settings
from cfn_cognito.hostnames import is_ip

_LOOPBACK = ["localhost", "127.0.0.1", "::1"]
_UNSPECIFIED = {"0.0.0.0", "::", ""}


def server_names(settings: Settings) -> list[str]:
    names = [*_LOOPBACK, "*.localhost", "*.execute-api.localhost",
             f"*.auth.{settings.region}.localhost"]
    public_host = urlsplit(settings.public_url).hostname if settings.public_url else None
    if public_host:
        names.append(public_host)
    # A specific address bound (a LAN address, say) is one clients may call too.
    if settings.host not in _UNSPECIFIED and is_ip(settings.host):
        names.append(str(ipaddress.ip_address(settings.host)))
    return list(dict.fromkeys(name.lower() for name in names))

