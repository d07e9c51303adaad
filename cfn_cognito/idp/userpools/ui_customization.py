"""Classic hosted UI branding: SetUICustomization, GetUICustomization.

A customization (CSS and a logo) is set for one app client or, with ClientId ALL, for every
client that has none of its own. The logo is served back by this service at ImageUrl.
"""

from __future__ import annotations

import base64
import re
import time

from cfn_cognito.context import Context
from cfn_cognito.idp.appclients.clients import get_client
from cfn_cognito.idp.errors import InvalidParameterException
from cfn_cognito.idp.userpools.pools import get_pool

ALL = "ALL"
MAX_IMAGE_BYTES = 100 * 1024  # [D] DG cognito-user-pools-app-ui-customization
IMAGE_PATH = "/_cfn_cognito/ui"  # served by cfn_cognito/web/files.py

# The classes the classic hosted UI lets CSS style. [D] DG cognito-user-pools-app-ui-customization
# and the AWS CLI's set-ui-customization example (its template uses them all).
ALLOWED_SELECTORS = frozenset({
    ".background-customizable", ".banner-customizable", ".errorMessage-customizable",
    ".idpButton-customizable", ".idpButton-customizable:hover", ".idpDescription-customizable",
    ".inputField-customizable", ".inputField-customizable:focus", ".label-customizable",
    ".legalText-customizable", ".logo-customizable", ".passwordCheck-notValid-customizable",
    ".passwordCheck-valid-customizable", ".redirect-customizable", ".socialButton-customizable",
    ".submitButton-customizable", ".submitButton-customizable:hover",
    ".textDescription-customizable",
})
# AWS refuses these in property values. [D] same page
_FORBIDDEN = re.compile(r"@import|@supports|@page|@media|javascript:|expression\s*\(|<\s*script",
                        re.IGNORECASE)
_COMMENT = re.compile(r"/\*.*?\*/", re.S)
_RULE = re.compile(r"([^{}]*)\{([^{}]*)\}")

_IMAGE_TYPES = {b"\x89PNG\r\n\x1a\n": "image/png", b"\xff\xd8\xff": "image/jpeg"}


def check_css(css: str) -> None:
    """InvalidParameterException unless every rule styles an allowed class, as AWS demands.
    [U] the wording of AWS's messages."""
    text = _COMMENT.sub("", css)
    found = _FORBIDDEN.search(text)
    if found:
        raise InvalidParameterException(f"CSS contains a forbidden statement: {found.group(0)}")
    rest = _RULE.sub("", text)
    if rest.strip():
        raise InvalidParameterException(f"CSS could not be parsed near: {rest.strip()[:50]}")
    for selectors, _ in _RULE.findall(text):
        for selector in selectors.split(","):
            selector = selector.strip()
            if selector not in ALLOWED_SELECTORS:
                raise InvalidParameterException(
                    f"CSS selector {selector or '(empty)'} is not allowed. Only the hosted UI's "
                    "-customizable classes can be styled.")


def image_type(data: bytes) -> str:
    """The MIME type of a logo, or InvalidParameterException. [U] AWS's wording."""
    if len(data) > MAX_IMAGE_BYTES:
        raise InvalidParameterException("The image file must not be larger than 100 KB.")
    for magic, mime in _IMAGE_TYPES.items():
        if data.startswith(magic):
            return mime
    raise InvalidParameterException("The image file must be a PNG or JPEG image.")


def _target(ctx: Context, pool: dict, client_id: str | None) -> str:
    if not client_id or client_id == ALL:
        return ALL
    get_client(ctx, pool["Id"], client_id)
    return client_id


def set_ui_customization(ctx: Context, req: dict) -> dict:
    table = ctx.store.ui_customizations
    with ctx.store.write():
        pool = get_pool(ctx, req["UserPoolId"])
        key = _target(ctx, pool, req.get("ClientId"))
        if not ctx.store.domains.count(pool["Id"]):
            raise InvalidParameterException(  # [U] wording
                "There has to be an existing domain associated with this user pool.")
        css = req.get("CSS")
        image = base64.b64decode(req["ImageFile"]) if req.get("ImageFile") else None
        if css:
            check_css(css)
        mime = image_type(image) if image else None
        existing = table.get(pool["Id"], key)
        now = ctx.now()
        if not css and not image:
            # Nothing to set: the client falls back to ALL (ALL to none at all).
            table.delete(pool["Id"], key)
            return {"UICustomization": {"UserPoolId": pool["Id"], "ClientId": key}}
        version = time.strftime("%Y%m%d%H%M%S", time.gmtime(ctx.clock()))
        shown = {"UserPoolId": pool["Id"], "ClientId": key}
        if image:
            shown["ImageUrl"] = (f"{ctx.settings.base_url}{IMAGE_PATH}/{pool['Id']}/{key}/"
                                 f"{version}/assets/images/image.jpg")
        if css:
            shown["CSS"] = css
        shown["CSSVersion"] = version
        shown["LastModifiedDate"] = now
        shown["CreationDate"] = existing["UICustomization"]["CreationDate"] if existing else now
        doc = {"UICustomization": shown}
        if image:
            doc.update(Image=req["ImageFile"], ImageType=mime)
        if not table.replace(pool["Id"], key, doc):
            table.insert(pool["Id"], key, doc)
    return {"UICustomization": shown}


def get_ui_customization(ctx: Context, req: dict) -> dict:
    pool = get_pool(ctx, req["UserPoolId"])
    key = _target(ctx, pool, req.get("ClientId"))
    table = ctx.store.ui_customizations
    found = table.get(pool["Id"], key) or table.get(pool["Id"], ALL)
    if found is None:
        return {"UICustomization": {"UserPoolId": pool["Id"], "ClientId": key}}
    return {"UICustomization": found["UICustomization"]}


def logo(ctx: Context, pool_id: str, client_id: str, version: str) -> tuple[bytes, str] | None:
    """(bytes, MIME type) of the logo at an ImageUrl this service handed out, or None."""
    found = ctx.store.ui_customizations.get(pool_id, client_id)
    if not found or not found.get("Image") or found["UICustomization"]["CSSVersion"] != version:
        return None
    return base64.b64decode(found["Image"]), found["ImageType"]
