"""DescribeStackResource, DescribeStackResources, ListStackResources."""

from __future__ import annotations

from cfn_cognito.cfn.api import lookup, shapes
from cfn_cognito.cfn.errors import ValidationError
from cfn_cognito.context import Context


def _records(doc: dict) -> dict:
    return doc.get("Resources") or {}


def describe_stack_resource(ctx: Context, req: dict) -> dict:
    doc = lookup.stack(ctx, req["StackName"])
    logical_id = req["LogicalResourceId"]
    record = _records(doc).get(logical_id)
    if record is None:
        raise ValidationError(f"Resource {logical_id} does not exist for stack "
                              f"{req['StackName']}")
    return {"StackResourceDetail": shapes.resource_detail(doc, logical_id, record)}


def _holding(ctx: Context, physical_id: str) -> dict:
    """The live stack with a resource of this physical id."""
    for doc in ctx.store.stacks.live():
        if any(r.get("PhysicalResourceId") == physical_id for r in _records(doc).values()):
            return doc
    raise ValidationError(f"Stack for {physical_id} does not exist")


def describe_stack_resources(ctx: Context, req: dict) -> dict:
    logical_id, physical_id = req.get("LogicalResourceId"), req.get("PhysicalResourceId")
    if req.get("StackName"):
        doc = lookup.stack(ctx, req["StackName"])
    elif physical_id:
        doc = _holding(ctx, physical_id)
    else:
        raise ValidationError("Either StackName or PhysicalResourceId must be specified.")
    return {"StackResources": [
        shapes.resource(doc, k, r) for k, r in _records(doc).items()
        if (not logical_id or k == logical_id)
        and (not physical_id or r.get("PhysicalResourceId") == physical_id)]}


def list_stack_resources(ctx: Context, req: dict) -> dict:
    doc = lookup.stack(ctx, req["StackName"])
    return {"StackResourceSummaries": [shapes.resource_summary(k, r)
                                       for k, r in _records(doc).items()]}
