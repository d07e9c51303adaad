"""CreateStack, UpdateStack, DeleteStack, DescribeStacks, ListStacks, DescribeStackEvents."""

from __future__ import annotations

from cfn_cognito.cfn import stacks
from cfn_cognito.cfn.api import background, deploys, inputs, lookup, shapes, sources
from cfn_cognito.cfn.api.errors import AlreadyExistsException
from cfn_cognito.cfn.errors import ValidationError
from cfn_cognito.context import Context


def create_stack(ctx: Context, req: dict) -> dict:
    inputs.refuse_unsupported(req)
    name = req["StackName"]
    if lookup.live(ctx, name):
        raise AlreadyExistsException(f"Stack [{name}] already exists")
    planned = deploys.plan(ctx, name, sources.template(ctx, req),
                           inputs.parameter_values(req.get("Parameters"), None),
                           req.get("Capabilities"), expanding=True)
    kept = inputs.kept(req)
    if req.get("EnableTerminationProtection"):
        kept["EnableTerminationProtection"] = True
    start = background.settle
    if req.get("OnFailure") == "DELETE":
        def start(work):
            background.settle(background.deleting_on_failure(ctx, name, work))
    return {"StackId": stacks.carry_out(ctx, planned, start, kept)["StackId"]}


def update_stack(ctx: Context, req: dict) -> dict:
    inputs.refuse_unsupported(req)
    doc = lookup.updatable(ctx, req["StackName"])
    planned = deploys.plan(ctx, doc["StackName"], sources.template(ctx, req, doc),
                           inputs.parameter_values(req.get("Parameters"), doc),
                           req.get("Capabilities"), expanding=True)
    if not planned.changes(ctx):
        raise ValidationError("No updates are to be performed.")
    stacks.carry_out(ctx, planned, background.settle, inputs.kept(req))
    return {"StackId": doc["StackId"]}


def delete_stack(ctx: Context, req: dict) -> dict:
    inputs.refuse_unsupported(req)
    doc = lookup.live(ctx, req["StackName"])
    # Deleting what is gone, or going, is no error.
    if doc is None or doc["StackStatus"] == "DELETE_IN_PROGRESS":
        return {}
    if doc.get("EnableTerminationProtection"):
        raise ValidationError(f"Stack [{doc['StackName']}] cannot be deleted while "
                              f"TerminationProtection is enabled")
    with ctx.store.write():
        ctx.store.change_sets.delete_others(doc["StackId"])
    stacks.delete(ctx, doc["StackName"], start=background.settle)
    return {}


def describe_stacks(ctx: Context, req: dict) -> dict:
    if req.get("StackName"):
        return {"Stacks": [shapes.stack(lookup.stack(ctx, req["StackName"]))]}
    return {"Stacks": [shapes.stack(doc) for doc in reversed(ctx.store.stacks.live())]}


def list_stacks(ctx: Context, req: dict) -> dict:
    wanted = set(req.get("StackStatusFilter") or [])
    return {"StackSummaries": [shapes.summary(doc) for doc in reversed(ctx.store.stacks.every())
                               if not wanted or doc["StackStatus"] in wanted]}


def describe_stack_events(ctx: Context, req: dict) -> dict:
    """The stack's events, newest first."""
    doc = lookup.stack(ctx, req["StackName"])
    return {"StackEvents": [event for _, event in
                            reversed(ctx.store.stacks.events(doc["StackId"]))]}
