"""Stacks as the API names them: by name (the live stack of that name) or by stack id (any
stack kept, a deleted one included, as CloudFormation answers for a deleted stack's id)."""

from __future__ import annotations

from cfn_cognito.cfn.errors import ValidationError
from cfn_cognito.context import Context

DELETED = "DELETE_COMPLETE"
# What UpdateStack and an UPDATE change set take (a failed create can only be deleted).
UPDATABLE = frozenset({"CREATE_COMPLETE", "UPDATE_COMPLETE", "UPDATE_ROLLBACK_COMPLETE"})


def is_id(name_or_id: str) -> bool:
    return name_or_id.startswith("arn:")


def find(ctx: Context, name_or_id: str) -> dict | None:
    """The stack named, or None."""
    if is_id(name_or_id):
        return ctx.store.stacks.get(name_or_id)
    doc = ctx.store.stacks.latest(name_or_id)
    return doc if doc and doc["StackStatus"] != DELETED else None


def live(ctx: Context, name_or_id: str) -> dict | None:
    """The stack named, unless it is deleted."""
    doc = find(ctx, name_or_id)
    return doc if doc and doc["StackStatus"] != DELETED else None


def stack(ctx: Context, name_or_id: str) -> dict:
    """The stack named; ValidationError as DescribeStacks words it when there is none."""
    doc = find(ctx, name_or_id)
    if doc is None:
        raise ValidationError(f"Stack with id {name_or_id} does not exist")
    return doc


def updatable(ctx: Context, name_or_id: str) -> dict:
    """The live stack named, in a state an update may start from."""
    doc = live(ctx, name_or_id)
    if doc is None:
        raise ValidationError(f"Stack [{name_or_id}] does not exist")
    if doc["StackStatus"] not in UPDATABLE:
        raise ValidationError(f"Stack:{doc['StackId']} is in {doc['StackStatus']} state and "
                              f"can not be updated.")
    return doc
