"""SetPrincipalTagAttributeMap / GetPrincipalTagAttributeMap: which claims of a provider's
tokens become principal (session) tags, and the tags a login gets from them (they appear in
the login's OpenID tokens under https://aws.amazon.com/tags)."""

from __future__ import annotations

from cfn_cognito.context import Context
from cfn_cognito.identity import providers
from cfn_cognito.identity.errors import InvalidParameterException
from cfn_cognito.identity.logins import Login
from cfn_cognito.identity.pools import get_pool_doc, save_pool_doc

# Tag -> claim when UseDefaults is true (AWS's defaults for user pool providers).
DEFAULT_TAGS = {"username": "sub", "client": "aud"}


def _configured_name(ctx: Context, pool: dict, name: str) -> str:
    """The canonical name of a provider the pool has, else InvalidParameterException."""
    canonical = providers.canonical(ctx.settings, name)
    known = {providers.canonical(ctx.settings, p["ProviderName"])
             for p in pool.get("CognitoIdentityProviders") or []}
    known.update(pool.get("SupportedLoginProviders") or {})
    known.update(pool.get("OpenIdConnectProviderARNs") or [])
    known.update(pool.get("SamlProviderARNs") or [])
    if canonical not in known:
        raise InvalidParameterException(
            f"{name} is not a configured identity provider of this identity pool.")
    return canonical


def _answer(pool_id: str, name: str, entry: dict) -> dict:
    return {"IdentityPoolId": pool_id, "IdentityProviderName": name,
            "UseDefaults": entry["UseDefaults"], "PrincipalTags": dict(entry["PrincipalTags"])}


def set_principal_tag_attribute_map(ctx: Context, req: dict) -> dict:
    with ctx.store.write():
        doc = get_pool_doc(ctx, req["IdentityPoolId"])
        name = _configured_name(ctx, doc["IdentityPool"], req["IdentityProviderName"])
        use_defaults = bool(req.get("UseDefaults", False))
        tags = dict(DEFAULT_TAGS) if use_defaults else dict(req.get("PrincipalTags") or {})
        entry = {"UseDefaults": use_defaults, "PrincipalTags": tags}
        doc["PrincipalTags"][name] = entry
        save_pool_doc(ctx, doc)
    return _answer(req["IdentityPoolId"], req["IdentityProviderName"], entry)


def get_principal_tag_attribute_map(ctx: Context, req: dict) -> dict:
    doc = get_pool_doc(ctx, req["IdentityPoolId"])
    name = _configured_name(ctx, doc["IdentityPool"], req["IdentityProviderName"])
    entry = doc["PrincipalTags"].get(name) or {"UseDefaults": False, "PrincipalTags": {}}
    return _answer(req["IdentityPoolId"], req["IdentityProviderName"], entry)


def tags_for(pool_doc: dict, login: Login) -> dict[str, str]:
    """The principal tags of a login: each mapped claim its token carries, as a string."""
    entry = pool_doc["PrincipalTags"].get(login.provider)
    if not entry:
        return {}
    tags = {}
    for tag, claim in entry["PrincipalTags"].items():
        value = login.claims.get(claim)
        if isinstance(value, bool):
            tags[tag] = str(value).lower()
        elif isinstance(value, (str, int, float)):
            tags[tag] = str(value)
    return tags
