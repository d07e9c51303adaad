"""What the service does around serving requests, in one place: settle at start, stop the
parts that own threads or processes at exit, wipe everything on reset.

The parts that own threads or processes are the Lambda workers (lambdas.stop_workers) and
the mail sending threads (mail.stop); both start on first use, so starting needs nothing
of them.
"""

from __future__ import annotations

import logging

from cfn_cognito import lambdas, mail
from cfn_cognito.cfn import keeper
from cfn_cognito.context import Context
from cfn_cognito.store import Store

LOG = logging.getLogger(__name__)


_KEEPER: list[keeper.Keeper] = []


def start(ctx: Context) -> None:
    """Before the first request: stacks a stopped instance left in progress are settled (the
    work died with that process), so that they can be deleted or deployed again; then the
    stack keeper beats for this instance's stacks and settles those of instances that die
    later (several instances on one database: cfn/keeper.py)."""
    keeper.settle_orphans(ctx)
    _KEEPER.append(keeper.Keeper(ctx).start())


def stop() -> None:
    """At exit: end the stack keeper, the mail threads (what still waits is logged) and the
    Lambda workers."""
    while _KEEPER:
        _KEEPER.pop().stop()
    mail.stop()
    lambdas.stop_workers()


def reset(store: Store) -> None:
    """All state wiped, as on a fresh data directory: no warm worker runs old code, no
    queued email of a deleted user goes out."""
    store.reset()
    lambdas.stop_workers(store.data_dir)
    mail.stop()
    LOG.info("all state reset")
