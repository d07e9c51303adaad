"""Host names as the service tells them apart (Host headers, certificates, pool domains)."""

from __future__ import annotations

import ipaddress


def is_ip(name: str) -> bool:
    """Whether `name` is an IPv4 or IPv6 address rather than a name."""
    try:
        ipaddress.ip_address(name)
    except ValueError:
        return False
    return True
