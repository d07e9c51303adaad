"""Who is in which group: AdminAddUserToGroup, AdminRemoveUserFromGroup,
AdminListGroupsForUser, ListUsersInGroup."""

from __future__ import annotations

from cfn_cognito.context import Context
from cfn_cognito.idp import pagination
from cfn_cognito.idp.accounts import users
from cfn_cognito.idp.accounts.groups import get_group_doc
from cfn_cognito.idp.userpools.pools import get_pool

DEFAULT_LIMIT = 60


def admin_add_user_to_group(ctx: Context, req: dict) -> dict:
    pool = get_pool(ctx, req["UserPoolId"])
    user = users.get_user(ctx, pool, req["Username"])
    with ctx.store.write():
        get_group_doc(ctx, pool["Id"], req["GroupName"])
        ctx.store.memberships.add(pool["Id"], req["GroupName"], user.sub)
    return {}


def admin_remove_user_from_group(ctx: Context, req: dict) -> dict:
    pool = get_pool(ctx, req["UserPoolId"])
    user = users.get_user(ctx, pool, req["Username"])
    get_group_doc(ctx, pool["Id"], req["GroupName"])
    ctx.store.memberships.remove(pool["Id"], req["GroupName"], user.sub)
    return {}


def admin_list_groups_for_user(ctx: Context, req: dict) -> dict:
    pool = get_pool(ctx, req["UserPoolId"])
    user = users.get_user(ctx, pool, req["Username"])
    limit = req.get("Limit") or DEFAULT_LIMIT
    names = ctx.store.memberships.groups_of(pool["Id"], user.sub,
                                            pagination.decode(req.get("NextToken"), ""), limit + 1)
    groups = [g for g in (ctx.store.groups.get(pool["Id"], n) for n in names[:limit]) if g]
    result = {"Groups": groups}
    if len(names) > limit:
        result["NextToken"] = pagination.encode(names[limit - 1])
    return result


def list_users_in_group(ctx: Context, req: dict) -> dict:
    pool = get_pool(ctx, req["UserPoolId"])
    get_group_doc(ctx, pool["Id"], req["GroupName"])
    limit = req.get("Limit") or DEFAULT_LIMIT
    subs = ctx.store.memberships.subs_in(pool["Id"], req["GroupName"],
                                         pagination.decode(req.get("NextToken"), ""), limit + 1)
    members = ctx.store.users.by_subs(pool["Id"], subs[:limit])
    result = {"Users": [users.to_user_type(u) for u in members]}
    if len(subs) > limit:
        result["NextToken"] = pagination.encode(subs[limit - 1])
    return result
