"""Identities: GetId, DescribeIdentity, ListIdentities, DeleteIdentities, UnlinkIdentity, and
`authorize`, the check GetCredentialsForIdentity and GetOpenIdToken make.

An identity belongs to one identity pool. It is authenticated once a login is linked to it
(a user pool user, a developer user); one login belongs to one identity. Without a login it
is unauthenticated, usable only while the pool allows unauthenticated identities.
"""

from __future__ import annotations

from dataclasses import dataclass

from cfn_cognito.context import Context
from cfn_cognito.identity import ids, providers
from cfn_cognito.identity.errors import (
    InvalidParameterException,
    NotAuthorizedException,
    ResourceConflictException,
    ResourceNotFoundException,
)
from cfn_cognito.identity.logins import Login, verify_logins
from cfn_cognito.identity.pools import get_pool_doc
from cfn_cognito.idp import pagination
from cfn_cognito.store.identity import IdentityRecord

LOGINS_DONT_MATCH = ("Logins don't match. Please include at least one valid login for this "
                     "identity or identity pool.")
UNAUTHENTICATED_NOT_ALLOWED = "Unauthenticated access is not supported for this identity pool."


@dataclass(frozen=True)
class Authorization:
    """Who may act as an identity, as `authorize` found out."""

    pool_doc: dict
    identity: IdentityRecord
    login: Login | None     # the login that proved it; None when unauthenticated

    @property
    def authenticated(self) -> bool:
        return self.login is not None and self.login.authenticated


def get_identity(ctx: Context, identity_id: str, pool_id: str | None = None) -> IdentityRecord:
    """The identity (of `pool_id` when given), or ResourceNotFoundException."""
    record = ctx.store.identity.identity(identity_id)
    if record is None or pool_id is not None and record.pool_id != pool_id:
        raise ResourceNotFoundException(f"Identity '{identity_id}' not found.")
    return record


def new_identity(ctx: Context, pool_id: str) -> IdentityRecord:
    now = ctx.now()
    record = IdentityRecord(ids.identity_id(ctx.rng, ids.region_of(pool_id)), pool_id, now, now)
    ctx.store.identity.add_identity(record)
    return record


def require_unauthenticated_allowed(pool: dict) -> None:
    if not pool["AllowUnauthenticatedIdentities"]:
        raise NotAuthorizedException(UNAUTHENTICATED_NOT_ALLOWED)


def link(ctx: Context, identity: IdentityRecord, provider: str, subject: str) -> None:
    """Link a login to the identity (which is enabled again if its last login had gone)."""
    ctx.store.identity.link(identity.pool_id, provider, subject, identity.identity_id, ctx.now())
    ctx.store.identity.touch_identity(identity.identity_id, ctx.now(), False)


def after_unlink(ctx: Context, identity: IdentityRecord) -> None:
    """An identity whose last login was removed cannot be used any more."""
    left = ctx.store.identity.logins_of(identity.identity_id)
    ctx.store.identity.touch_identity(identity.identity_id, ctx.now(), not left)


def identity_for_logins(ctx: Context, pool_id: str, logins: list[Login],
                        identity: IdentityRecord | None = None) -> IdentityRecord:
    """The identity these (verified) logins belong to (`identity` when given), made if none
    does; every login is linked to it. Logins of two identities: ResourceConflictException."""
    owners = {identity.identity_id} if identity is not None else set()
    for login in logins:
        owner = login.identity_id or ctx.store.identity.login_owner(
            pool_id, login.provider, login.subject)
        if owner:
            owners.add(owner)
    if len(owners) > 1:
        raise ResourceConflictException("The logins given belong to different identities.")
    if identity is None:
        identity = get_identity(ctx, owners.pop(), pool_id) if owners else new_identity(ctx, pool_id)
    for login in logins:
        if login.identity_id is None:
            link(ctx, identity, login.provider, login.subject)
    return identity


def authorize(ctx: Context, identity_id: str, given_logins: dict | None) -> Authorization:
    """Check that the caller may act as the identity: with no logins, an unauthenticated
    identity of a pool that allows them; else at least one login must be the identity's
    (an unauthenticated identity takes logins nobody has yet: it becomes authenticated)."""
    identity = get_identity(ctx, identity_id)
    doc = get_pool_doc(ctx, identity.pool_id)
    logins = verify_logins(ctx, doc["IdentityPool"], given_logins or {})
    with ctx.store.write():
        identity = get_identity(ctx, identity_id)
        if identity.disabled:
            raise NotAuthorizedException(f"Access to Identity '{identity_id}' is forbidden.")
        linked = ctx.store.identity.logins_of(identity_id)
        if not logins:
            if linked:
                raise NotAuthorizedException(LOGINS_DONT_MATCH)
            require_unauthenticated_allowed(doc["IdentityPool"])
            return Authorization(doc, identity, None)
        for login in logins:
            owner = login.identity_id or ctx.store.identity.login_owner(
                identity.pool_id, login.provider, login.subject)
            if owner is not None and owner != identity_id:
                raise NotAuthorizedException(LOGINS_DONT_MATCH)
            if owner is None:
                link(ctx, identity, login.provider, login.subject)
        chosen = next((lg for lg in logins if lg.identity_id is None), logins[0])
        if not chosen.authenticated:
            require_unauthenticated_allowed(doc["IdentityPool"])
        return Authorization(doc, identity, chosen)


def _description(record: IdentityRecord, names: list[str]) -> dict:
    return {"IdentityId": record.identity_id, "Logins": names,
            "CreationDate": record.created, "LastModifiedDate": record.modified}


def get_id(ctx: Context, req: dict) -> dict:
    pool_id = req["IdentityPoolId"]
    pool = get_pool_doc(ctx, pool_id)["IdentityPool"]
    logins = verify_logins(ctx, pool, req.get("Logins") or {})
    with ctx.store.write():
        get_pool_doc(ctx, pool_id)      # not deleted meanwhile
        if not logins:
            require_unauthenticated_allowed(pool)
            return {"IdentityId": new_identity(ctx, pool_id).identity_id}
        return {"IdentityId": identity_for_logins(ctx, pool_id, logins).identity_id}


def describe_identity(ctx: Context, req: dict) -> dict:
    record = get_identity(ctx, req["IdentityId"])
    names = ctx.store.identity.logins_of_many([record.identity_id])[record.identity_id]
    return _description(record, names)


def list_identities(ctx: Context, req: dict) -> dict:
    pool_id = req["IdentityPoolId"]
    get_pool_doc(ctx, pool_id)
    after = pagination.decode(req.get("NextToken"))
    records, next_after = ctx.store.identity.identities_page(
        pool_id, after, req["MaxResults"], bool(req.get("HideDisabled")))
    logins = ctx.store.identity.logins_of_many([r.identity_id for r in records])
    result = {"IdentityPoolId": pool_id,
              "Identities": [_description(r, logins[r.identity_id]) for r in records]}
    if next_after is not None:
        result["NextToken"] = pagination.encode(next_after)
    return result


def delete_identities(ctx: Context, req: dict) -> dict:
    for identity_id in req["IdentityIdsToDelete"]:
        ctx.store.identity.delete_identity(identity_id)
    return {"UnprocessedIdentityIds": []}


def unlink_identity(ctx: Context, req: dict) -> dict:
    auth = authorize(ctx, req["IdentityId"], req["Logins"])
    pool = auth.pool_doc["IdentityPool"]
    names = [providers.canonical(ctx.settings, name) for name in req["LoginsToRemove"]]
    if pool.get("DeveloperProviderName") in names:
        raise InvalidParameterException(
            "Developer provider logins are unlinked with UnlinkDeveloperIdentity.")
    with ctx.store.write():
        for name in names:
            ctx.store.identity.unlink(auth.identity.pool_id, name, None, auth.identity.identity_id)
        after_unlink(ctx, auth.identity)
    return {}
