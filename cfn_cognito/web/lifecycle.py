"""What the service does around serving requests, in one place: settle at start, stop the
parts that own threads or processes at exit, wipe everything on reset.

The parts that own threads or processes are the Lambda workers (lambdas.stop_workers), the
mail sending threads (mail.stop), both started on first use, and the stack keeper of each
worker process (cfn/keeper.py).
"""

from __future__ import annotations

import logging

from cfn_cognito import lambdas
from cfn_cognito.cfn import keeper
from cfn_cognito.context import Context
from cfn_cognito.store import Store

LOG = logging.getLogger(__name__)

_KEEPER: list[keeper.Keeper] = []


def start(ctx: Context) -> None:
    """Before any worker starts, once per instance: function code an older version installed
    is made the owner's alone (the database was, by open_store); stacks a stopped process
    left in progress are settled (the work died with it), so that they can be deleted or
    deployed again."""
    lambdas.tighten_code(ctx.store.data_dir)
    keeper.settle_orphans(ctx)


def start_worker(ctx: Context) -> None:
    """In each worker process, once it has its store: the stack keeper beats for the stacks
    this process works on and settles those of processes or instances that die later
    (cfn/keeper.py)."""
    _KEEPER.append(keeper.Keeper(ctx).start())


def stop() -> None:
    """At exit: end the stack keeper, the mail threads (what still waits is logged) and the
    Lambda workers."""
    while _KEEPER:
        _KEEPER.pop().stop()
    _stop_mail()
    lambdas.stop_workers()


def reset(store: Store) -> None:
    """All state wiped, as on a fresh data directory: no warm worker runs old code, no
    queued email of a deleted user goes out."""
    store.reset()
    lambdas.stop_workers(store.data_dir)
    _stop_mail()
    LOG.info("all state reset")


def _stop_mail() -> None:
    # Imported here: the mail package (smtplib, email) is loaded by the first email a worker
    # sends, not by start-up.
    from cfn_cognito import mail
    mail.stop()
