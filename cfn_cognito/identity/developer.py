"""Developer authenticated identities: GetOpenIdTokenForDeveloperIdentity,
LookupDeveloperIdentity, MergeDeveloperIdentities, UnlinkDeveloperIdentity.

A developer user is a login of the pool's DeveloperProviderName whose subject is the
DeveloperUserIdentifier the app's backend vouches for (the value of that Logins entry). The
backend gets an OpenID token for it; the app signs in with that token under
`cognito-identity.amazonaws.com`.
"""

from __future__ import annotations

from cfn_cognito.context import Context
from cfn_cognito.identity import openid
from cfn_cognito.identity.errors import (
    DeveloperUserAlreadyRegisteredException,
    InvalidParameterException,
    NotAuthorizedException,
    ResourceConflictException,
    ResourceNotFoundException,
)
from cfn_cognito.identity.identities import (
    after_unlink,
    get_identity,
    identity_for_logins,
    link,
)
from cfn_cognito.identity.logins import UNSUPPORTED, verify_logins
from cfn_cognito.identity.pools import get_pool_doc
from cfn_cognito.idp import pagination

LOOKUP_PAGE = 60


def _developer_provider(ctx: Context, pool_id: str, given: str | None = None) -> tuple[dict, str]:
    """(pool document, its DeveloperProviderName); `given` must be that name."""
    doc = get_pool_doc(ctx, pool_id)
    developer = doc["IdentityPool"].get("DeveloperProviderName")
    if not developer:
        raise NotAuthorizedException(
            f"Identity pool {pool_id} has no developer provider (DeveloperProviderName).")
    if given is not None and given != developer:
        raise InvalidParameterException(
            f"{given} is not the developer provider of identity pool {pool_id}.")
    return doc, developer


def _owner(ctx: Context, pool_id: str, developer: str, user: str) -> str:
    owner = ctx.store.identity.login_owner(pool_id, developer, user)
    if owner is None:
        raise ResourceNotFoundException(f"Developer user identifier '{user}' not found.")
    return owner


def get_open_id_token_for_developer_identity(ctx: Context, req: dict) -> dict:
    pool_id = req["IdentityPoolId"]
    doc, developer = _developer_provider(ctx, pool_id)
    others = {k: v for k, v in req["Logins"].items() if k != developer}
    if developer not in req["Logins"]:
        raise NotAuthorizedException(UNSUPPORTED)
    user = req["Logins"][developer]
    federated = verify_logins(ctx, doc["IdentityPool"], others)
    with ctx.store.write():
        owner = ctx.store.identity.login_owner(pool_id, developer, user)
        target = req.get("IdentityId") or owner
        identity = get_identity(ctx, target, pool_id) if target else None
        if owner is not None and identity.identity_id != owner:
            raise DeveloperUserAlreadyRegisteredException(
                f"Developer user identifier '{user}' is already registered with another "
                "identity.")
        identity = identity_for_logins(ctx, pool_id, federated, identity)
        link(ctx, identity, developer, user)
    amr = [openid.AUTHENTICATED, developer, f"{developer}:{pool_id}:{user}"]
    token = openid.issue(ctx, identity.identity_id, pool_id, amr,
                         req.get("TokenDuration") or openid.DEVELOPER_TOKEN_SECONDS,
                         req.get("PrincipalTags"))
    return {"IdentityId": identity.identity_id, "Token": token}


def lookup_developer_identity(ctx: Context, req: dict) -> dict:
    pool_id = req["IdentityPoolId"]
    if not req.get("IdentityId") and not req.get("DeveloperUserIdentifier"):
        raise InvalidParameterException(
            "Either IdentityId or DeveloperUserIdentifier must be specified.")
    _, developer = _developer_provider(ctx, pool_id)
    identity_id = req.get("IdentityId")
    if req.get("DeveloperUserIdentifier"):
        owner = _owner(ctx, pool_id, developer, req["DeveloperUserIdentifier"])
        if identity_id and identity_id != owner:
            raise ResourceConflictException(
                f"Developer user identifier '{req['DeveloperUserIdentifier']}' belongs to "
                f"another identity than {identity_id}.")
        identity_id = owner
    get_identity(ctx, identity_id, pool_id)
    after = pagination.decode(req.get("NextToken"), "")
    users, next_after = ctx.store.identity.subjects(
        pool_id, developer, identity_id, after, req.get("MaxResults") or LOOKUP_PAGE)
    result = {"IdentityId": identity_id, "DeveloperUserIdentifierList": users}
    if next_after is not None:
        result["NextToken"] = pagination.encode(next_after)
    return result


def merge_developer_identities(ctx: Context, req: dict) -> dict:
    pool_id = req["IdentityPoolId"]
    _, developer = _developer_provider(ctx, pool_id, req["DeveloperProviderName"])
    with ctx.store.write():
        source = _owner(ctx, pool_id, developer, req["SourceUserIdentifier"])
        destination = get_identity(
            ctx, _owner(ctx, pool_id, developer, req["DestinationUserIdentifier"]), pool_id)
        if source == destination.identity_id:
            return {"IdentityId": source}
        moving = ctx.store.identity.logins_of(source)
        staying = {p for p, _ in ctx.store.identity.logins_of(destination.identity_id)}
        if any(p in staying and p != developer for p, _ in moving):
            raise ResourceConflictException(
                "Both identities have logins of the same provider; they cannot be merged.")
        for provider, subject in moving:
            link(ctx, destination, provider, subject)
        ctx.store.identity.delete_identity(source)
    return {"IdentityId": destination.identity_id}


def unlink_developer_identity(ctx: Context, req: dict) -> dict:
    pool_id = req["IdentityPoolId"]
    _, developer = _developer_provider(ctx, pool_id, req["DeveloperProviderName"])
    with ctx.store.write():
        identity = get_identity(ctx, req["IdentityId"], pool_id)
        if not ctx.store.identity.unlink(pool_id, developer, req["DeveloperUserIdentifier"],
                                         identity.identity_id):
            raise ResourceNotFoundException(
                f"Developer user identifier '{req['DeveloperUserIdentifier']}' is not linked "
                f"to identity {identity.identity_id}.")
        after_unlink(ctx, identity)
    return {}
