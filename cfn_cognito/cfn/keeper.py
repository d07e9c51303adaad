"""Stacks in progress when several instances share one database.

The instance working on a stack is its `owner` (store/stacks.py) and renews a heartbeat
every HEARTBEAT_SECONDS while it works. Any instance settles a stack whose owner is dead, as
CloudFormation settles work that can no longer finish (CREATE_FAILED, UPDATE_ROLLBACK_FAILED,
...): an owner is dead when its heartbeat is older than STALE_SECONDS, or at once when it was
a process of this host that no longer runs (a restart after kill -9 settles its own stacks
straight away). A conditional update hands each dead owner's stack to one instance only.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import time

from cfn_cognito.context import Context

LOG = logging.getLogger(__name__)

HEARTBEAT_SECONDS = 5.0
STALE_SECONDS = 30.0


def owner_dead(owner: str, heartbeat: float, now: float, me: str) -> bool:
    if owner == me:
        return False
    if not owner or now - heartbeat > STALE_SECONDS:
        return True
    host, _, rest = owner.partition("|")
    pid_text = rest.partition("|")[0]
    if host != socket.gethostname() or not pid_text.isdigit():
        return False
    pid = int(pid_text)
    if pid == os.getpid():
        return True     # an earlier process of this one's id (the random part differs)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


def settle_orphans(ctx: Context) -> int:
    """Settle every stack whose owner is dead; how many this instance settled."""
    store, settled = ctx.store, 0
    now = time.time()
    for stack_id, owner, heartbeat in store.stacks.worked_on():
        if not owner_dead(owner, heartbeat, now, store.instance):
            continue
        doc = store.stacks.take_over(stack_id, owner, heartbeat)
        if doc is None:
            continue
        from cfn_cognito.cfn import stacks     # the engine, only when there is work for it
        LOG.warning("stack %s was left %s by a stopped instance (%s): settling it",
                    doc["StackName"], doc["StackStatus"], owner or "unknown")
        stacks.settle_interrupted(ctx, doc)
        settled += 1
    return settled


class Keeper:
    """The thread that beats for this instance's stacks and settles dead owners' ones."""

    def __init__(self, ctx: Context):
        self.ctx = ctx
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="cfn-keeper", daemon=True)

    def start(self) -> "Keeper":
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout=HEARTBEAT_SECONDS)

    def _run(self) -> None:
        while not self._stop.wait(HEARTBEAT_SECONDS):
            try:
                self.ctx.store.stacks.beat()
                settle_orphans(self.ctx)
            except Exception:   # a database hiccup: try again at the next beat
                LOG.exception("stack keeper")
