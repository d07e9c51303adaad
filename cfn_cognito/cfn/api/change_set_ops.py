"""CreateChangeSet, DescribeChangeSet, ExecuteChangeSet, DeleteChangeSet, ListChangeSets:
the way `aws cloudformation deploy` creates and updates stacks.

A change set is worked out at once, so it is CREATE_COMPLETE (or FAILED, when it would
change nothing) by the time CreateChangeSet answers. A CREATE change set for a new stack
makes the stack, empty, in REVIEW_IN_PROGRESS. Executing one deploys through the same
engine as `cfn-cognito deploy`, and deletes the stack's other change sets, as AWS does.
"""

from __future__ import annotations

import uuid

from cfn_cognito.cfn import engine, parameters, stacks
from cfn_cognito.cfn.api import background, change_sets, changes, deploys, inputs, lookup, sources
from cfn_cognito.cfn.api.change_sets import COMPLETE, FAILED, NO_CHANGES
from cfn_cognito.cfn.api.errors import (
    AlreadyExistsException,
    ChangeSetNotFoundException,
    InvalidChangeSetStatusException,
)
from cfn_cognito.cfn.errors import ValidationError
from cfn_cognito.cfn.statuses import REVIEW
from cfn_cognito.context import Context


def _stack_for(ctx: Context, req: dict, kind: str) -> dict | None:
    """The stack the change set is for (None: a CREATE change set for a new stack)."""
    name, stack_name = req["ChangeSetName"], req["StackName"]
    if kind == "UPDATE":
        return lookup.updatable(ctx, stack_name)
    current = lookup.live(ctx, stack_name)
    if current and current["StackStatus"] != REVIEW:
        raise ValidationError(f"Stack [{stack_name}] already exists and cannot be created "
                              f"again with the changeSet [{name}].")
    return current


def create_change_set(ctx: Context, req: dict) -> dict:
    inputs.refuse_unsupported(req)
    kind = req.get("ChangeSetType") or "UPDATE"
    if kind == "IMPORT":
        raise ValidationError("ChangeSetType IMPORT is not supported by cfn-cognito: resources "
                              "cannot be imported here")
    if req.get("OnStackFailure") == "DELETE" and kind != "CREATE":
        raise ValidationError("OnStackFailure DELETE is only valid when ChangeSetType is "
                              "CREATE.")
    name = req["ChangeSetName"]
    current = _stack_for(ctx, req, kind)
    if current and ctx.store.change_sets.named(current["StackId"], name):
        raise AlreadyExistsException(f"ChangeSet [{name}] already exists")
    stack_name = current["StackName"] if current else req["StackName"]
    previous = current if kind == "UPDATE" else None
    planned = deploys.plan(ctx, stack_name, sources.template(ctx, req, previous),
                           inputs.parameter_values(req.get("Parameters"), previous),
                           req.get("Capabilities"), expanding=False)
    unchanged = kind == "UPDATE" and not planned.changes(ctx)
    settings = ctx.settings
    change_set = {
        "ChangeSetId": f"arn:aws:cloudformation:{settings.region}:{settings.account_id}:"
                       f"changeSet/{name}/{uuid.uuid4()}",
        "ChangeSetName": name, "ChangeSetType": kind,
        "StackId": planned.stack_id, "StackName": stack_name,
        "Description": req.get("Description"),
        "CreationTime": engine.timestamp(ctx.now()),
        "Status": FAILED if unchanged else COMPLETE,
        "StatusReason": NO_CHANGES if unchanged else None,
        "OnStackFailure": req.get("OnStackFailure"),
        "TemplateBody": planned.body, "Options": planned.options,
        "Values": parameters.stored(planned.prepared.given()),
        "NoEcho": planned.prepared.no_echo,
        "Kept": inputs.kept(req),
        **{k: req[k] for k in ("Capabilities", "Tags", "NotificationARNs") if k in req},
        "Changes": [] if unchanged else changes.compute(ctx, planned),
    }
    with ctx.store.write():
        stack = lookup.live(ctx, stack_name)
        if stack is None and kind == "CREATE":
            stack = {"StackId": planned.stack_id, "StackName": stack_name,
                     "CreationTime": change_set["CreationTime"], "StackStatus": REVIEW,
                     "Resources": {}, "Outputs": []}
            engine.Run(ctx, stack).stack_status(REVIEW, "User Initiated")
        if stack is None or stack["StackId"] != planned.stack_id:
            raise ValidationError(f"Stack [{stack_name}] changed while the change set "
                                  f"[{name}] was made; make it again.")
        if ctx.store.change_sets.named(stack["StackId"], name):
            raise AlreadyExistsException(f"ChangeSet [{name}] already exists")
        change_set["StackFingerprint"] = change_sets.fingerprint(stack)
        ctx.store.change_sets.put(change_set)
    return {"Id": change_set["ChangeSetId"], "StackId": planned.stack_id}


def describe_change_set(ctx: Context, req: dict) -> dict:
    change_set, stack = change_sets.find(ctx, req["ChangeSetName"], req.get("StackName"))
    return change_sets.described(ctx, change_set, stack, bool(req.get("IncludePropertyValues")))


def _check_executable(ctx: Context, change_set: dict, stack: dict) -> None:
    name = change_set["ChangeSetId"]
    if change_set["Status"] != COMPLETE:
        raise InvalidChangeSetStatusException(f"ChangeSet [{name}] cannot be executed in its "
                                              f"current status of [{change_set['Status']}]")
    status = change_sets.execution_status(ctx, change_set, stack)
    if status != "AVAILABLE":
        raise InvalidChangeSetStatusException(f"ChangeSet [{name}] cannot be executed in its "
                                              f"current execution status of [{status}]")


def execute_change_set(ctx: Context, req: dict) -> dict:
    inputs.refuse_unsupported(req)
    change_set, stack = change_sets.find(ctx, req["ChangeSetName"], req.get("StackName"))
    _check_executable(ctx, change_set, stack)
    planned = stacks.plan(ctx, {"StackName": stack["StackName"],
                                "TemplateBody": change_set["TemplateBody"],
                                "Parameters": change_set["Values"], **change_set["Options"]},
                          keep_previous=False)
    started = []
    with ctx.store.write():
        # Looked at again under the lock: another execution may have come first.
        change_set = ctx.store.change_sets.get(change_set["ChangeSetId"])
        stack = lookup.live(ctx, stack["StackId"])
        if change_set is None or stack is None:
            raise ChangeSetNotFoundException(f"ChangeSet [{req['ChangeSetName']}] does not exist")
        _check_executable(ctx, change_set, stack)
        kept = {**change_set["Kept"], "ChangeSetId": change_set["ChangeSetId"]}
        result = stacks.carry_out(ctx, planned, started.append, kept)
        change_set["ExecutedAfter"] = result["EventsAfter"]
        ctx.store.change_sets.put(change_set)
        ctx.store.change_sets.delete_others(stack["StackId"], keep=change_set["ChangeSetId"])
    work = started[0]
    if change_set.get("OnStackFailure") == "DELETE":
        work = background.deleting_on_failure(ctx, stack["StackName"], work)
    background.settle(work)
    return {}


def delete_change_set(ctx: Context, req: dict) -> dict:
    change_set, stack = change_sets.find(ctx, req["ChangeSetName"], req.get("StackName"))
    status = change_sets.execution_status(ctx, change_set, stack)
    if status == "EXECUTE_IN_PROGRESS":
        raise InvalidChangeSetStatusException(f"ChangeSet [{change_set['ChangeSetId']}] cannot "
                                              f"be deleted in its current execution status of "
                                              f"[{status}]")
    with ctx.store.write():
        ctx.store.change_sets.delete(change_set["ChangeSetId"])
    return {}


def list_change_sets(ctx: Context, req: dict) -> dict:
    stack = lookup.live(ctx, req["StackName"])
    if stack is None:
        raise ValidationError(f"Stack [{req['StackName']}] does not exist")
    return {"Summaries": [change_sets.summary(ctx, c, stack)
                          for c in ctx.store.change_sets.of_stack(stack["StackId"])]}
