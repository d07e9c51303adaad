"""Hosted UI domains: Create/Describe/Update/DeleteUserPoolDomain.

A pool has at most one prefix domain (`{prefix}.auth.{region}.amazoncognito.com`, served here
as `{prefix}.auth.{region}.localhost`) and one custom domain (with a CertificateArn).
"""

from __future__ import annotations

import hashlib
import re
import time

from cfn_cognito.context import Context
from cfn_cognito.idp.errors import InvalidParameterException
from cfn_cognito.idp.userpools.pools import get_pool

RESERVED_WORDS = ("aws", "amazon", "cognito")
# The model's DomainType pattern; the protocol accepts custom domain names there too, so a
# prefix is held to it here.
PREFIX_PATTERN = r"^[a-z0-9](?:[a-z0-9\-]{0,61}[a-z0-9])?$"


def _is_custom(domain_req: dict) -> bool:
    return bool((domain_req.get("CustomDomainConfig") or {}).get("CertificateArn"))


def _cloudfront(domain: str) -> str:
    # Stable per domain, shaped like a CloudFront distribution name.
    return "d" + hashlib.sha256(domain.encode()).hexdigest()[:13] + ".cloudfront.net"


def _check_prefix(domain: str) -> None:
    if not re.fullmatch(PREFIX_PATTERN, domain):
        raise InvalidParameterException(
            f"1 validation error detected: Value '{domain}' at 'domain' failed to satisfy "
            f"constraint: Member must satisfy regular expression pattern: {PREFIX_PATTERN}")
    for word in RESERVED_WORDS:
        if word in domain:
            raise InvalidParameterException(f"Domain cannot contain reserved word: {word}")


def create_user_pool_domain(ctx: Context, req: dict) -> dict:
    domain = req["Domain"]
    custom = _is_custom(req)
    with ctx.store.write():
        pool = get_pool(ctx, req["UserPoolId"])
        if not custom:
            _check_prefix(domain)
        if any(_is_custom(d) == custom for d in ctx.store.domains.all(pool["Id"])):
            raise InvalidParameterException(
                "User pool already has a domain configured.")
        description = {
            "UserPoolId": pool["Id"],
            "AWSAccountId": ctx.settings.account_id,
            "Domain": domain,
            "S3Bucket": f"aws-cognito-prod-{ctx.settings.region}-assets",
            "CloudFrontDistribution": _cloudfront(domain),
            # As AWS shows it: the creation time, e.g. "20190128175402".
            "Version": time.strftime("%Y%m%d%H%M%S", time.gmtime(ctx.clock())),
            "Status": "ACTIVE",
            "CustomDomainConfig": dict(req.get("CustomDomainConfig") or {}),
            "ManagedLoginVersion": req.get("ManagedLoginVersion") or 1,
        }
        if not ctx.store.domains.insert(pool["Id"], domain, description):
            raise InvalidParameterException("Domain already associated with another user pool.")
    result = {"ManagedLoginVersion": description["ManagedLoginVersion"]}
    if custom:
        result["CloudFrontDomain"] = description["CloudFrontDistribution"]
    return result


def describe_user_pool_domain(ctx: Context, req: dict) -> dict:
    # AWS answers an unknown domain with an empty description, not an error.
    found = ctx.store.domains.find(req["Domain"])
    return {"DomainDescription": found[1] if found else {}}


def update_user_pool_domain(ctx: Context, req: dict) -> dict:
    with ctx.store.write():
        pool = get_pool(ctx, req["UserPoolId"])
        description = ctx.store.domains.get(pool["Id"], req["Domain"])
        if description is None:
            raise InvalidParameterException("No such domain or user pool exists.")
        if req.get("CustomDomainConfig"):
            description["CustomDomainConfig"] = dict(req["CustomDomainConfig"])
        if req.get("ManagedLoginVersion"):
            description["ManagedLoginVersion"] = req["ManagedLoginVersion"]
        ctx.store.domains.replace(pool["Id"], req["Domain"], description)
    result = {"ManagedLoginVersion": description["ManagedLoginVersion"]}
    if _is_custom(description):
        result["CloudFrontDomain"] = description["CloudFrontDistribution"]
    return result


def delete_user_pool_domain(ctx: Context, req: dict) -> dict:
    with ctx.store.write():
        pool = get_pool(ctx, req["UserPoolId"])
        if not ctx.store.domains.delete(pool["Id"], req["Domain"]):
            raise InvalidParameterException("No such domain or user pool exists.")
    return {}


def pool_for_domain(ctx: Context, domain: str) -> str | None:
    """The id of the pool that owns a domain (prefix or custom), if any."""
    found = ctx.store.domains.find(domain)
    return found[0] if found else None
