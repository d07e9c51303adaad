"""Managed login branding styles: Create/Describe/DescribeByClient/Update/Delete
ManagedLoginBranding.

A style (settings JSON and image assets) belongs to one app client. Stored and returned
with AWS's checks; cfn-cognito's hosted pages do not draw it.
"""

from __future__ import annotations

import base64
import copy

from cfn_cognito.context import Context
from cfn_cognito.idp.appclients.clients import get_client
from cfn_cognito.idp.errors import (
    InvalidParameterException,
    ManagedLoginBrandingExistsException,
    ResourceNotFoundException,
)
from cfn_cognito.idp.userpools.pools import get_pool
from cfn_cognito.idp.issuer.tokens import new_uuid

# What the first bytes of an asset must be for its declared Extension.
_MAGIC = {
    "PNG": (b"\x89PNG\r\n\x1a\n",),
    "JPEG": (b"\xff\xd8\xff",),
    "ICO": (b"\x00\x00\x01\x00",),
    "WEBP": (b"RIFF",),
    "SVG": (b"<svg", b"<?xml"),
}
# Categories whose file type is fixed by their name.
_CATEGORY_EXTENSION = {"FAVICON_ICO": "ICO", "FAVICON_SVG": "SVG"}


def _not_found(branding_id: str) -> ResourceNotFoundException:
    return ResourceNotFoundException(f"Managed login branding {branding_id} does not exist.")  # [U]


def _check_assets(assets: list[dict]) -> None:
    """[U] AWS's wording of each refusal."""
    seen = set()
    for asset in assets:
        category, mode, extension = asset["Category"], asset["ColorMode"], asset["Extension"]
        if (category, mode) in seen:
            raise InvalidParameterException(
                f"Duplicate asset for category {category} and color mode {mode}.")
        seen.add((category, mode))
        wanted = _CATEGORY_EXTENSION.get(category)
        if wanted and extension != wanted:
            raise InvalidParameterException(
                f"Asset category {category} requires extension {wanted}.")
        if not asset.get("Bytes"):
            if not asset.get("ResourceId"):
                raise InvalidParameterException(f"Asset {category} needs Bytes or a ResourceId.")
            continue
        data = base64.b64decode(asset["Bytes"]).lstrip() if extension == "SVG" else \
            base64.b64decode(asset["Bytes"])
        magic = _MAGIC[extension]
        if not data.startswith(magic) or extension == "WEBP" and data[8:12] != b"WEBP":
            raise InvalidParameterException(
                f"Asset {category} ({mode}) is not a valid {extension} file.")


def _check_request(req: dict) -> None:
    if req.get("UseCognitoProvidedValues") and (req.get("Settings") or req.get("Assets")):
        raise InvalidParameterException(  # [U] wording
            "Settings and Assets cannot be specified when UseCognitoProvidedValues is true.")
    _check_assets(req.get("Assets") or [])


def _shown(doc: dict) -> dict:
    return doc["ManagedLoginBranding"]


def create_managed_login_branding(ctx: Context, req: dict) -> dict:
    _check_request(req)
    table = ctx.store.managed_login_brandings
    with ctx.store.write():
        pool = get_pool(ctx, req["UserPoolId"])
        client = get_client(ctx, pool["Id"], req["ClientId"])
        if any(d["ClientId"] == client["ClientId"] for d in table.all(pool["Id"])):
            raise ManagedLoginBrandingExistsException(  # [U] wording
                f"Managed login branding already exists for client {client['ClientId']}.")
        now = ctx.now()
        branding = {"ManagedLoginBrandingId": new_uuid(ctx), "UserPoolId": pool["Id"],
                    "UseCognitoProvidedValues": bool(req.get("UseCognitoProvidedValues"))}
        if not branding["UseCognitoProvidedValues"]:
            branding["Settings"] = copy.deepcopy(req.get("Settings") or {})
            branding["Assets"] = copy.deepcopy(req.get("Assets") or [])
        branding["CreationDate"] = branding["LastModifiedDate"] = now
        table.insert(pool["Id"], branding["ManagedLoginBrandingId"],
                     {"ClientId": client["ClientId"], "ManagedLoginBranding": branding})
    return {"ManagedLoginBranding": branding}


def _get(ctx: Context, pool_id: str, branding_id: str) -> dict:
    doc = ctx.store.managed_login_brandings.get(pool_id, branding_id)
    if doc is None:
        raise _not_found(branding_id)
    return doc


def describe_managed_login_branding(ctx: Context, req: dict) -> dict:
    pool = get_pool(ctx, req["UserPoolId"])
    # ReturnMergedResources: AWS fills in its own defaults; cfn-cognito holds none of them,
    # so the style is returned as it was set either way.
    return {"ManagedLoginBranding": _shown(_get(ctx, pool["Id"], req["ManagedLoginBrandingId"]))}


def describe_managed_login_branding_by_client(ctx: Context, req: dict) -> dict:
    pool = get_pool(ctx, req["UserPoolId"])
    client = get_client(ctx, pool["Id"], req["ClientId"])
    for doc in ctx.store.managed_login_brandings.all(pool["Id"]):
        if doc["ClientId"] == client["ClientId"]:
            return {"ManagedLoginBranding": _shown(doc)}
    raise ResourceNotFoundException(  # [U] wording
        f"Managed login branding for client {client['ClientId']} does not exist.")


def _merge(base: dict, changes: dict) -> dict:
    """Settings with `changes` laid over them, object by object (what is left out stays)."""
    out = dict(base)
    for key, value in changes.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = copy.deepcopy(value)
    return out


def update_managed_login_branding(ctx: Context, req: dict) -> dict:
    # Both are optional in the model, yet name what to update.
    if not req.get("UserPoolId"):
        raise InvalidParameterException("UserPoolId is required.")  # [U] wording
    get_pool(ctx, req["UserPoolId"])
    if not req.get("ManagedLoginBrandingId"):
        raise InvalidParameterException("ManagedLoginBrandingId is required.")  # [U] wording
    _check_request(req)
    table = ctx.store.managed_login_brandings
    with ctx.store.write():
        pool = get_pool(ctx, req["UserPoolId"])
        doc = _get(ctx, pool["Id"], req["ManagedLoginBrandingId"])
        branding = doc["ManagedLoginBranding"]
        if req.get("UseCognitoProvidedValues"):
            branding["UseCognitoProvidedValues"] = True
            branding.pop("Settings", None)
            branding.pop("Assets", None)
        elif req.get("Settings") is not None or req.get("Assets") is not None \
                or req.get("UseCognitoProvidedValues") is False:
            branding["UseCognitoProvidedValues"] = False
            branding["Settings"] = _merge(branding.get("Settings") or {}, req.get("Settings") or {})
            assets = {(a["Category"], a["ColorMode"]): a for a in branding.get("Assets") or []}
            assets.update({(a["Category"], a["ColorMode"]): copy.deepcopy(a)
                           for a in req.get("Assets") or []})
            branding["Assets"] = list(assets.values())
        branding["LastModifiedDate"] = ctx.now()
        table.replace(pool["Id"], branding["ManagedLoginBrandingId"], doc)
    return {"ManagedLoginBranding": branding}


def delete_managed_login_branding(ctx: Context, req: dict) -> dict:
    with ctx.store.write():
        pool = get_pool(ctx, req["UserPoolId"])
        _get(ctx, pool["Id"], req["ManagedLoginBrandingId"])
        ctx.store.managed_login_brandings.delete(pool["Id"], req["ManagedLoginBrandingId"])
    return {}
