"""Running a stack operation for the API. The work runs in the background, as
CloudFormation's does, while the call that started it waits up to SETTLE_SECONDS for it to
end: the waiters of botocore and the AWS CLI poll every 30 seconds, and a local stack is
usually done in one or two, so they find it ended at their first look."""

from __future__ import annotations

import threading
from typing import Callable

from cfn_cognito.cfn import stacks
from cfn_cognito.context import Context

# Below the AWS CLI's 60-second read timeout.
SETTLE_SECONDS = 20.0


def settle(work: Callable[[], None]) -> None:
    thread = threading.Thread(target=work, name="cfn-stack", daemon=True)
    thread.start()
    thread.join(SETTLE_SECONDS)


def deleting_on_failure(ctx: Context, name: str, work: Callable[[], None]) -> Callable[[], None]:
    """`work` (a create), followed by the stack's delete when it rolled back (OnFailure
    DELETE)."""
    def run():
        work()
        doc = ctx.store.stacks.latest(name)
        if doc and doc["StackStatus"] == "ROLLBACK_COMPLETE":
            stacks.delete(ctx, name, start=lambda delete: delete())
    return run
