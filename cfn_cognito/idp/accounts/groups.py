"""Groups: Create/Get/List/Update/DeleteGroup."""

from __future__ import annotations

from cfn_cognito.context import Context
from cfn_cognito.idp import pagination
from cfn_cognito.idp.errors import GroupExistsException, ResourceNotFoundException
from cfn_cognito.idp.userpools.pools import get_pool

_ORDER = ("GroupName", "UserPoolId", "Description", "RoleArn", "Precedence",
          "LastModifiedDate", "CreationDate")


def _ordered(group: dict) -> dict:
    return {key: group[key] for key in _ORDER if key in group}


def get_group_doc(ctx: Context, pool_id: str, name: str) -> dict:
    group = ctx.store.groups.get(pool_id, name)
    if group is None:
        raise ResourceNotFoundException("Group not found.")
    return group


def create_group(ctx: Context, req: dict) -> dict:
    pool = get_pool(ctx, req["UserPoolId"])
    now = ctx.now()
    group = {"GroupName": req["GroupName"], "UserPoolId": pool["Id"]}
    for member in ("Description", "RoleArn", "Precedence"):
        if req.get(member) is not None:
            group[member] = req[member]
    group["LastModifiedDate"] = group["CreationDate"] = now
    group = _ordered(group)
    if not ctx.store.groups.insert(pool["Id"], group["GroupName"], group):
        raise GroupExistsException(f"A group with the name {group['GroupName']} already exists.")
    return {"Group": group}


def get_group(ctx: Context, req: dict) -> dict:
    pool = get_pool(ctx, req["UserPoolId"])
    return {"Group": get_group_doc(ctx, pool["Id"], req["GroupName"])}


def list_groups(ctx: Context, req: dict) -> dict:
    pool = get_pool(ctx, req["UserPoolId"])
    after = pagination.decode(req.get("NextToken"))
    groups, next_after = ctx.store.groups.page(pool["Id"], after, req.get("Limit") or 60)
    result = {"Groups": groups}
    if next_after is not None:
        result["NextToken"] = pagination.encode(next_after)
    return result


def update_group(ctx: Context, req: dict) -> dict:
    with ctx.store.write():
        pool = get_pool(ctx, req["UserPoolId"])
        group = get_group_doc(ctx, pool["Id"], req["GroupName"])
        for member in ("Description", "RoleArn", "Precedence"):
            if req.get(member) is not None:
                group[member] = req[member]
        group["LastModifiedDate"] = ctx.now()
        group = _ordered(group)
        ctx.store.groups.replace(pool["Id"], group["GroupName"], group)
    return {"Group": group}


def delete_group(ctx: Context, req: dict) -> dict:
    with ctx.store.write():
        pool = get_pool(ctx, req["UserPoolId"])
        get_group_doc(ctx, pool["Id"], req["GroupName"])
        ctx.store.groups.delete(pool["Id"], req["GroupName"])
        ctx.store.memberships.remove_group(pool["Id"], req["GroupName"])
    return {}


def iam_roles(ctx: Context, pool_id: str, names: list[str]) -> tuple[list[str], str | None]:
    """(`cognito:roles`, `cognito:preferred_role`) of a member of these groups: every role
    of the groups, and the role of the group with the lowest Precedence among those with a
    role (a null Precedence comes last). When groups tie on that Precedence with different
    roles, none is preferred, as AWS documents Precedence."""
    with_roles = [g for g in (ctx.store.groups.get(pool_id, n) for n in names)
                  if g and g.get("RoleArn")]
    roles = list(dict.fromkeys(g["RoleArn"] for g in with_roles))
    if not with_roles:
        return roles, None
    rank = min(precedence_rank(g) for g in with_roles)
    best = {g["RoleArn"] for g in with_roles if precedence_rank(g) == rank}
    return roles, best.pop() if len(best) == 1 else None


def precedence_rank(group: dict) -> tuple[bool, int]:
    """A group's place by Precedence: lowest value first, a null Precedence after all."""
    return group.get("Precedence") is None, group.get("Precedence") or 0
