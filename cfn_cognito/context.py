"""What every service function receives: settings, store, clock and random source.

The clock and the random source are injectable so that expiry and codes can be tested.
"""

from __future__ import annotations

import secrets
import time
from dataclasses import dataclass, field
from typing import Callable

from cfn_cognito.config import Settings
from cfn_cognito.store import Store


@dataclass
class Context:
    settings: Settings
    store: Store
    clock: Callable[[], float] = time.time
    rng: secrets.SystemRandom = field(default_factory=secrets.SystemRandom)
    request_id: str = ""
    # The address the request came from ('' outside a request): what the user session API
    # reports as a session's LastIPAddress.
    client_ip: str = ""

    def now(self) -> float:
        """The current time as AWS returns dates: epoch seconds with milliseconds."""
        return round(self.clock(), 3)


def factory(settings: Settings, store: Store, **overrides) -> Callable[..., Context]:
    """`make(request_id="", client_ip="")`: a Context per request, with the given clock/rng
    overrides."""

    def make(request_id: str = "", client_ip: str = "") -> Context:
        return Context(settings=settings, store=store, request_id=request_id,
                       client_ip=client_ip, **overrides)

    return make
