"""Tags on identity pools: TagResource, UntagResource, ListTagsForResource.

Tags live in the pool's IdentityPoolTags, so DescribeIdentityPool and the tag calls agree.
"""

from __future__ import annotations

from cfn_cognito.context import Context
from cfn_cognito.identity import ids
from cfn_cognito.identity.errors import InvalidParameterException, ResourceNotFoundException
from cfn_cognito.identity.pools import get_pool_doc, save_pool_doc

MAX_TAGS = 50


def _pool_doc_for_arn(ctx: Context, arn: str) -> dict:
    prefix, _, pool_id = arn.rpartition(":identitypool/")
    settings = ctx.settings
    if not prefix or ids.identity_pool_arn(settings.region, settings.account_id, pool_id) != arn:
        raise ResourceNotFoundException(f"Resource {arn} not found.")
    return get_pool_doc(ctx, pool_id)


def tag_resource(ctx: Context, req: dict) -> dict:
    with ctx.store.write():
        doc = _pool_doc_for_arn(ctx, req["ResourceArn"])
        pool = doc["IdentityPool"]
        tags = {**pool.get("IdentityPoolTags", {}), **req["Tags"]}
        if len(tags) > MAX_TAGS:
            raise InvalidParameterException(f"A resource can have at most {MAX_TAGS} tags.")
        pool["IdentityPoolTags"] = tags
        save_pool_doc(ctx, doc)
    return {}


def untag_resource(ctx: Context, req: dict) -> dict:
    with ctx.store.write():
        doc = _pool_doc_for_arn(ctx, req["ResourceArn"])
        pool = doc["IdentityPool"]
        removed = set(req["TagKeys"])
        pool["IdentityPoolTags"] = {k: v for k, v in pool.get("IdentityPoolTags", {}).items()
                                    if k not in removed}
        save_pool_doc(ctx, doc)
    return {}


def list_tags_for_resource(ctx: Context, req: dict) -> dict:
    pool = _pool_doc_for_arn(ctx, req["ResourceArn"])["IdentityPool"]
    return {"Tags": dict(pool.get("IdentityPoolTags", {}))}
