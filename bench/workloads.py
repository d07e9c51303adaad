"""The workloads, run in this order against every service: one small function each.

A workload takes a Harness (one running service) and returns what it measured: a Timing
from `h.time(call)` (p50, p95 and calls/s rows) or a Value (one row). Register it with
`@workload("Title")`; `threads=(1, 4)` runs it once per thread count, `only=("ours",)` keeps
it to this service (every other column shows n/a). A service that answers an operation as
unsupported, or a workload that raises NotSupported, shows n/a for that workload's rows.

Set-up calls (creating a pool, seeding users) go through `h.api()` before `h.time`, so only
the operation under test is timed. Names must be unique within a run: use `h.unique(...)`
or the call's index `i`.
"""

from __future__ import annotations

import functools
import time
from dataclasses import dataclass
from typing import Callable

from bench.harness import Harness

IDLE_SETTLE_SECONDS = 1.0


class NotSupported(Exception):
    """The service cannot run this workload (its reason is shown under the table)."""


@dataclass(frozen=True)
class Workload:
    title: str
    run: Callable[[Harness], object]
    only: tuple[str, ...] | None = None   # service kinds or names that can run it

    def applies_to(self, name: str, kind: str) -> bool:
        return self.only is None or name in self.only or kind in self.only


WORKLOADS: list[Workload] = []


def workload(title: str, *, threads: tuple[int, ...] | None = None,
             only: tuple[str, ...] | None = None):
    """Register the decorated function as a workload (once per thread count if given)."""
    def register(fn):
        if threads is None:
            WORKLOADS.append(Workload(title, fn, only))
        for n in threads or ():
            label = title if n == 1 else f"{title}, {n} threads"
            WORKLOADS.append(Workload(label, functools.partial(fn, threads=n), only))
        return fn
    return register


def create_pool(h: Harness) -> str:
    """A fresh user pool for a workload's set-up; its id."""
    pool = h.api().call("CreateUserPool", {"PoolName": h.unique("bench-pool-")})
    return pool["UserPool"]["Id"]


@workload("idle RSS")
def idle_rss(h: Harness):
    # Right after start-up (plus a moment to settle), before any workload has run.
    time.sleep(IDLE_SETTLE_SECONDS)
    return h.rss()


@workload("CreateUserPool")
def create_user_pool(h: Harness):
    return h.time(lambda api, i: api.call("CreateUserPool", {"PoolName": f"bench-create-{i}"}))


@workload("DescribeUserPool", threads=(1, 4))
def describe_user_pool(h: Harness, threads: int):
    pool_id = create_pool(h)
    return h.time(lambda api, i: api.call("DescribeUserPool", {"UserPoolId": pool_id}),
                  threads=threads)
