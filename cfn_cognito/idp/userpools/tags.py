"""Tags on user pools: TagResource, UntagResource, ListTagsForResource.

Tags live in the pool's UserPoolTags, so DescribeUserPool and the tag calls always agree.
"""

from __future__ import annotations

from cfn_cognito.context import Context
from cfn_cognito.idp.errors import InvalidParameterException, ResourceNotFoundException

MAX_TAGS = 50


def _pool_for_arn(ctx: Context, arn: str) -> dict:
    prefix, _, pool_id = arn.rpartition(":userpool/")
    pool = ctx.store.pools.get("", pool_id) if prefix else None
    if pool is None or pool["Arn"] != arn:
        raise ResourceNotFoundException(f"Resource {arn} does not exist.")
    return pool


def tag_resource(ctx: Context, req: dict) -> dict:
    with ctx.store.write():
        pool = _pool_for_arn(ctx, req["ResourceArn"])
        tags = {**pool.get("UserPoolTags", {}), **(req.get("Tags") or {})}
        if len(tags) > MAX_TAGS:
            raise InvalidParameterException(f"A resource can have at most {MAX_TAGS} tags.")
        pool["UserPoolTags"] = tags
        ctx.store.pools.replace("", pool["Id"], pool)
    return {}


def untag_resource(ctx: Context, req: dict) -> dict:
    with ctx.store.write():
        pool = _pool_for_arn(ctx, req["ResourceArn"])
        remove = set(req.get("TagKeys") or [])
        pool["UserPoolTags"] = {k: v for k, v in pool.get("UserPoolTags", {}).items()
                                if k not in remove}
        ctx.store.pools.replace("", pool["Id"], pool)
    return {}


def list_tags_for_resource(ctx: Context, req: dict) -> dict:
    return {"Tags": dict(_pool_for_arn(ctx, req["ResourceArn"]).get("UserPoolTags", {}))}
