"""Which pool a hosted UI request addresses, by the Host it was sent to.

AWS serves a pool's hosted UI at `https://{prefix}.auth.{region}.amazoncognito.com`; here the
same prefix answers at `http://{prefix}.auth.{region}.localhost:{port}` (browsers resolve every
`*.localhost` name to this machine), and a custom domain at its own name once that name is
in --allowed-hosts (web/host_guard.py refuses other names). At the service's
own address (localhost, 127.0.0.1, the public URL) the pool is found from the client_id, as
the seed's `http://localhost:4566/login?client_id=...` shows.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from cfn_cognito.context import Context
from cfn_cognito.hostnames import is_ip
from cfn_cognito.idp.userpools.domains import pool_for_domain

DOMAIN_HOST = re.compile(r"([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)\.auth\.([a-z0-9-]+)\.localhost")
_LOCAL_NAMES = {"localhost", ""}


class UnknownDomain(LookupError):
    """A `*.auth.{region}.localhost` name that no pool's domain has."""


def hostname(host_header: str) -> str:
    """The name in a Host header, lower-cased, without port or IPv6 brackets."""
    host = (host_header or "").strip().lower()
    if host.startswith("["):
        return host[1:host.find("]")] if "]" in host else host[1:]
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


def is_domain_host(host_header: str) -> bool:
    return DOMAIN_HOST.fullmatch(hostname(host_header)) is not None


def pool_of_host(ctx: Context, host_header: str) -> str | None:
    """The id of the pool whose domain `host_header` names; None for the service's own
    address (the client_id decides the pool there). UnknownDomain for a domain of nobody."""
    name = hostname(host_header)
    match = DOMAIN_HOST.fullmatch(name)
    if match:
        prefix, region = match.groups()
        pool_id = pool_for_domain(ctx, prefix) if region == ctx.settings.region else None
        if pool_id is None:
            raise UnknownDomain(name)
        return pool_id
    if name in _LOCAL_NAMES or "." not in name or is_ip(name) \
            or name == urlsplit(ctx.settings.base_url).hostname:
        return None
    found = ctx.store.domains.find(name)
    if found and (found[1].get("CustomDomainConfig") or {}).get("CertificateArn"):
        return found[0]
    return None


def domain_base_url(ctx: Context, prefix: str) -> str:
    """Where a domain prefix answers: the service's scheme and port, the domain's name."""
    parts = urlsplit(ctx.settings.base_url)
    port = f":{parts.port}" if parts.port else ""
    return f"{parts.scheme}://{prefix}.auth.{ctx.settings.region}.localhost{port}"


def pool_domain_url(ctx: Context, pool_id: str) -> str | None:
    """The base URL of the pool's prefix domain, if it has one."""
    for domain in ctx.store.domains.all(pool_id):
        if not (domain.get("CustomDomainConfig") or {}).get("CertificateArn"):
            return domain_base_url(ctx, domain["Domain"])
    return None

