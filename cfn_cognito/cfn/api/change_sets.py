"""Change sets as kept (store/change_sets.py) and as the API shows them.

A change set keeps what it would deploy (template, parameter values, options) and the
changes worked out when it was made. Its ExecutionStatus is read from the stack: AVAILABLE
while the stack is as it was then (OBSOLETE once it has moved on), and after its execution
what the stack's events tell of that operation.
"""

from __future__ import annotations

from cfn_cognito.cfn.api import lookup, shapes
from cfn_cognito.cfn.api.errors import ChangeSetNotFoundException
from cfn_cognito.cfn.errors import ValidationError
from cfn_cognito.cfn.statuses import STACK_TYPE, SUCCEEDED, TERMINAL
from cfn_cognito.context import Context

COMPLETE = "CREATE_COMPLETE"
FAILED = "FAILED"
NO_CHANGES = ("The submitted information didn't contain changes. Submit different information "
              "to create a change set.")


def fingerprint(stack: dict) -> str:
    """What changes when the stack has moved on (another deploy, a failure)."""
    return "|".join((stack["StackStatus"], stack.get("LastUpdatedTime") or "",
                     stack.get("CreationTime") or ""))


def find(ctx: Context, name_or_id: str, stack_name: str | None) -> tuple[dict, dict]:
    """(change set, its stack) named by ARN, or by name in the stack `stack_name`."""
    missing = ChangeSetNotFoundException(f"ChangeSet [{name_or_id}] does not exist")
    if lookup.is_id(name_or_id):
        found = ctx.store.change_sets.get(name_or_id)
    elif not stack_name:
        raise ValidationError("StackName must be specified if ChangeSetName is not specified "
                              "as an ARN.")
    else:
        stack = lookup.live(ctx, stack_name)
        found = ctx.store.change_sets.named(stack["StackId"], name_or_id) if stack else None
    stack = lookup.live(ctx, found["StackId"]) if found else None
    if stack is None:       # the change sets of a deleted stack go with it
        raise missing
    return found, stack


def execution_status(ctx: Context, change_set: dict, stack: dict) -> str:
    after = change_set.get("ExecutedAfter")
    if after is not None:
        for _, event in ctx.store.stacks.events(stack["StackId"], after):
            if event["ResourceType"] == STACK_TYPE and event["ResourceStatus"] in TERMINAL:
                return ("EXECUTE_COMPLETE" if event["ResourceStatus"] in SUCCEEDED
                        else "EXECUTE_FAILED")
        return "EXECUTE_IN_PROGRESS"
    if change_set["Status"] != COMPLETE:
        return "UNAVAILABLE"
    if fingerprint(stack) != change_set["StackFingerprint"]:
        return "OBSOLETE"
    return "AVAILABLE"


_SHOWN = ("ChangeSetName", "ChangeSetId", "StackId", "StackName", "Description", "CreationTime",
          "Status", "StatusReason", "OnStackFailure")


def described(ctx: Context, change_set: dict, stack: dict, values: bool) -> dict:
    """The change set as DescribeChangeSet gives it; `values`: with property values."""
    out = {k: change_set[k] for k in _SHOWN if change_set.get(k)}
    out.update(
        ExecutionStatus=execution_status(ctx, change_set, stack),
        Parameters=shapes.parameter_list(change_set["Values"], change_set["NoEcho"]),
        Capabilities=change_set.get("Capabilities") or [],
        NotificationARNs=change_set.get("NotificationARNs") or [],
        Tags=change_set.get("Tags") or [],
        RollbackConfiguration={},
        IncludeNestedStacks=False,
        Changes=change_set["Changes"] if values else [_without_values(c) for c in
                                                       change_set["Changes"]],
    )
    return out


def _without_values(change: dict) -> dict:
    resource = dict(change["ResourceChange"])
    resource.pop("BeforeContext", None)
    resource.pop("AfterContext", None)
    resource["Details"] = [
        {**d, "Target": {k: v for k, v in d["Target"].items()
                         if k not in ("BeforeValue", "AfterValue")}}
        for d in resource.get("Details", [])]
    return {**change, "ResourceChange": resource}


def summary(ctx: Context, change_set: dict, stack: dict) -> dict:
    """The change set as ListChangeSets gives it."""
    out = {k: change_set[k] for k in ("StackId", "StackName", "ChangeSetId", "ChangeSetName",
                                      "Status", "StatusReason", "CreationTime", "Description")
           if change_set.get(k)}
    out.update(ExecutionStatus=execution_status(ctx, change_set, stack),
               IncludeNestedStacks=False)
    return out
