"""Third-party identity providers of a pool: Create/Describe/Update/Delete/
ListIdentityProviders, GetIdentityProviderByIdentifier.

Stored with AWS's checks per provider type (provider_details.py). App clients may name
them in SupportedIdentityProviders; signing in through them is not emulated.
"""

from __future__ import annotations

import copy

from cfn_cognito.context import Context
from cfn_cognito.idp import pagination
from cfn_cognito.idp.accounts import attributes
from cfn_cognito.idp.federation import provider_details
from cfn_cognito.idp.accounts import provider_links
from cfn_cognito.idp.userpools import signing_certificate
from cfn_cognito.idp.errors import (
    DuplicateProviderException,
    InvalidParameterException,
    ResourceNotFoundException,
)
from cfn_cognito.idp.userpools.pools import get_pool

# Names no SAML or OIDC provider may take: the social providers' and the pool's own.
_RESERVED_NAMES = {name.lower() for name in provider_details.SOCIAL_TYPES} | {"cognito"}
_LISTED = ("ProviderName", "ProviderType", "LastModifiedDate", "CreationDate")


def exists(ctx: Context, pool_id: str, name: str) -> bool:
    """Whether the pool has an identity provider of this name."""
    return ctx.store.identity_providers.get(pool_id, name) is not None


# AWS words a missing provider differently per operation (as floci measured them).
MISSING = "Identity provider {name} for tenantId {pool_id} does not exist."
MISSING_ON_UPDATE = "Identity provider {name} in User Pool {pool_id} does not exist."


def find(ctx: Context, pool_id: str, name: str, missing: str = MISSING) -> dict:
    """The stored provider ({"IdentityProvider": ..., "Issuer": ...}), or
    ResourceNotFoundException."""
    doc = ctx.store.identity_providers.get(pool_id, name)
    if doc is None:
        raise ResourceNotFoundException(missing.format(name=name, pool_id=pool_id))
    return doc


def _shown(doc: dict, req: dict | None = None) -> dict:
    """The provider as AWS shows it; Create and Update echo IdpIdentifiers only when their
    request (`req`) had the member."""
    provider = dict(doc["IdentityProvider"])
    if req is not None and "IdpIdentifiers" not in req:
        provider.pop("IdpIdentifiers", None)
    provider["ProviderDetails"] = provider_details.shown(provider["ProviderType"],
                                                         provider["ProviderDetails"])
    return provider


def _check_name(name: str, provider_type: str) -> None:
    if provider_type in provider_details.SOCIAL_TYPES:
        if name != provider_type:
            # AWS's wording, e.g. "Provider NameOfGP cannot be of type Google." (issue 24).
            raise InvalidParameterException(
                f"Provider {name} cannot be of type {provider_type}.")
    elif name.lower() in _RESERVED_NAMES:
        raise InvalidParameterException(f"The provider name {name} is reserved.")  # [U] wording


def _check_mapping(pool: dict, mapping: dict) -> None:
    schema = attributes.schema_of(pool)
    unknown = [name for name in mapping
               if name != "username" and (name not in schema or name == "sub")]
    if unknown:
        # AWS's words, with Java's list form (aws/aws-cli#9729).
        raise InvalidParameterException(
            f"AttributeMapping contains invalid mapping: [{', '.join(unknown)}]")
    for name in mapping:
        spec = schema.get(name)
        if name == "username":
            continue
        if not spec.get("Mutable", True):
            raise InvalidParameterException(  # [U] wording
                f"Attribute {name} is immutable and cannot be mapped from an identity provider.")


def _check_identifiers(ctx: Context, pool_id: str, name: str, identifiers: list[str]) -> None:
    if len(set(identifiers)) != len(identifiers):
        raise InvalidParameterException("Duplicate values in IdpIdentifiers.")  # [U] wording
    for other in ctx.store.identity_providers.all(pool_id):
        provider = other["IdentityProvider"]
        if provider["ProviderName"] == name:
            continue
        clash = set(identifiers) & set(provider.get("IdpIdentifiers") or [])
        if clash:
            raise InvalidParameterException(  # [U] wording
                f"The identifier {sorted(clash)[0]} is already used by identity provider "
                f"{provider['ProviderName']}.")


def _apply(ctx: Context, pool: dict, provider: dict, req: dict,
           default_mapping: bool = True) -> str | None:
    """Check and set details, mapping, identifiers and ACR mapping; the IdP's issuer. A given
    AttributeMapping is merged into the type's default one (`default_mapping`: at Create) or
    taken as it is (Update: an empty one clears it)."""
    provider_type = provider["ProviderType"]
    details = dict(provider.get("ProviderDetails") or {})
    if req.get("ProviderDetails") is not None:
        given = req["ProviderDetails"]
        if provider_type == "SAML" and any(k in given for k in ("MetadataURL", "MetadataFile")):
            details.pop("MetadataURL", None)
            details.pop("MetadataFile", None)
        details.update(given)
    details, issuer = provider_details.normalize(
        provider_type, details,
        lambda: signing_certificate.certificate(ctx, pool["Id"], signing_certificate.ENCRYPTION))
    provider["ProviderDetails"] = details
    if req.get("AttributeMapping") is not None:
        _check_mapping(pool, req["AttributeMapping"])
        mapping = (provider_details.default_attribute_mapping(provider_type)
                   if default_mapping else {})
        mapping.update(req["AttributeMapping"])
        provider["AttributeMapping"] = mapping
    if req.get("IdpIdentifiers") is not None:
        _check_identifiers(ctx, pool["Id"], provider["ProviderName"], req["IdpIdentifiers"])
        provider["IdpIdentifiers"] = list(req["IdpIdentifiers"])
    if req.get("AcrMapping") is not None:
        if provider_type != "OIDC" and req["AcrMapping"]:
            raise InvalidParameterException(  # [U] wording
                "AcrMapping is supported only for OIDC identity providers.")
        provider["AcrMapping"] = dict(req["AcrMapping"])
    return issuer


def _ordered(provider: dict) -> dict:
    order = ("UserPoolId", "ProviderName", "ProviderType", "ProviderDetails", "AttributeMapping",
             "IdpIdentifiers", "AcrMapping", "LastModifiedDate", "CreationDate")
    return {key: provider[key] for key in order if key in provider}


def create_identity_provider(ctx: Context, req: dict) -> dict:
    name, provider_type = req["ProviderName"], req["ProviderType"]
    _check_name(name, provider_type)
    pool = get_pool(ctx, req["UserPoolId"])
    provider = {"UserPoolId": pool["Id"], "ProviderName": name, "ProviderType": provider_type,
                "AttributeMapping": provider_details.default_attribute_mapping(provider_type),
                "IdpIdentifiers": []}
    issuer = _apply(ctx, pool, provider, req)  # may make the pool's certificate: no lock yet
    now = ctx.now()
    provider["LastModifiedDate"] = provider["CreationDate"] = now
    provider = _ordered(provider)
    with ctx.store.write():
        get_pool(ctx, pool["Id"])
        _check_identifiers(ctx, pool["Id"], name, provider["IdpIdentifiers"])
        if not ctx.store.identity_providers.insert(
                pool["Id"], name, {"IdentityProvider": provider, "Issuer": issuer}):
            raise DuplicateProviderException(f"{name} already exists for tenant {pool['Id']}.")
    return {"IdentityProvider": _shown({"IdentityProvider": provider}, req)}


def describe_identity_provider(ctx: Context, req: dict) -> dict:
    pool = get_pool(ctx, req["UserPoolId"])
    return {"IdentityProvider": _shown(find(ctx, pool["Id"], req["ProviderName"]))}


def get_identity_provider_by_identifier(ctx: Context, req: dict) -> dict:
    pool = get_pool(ctx, req["UserPoolId"])
    for doc in ctx.store.identity_providers.all(pool["Id"]):
        if req["IdpIdentifier"] in (doc["IdentityProvider"].get("IdpIdentifiers") or []):
            return {"IdentityProvider": _shown(doc)}
    raise ResourceNotFoundException(  # [U] wording
        f"Identity provider with identifier {req['IdpIdentifier']} does not exist.")


def list_identity_providers(ctx: Context, req: dict) -> dict:
    pool = get_pool(ctx, req["UserPoolId"])
    after = pagination.decode(req.get("NextToken"))
    docs, next_after = ctx.store.identity_providers.page(pool["Id"], after,
                                                         req.get("MaxResults") or 60)
    result = {"Providers": [{k: d["IdentityProvider"][k] for k in _LISTED} for d in docs]}
    if next_after is not None:
        result["NextToken"] = pagination.encode(next_after)
    return result


def update_identity_provider(ctx: Context, req: dict) -> dict:
    pool = get_pool(ctx, req["UserPoolId"])
    name = req["ProviderName"]
    # A first pass outside the writer lock: its checks, and the pool's SAML certificate
    # made if needed (slow); then again on the stored provider under the lock, so members
    # another update changed meanwhile are kept.
    _apply(ctx, pool, copy.deepcopy(find(ctx, pool["Id"], name, MISSING_ON_UPDATE)
                                    ["IdentityProvider"]), req, default_mapping=False)
    with ctx.store.write():
        provider = copy.deepcopy(find(ctx, pool["Id"], name, MISSING_ON_UPDATE)
                                 ["IdentityProvider"])
        issuer = _apply(ctx, pool, provider, req, default_mapping=False)
        provider["LastModifiedDate"] = ctx.now()
        ctx.store.identity_providers.replace(pool["Id"], name,
                                             {"IdentityProvider": provider, "Issuer": issuer})
    return {"IdentityProvider": _shown({"IdentityProvider": provider}, req)}


def delete_identity_provider(ctx: Context, req: dict) -> dict:
    with ctx.store.write():
        pool = get_pool(ctx, req["UserPoolId"])
        name = req["ProviderName"]
        find(ctx, pool["Id"], name)
        ctx.store.identity_providers.delete(pool["Id"], name)
        # Clients stop offering it, and users linked through it lose the link.
        for client in ctx.store.clients.all(pool["Id"]):
            offered = client.get("SupportedIdentityProviders") or []
            if name in offered:
                client["SupportedIdentityProviders"] = [p for p in offered if p != name]
                ctx.store.clients.replace(pool["Id"], client["ClientId"], client)
        provider_links.forget_provider(ctx, pool, name)
    return {}
