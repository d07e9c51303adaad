"""Linking users to external identities: AdminLinkProviderForUser, AdminDisableProviderForUser.

A link ties an identity of one of the pool's identity providers (provider, attribute,
value) to a user; the user's `identities` attribute lists their links as AWS shows it.
Signing in through the provider is not emulated, so a link only changes what the user
looks like, and which identity the provider may not link twice.
"""

from __future__ import annotations

import json

from cfn_cognito.context import Context
from cfn_cognito.idp.accounts import attributes
from cfn_cognito.idp.accounts import users
from cfn_cognito.idp.errors import (
    InvalidParameterException,
    LimitExceededException,
    ResourceNotFoundException,
    UserNotFoundException,
)
from cfn_cognito.idp.userpools.pools import get_pool
from cfn_cognito.store.provider_links import Link, LinkTaken

COGNITO = "Cognito"
SUBJECT = "Cognito_Subject"
MAX_LINKS = 5  # [D] DG cognito-user-pools-identity-federation-consolidate-users
_PASSWORD_MATERIAL = ("PasswordHash", "SrpSalt", "SrpVerifier")


def _provider(ctx: Context, pool_id: str, name: str | None) -> dict:
    doc = ctx.store.identity_providers.get(pool_id, name or "")
    if doc is None:
        raise ResourceNotFoundException(f"Identity provider {name} does not exist.")  # [U] wording
    return doc


def _required(identity: dict, member: str, what: str) -> str:
    value = identity.get(member)
    if not value:
        raise InvalidParameterException(f"{what}.{member} is required.")  # [U] wording
    return value


def _identities(ctx: Context, pool_id: str, sub: str) -> list[dict]:
    """The user's `identities`: one entry per link, in the order they were made."""
    out = []
    for link in ctx.store.provider_links.of_user(pool_id, sub):
        doc = ctx.store.identity_providers.get(pool_id, link.provider_name) or {}
        provider = doc.get("IdentityProvider", {})
        out.append({"userId": link.attribute_value, "providerName": link.provider_name,
                    "providerType": provider.get("ProviderType", link.provider_name),
                    "issuer": doc.get("Issuer"), "primary": False,
                    "dateCreated": round(link.created * 1000)})
    return out


def _refresh_identities(ctx: Context, pool: dict, sub: str) -> None:
    user = ctx.store.users.get_by_sub(pool["Id"], sub)
    if user is None:
        return
    identities = _identities(ctx, pool["Id"], sub)

    def change(fresh):
        if identities:
            attributes.put(fresh, {"identities": json.dumps(identities, separators=(",", ":"))})
        else:
            attributes.remove(fresh, ["identities"])

    users.modify(ctx, pool, user, change)


def admin_link_provider_for_user(ctx: Context, req: dict) -> dict:
    destination, source = req["DestinationUser"], req["SourceUser"]
    with ctx.store.write():
        pool = get_pool(ctx, req["UserPoolId"])
        dest_provider = _required(destination, "ProviderName", "DestinationUser")
        dest_value = _required(destination, "ProviderAttributeValue", "DestinationUser")
        if dest_provider != COGNITO:
            # A federated user's username is "<provider>_<id>".
            _provider(ctx, pool["Id"], dest_provider)
            dest_value = f"{dest_provider}_{dest_value}"
        user = users.get_user(ctx, pool, dest_value)
        source_name = _required(source, "ProviderName", "SourceUser")
        if source_name == COGNITO:
            raise InvalidParameterException(  # boto/boto3#4163, aws/aws-sdk-js-v3#5281
                "Invalid SourceUser: Cognito users with a username/password may not be passed "
                "in as a SourceUser, only as a DestinationUser")
        provider = _provider(ctx, pool["Id"], source_name)["IdentityProvider"]
        attribute = _required(source, "ProviderAttributeName", "SourceUser")
        value = _required(source, "ProviderAttributeValue", "SourceUser")
        if provider["ProviderType"] != "SAML" and attribute != SUBJECT:
            raise InvalidParameterException(  # [U] wording
                f"ProviderAttributeName must be {SUBJECT} for a {provider['ProviderType']} "
                "identity provider.")
        links = ctx.store.provider_links
        existing = links.find(pool["Id"], source_name, attribute, value)
        if existing is not None and ctx.store.users.get_by_sub(pool["Id"], existing.sub) is None:
            links.remove(pool["Id"], existing)  # left by a deleted user
        if len(links.of_user(pool["Id"], user.sub)) >= MAX_LINKS:
            raise LimitExceededException(  # [U] wording
                f"A user can be linked to at most {MAX_LINKS} external identities.")
        try:
            links.add(pool["Id"], Link(source_name, attribute, value, user.sub, ctx.now()))
        except LinkTaken:
            raise InvalidParameterException(  # [U] wording
                f"The {source_name} identity {value} is already linked to a user.") from None
        _refresh_identities(ctx, pool, user.sub)
    return {}


def _disable_password(ctx: Context, pool: dict, identity: dict) -> None:
    if identity.get("ProviderAttributeName") != SUBJECT:
        raise InvalidParameterException(  # [U] wording
            f"ProviderAttributeName must be {SUBJECT} to disable a Cognito user.")
    user = users.get_user(ctx, pool, _required(identity, "ProviderAttributeValue", "User"))

    def change(fresh):
        for key in _PASSWORD_MATERIAL:
            fresh.doc.pop(key, None)

    users.modify(ctx, pool, user, change)


def admin_disable_provider_for_user(ctx: Context, req: dict) -> dict:
    identity = req["User"]
    with ctx.store.write():
        pool = get_pool(ctx, req["UserPoolId"])
        name = _required(identity, "ProviderName", "User")
        if name == COGNITO:
            # A native user: their password no longer signs them in.
            _disable_password(ctx, pool, identity)
            return {}
        _provider(ctx, pool["Id"], name)
        link = ctx.store.provider_links.find(
            pool["Id"], name, _required(identity, "ProviderAttributeName", "User"),
            _required(identity, "ProviderAttributeValue", "User"))
        if link is None:
            raise UserNotFoundException("User does not exist.")  # [U] for an unlinked identity
        ctx.store.provider_links.remove(pool["Id"], link)
        _refresh_identities(ctx, pool, link.sub)
    return {}


def forget_provider(ctx: Context, pool: dict, name: str) -> None:
    """A deleted identity provider's links go, and their users' `identities` follow."""
    for sub in ctx.store.provider_links.remove_provider(pool["Id"], name):
        _refresh_identities(ctx, pool, sub)
