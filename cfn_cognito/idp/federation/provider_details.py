"""ProviderDetails of identity providers, per provider type: the keys each type takes and
needs, and what AWS adds to them (the social IdPs' endpoint URLs, a SAML IdP's sign-in and
sign-out URLs read from its metadata, the pool's encryption certificate).

cfn-cognito makes no network calls here: a SAML MetadataURL or an OIDC issuer is stored as
given, where AWS would fetch it (federated sign-in itself is not emulated).
"""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass, field

from cfn_cognito.idp.errors import InvalidParameterException

SOCIAL_TYPES = ("Facebook", "Google", "LoginWithAmazon", "SignInWithApple")
_SAML_NS = {"md": "urn:oasis:names:tc:SAML:2.0:metadata"}
_REDIRECT_BINDING = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect"
_BOOLEAN_KEYS = ("IDPInit", "IDPSignout", "EncryptedResponses", "attributes_url_add_attributes")


@dataclass(frozen=True)
class ProviderKind:
    required: tuple[str, ...]
    optional: tuple[str, ...] = ()
    filled: dict = field(default_factory=dict)   # keys AWS adds (a given value is replaced)
    hidden: tuple[str, ...] = ()                 # kept, but never shown back
    username_claim: str | None = None            # the IdP claim AWS maps to `username`


# The details Google, Facebook and Login with Amazon all need.
_OAUTH_APP_KEYS = ("client_id", "client_secret", "authorize_scopes")

# [D] BM CreateIdentityProviderRequest.ProviderDetails (request and describe examples).
KINDS = {
    "Google": ProviderKind(
        _OAUTH_APP_KEYS,
        filled={"attributes_url": "https://people.googleapis.com/v1/people/me?personFields=",
                "attributes_url_add_attributes": "true",
                "authorize_url": "https://accounts.google.com/o/oauth2/v2/auth",
                "oidc_issuer": "https://accounts.google.com",
                "token_request_method": "POST",
                "token_url": "https://www.googleapis.com/oauth2/v4/token"},
        username_claim="sub"),
    "Facebook": ProviderKind(
        _OAUTH_APP_KEYS, ("api_version",),
        filled={"attributes_url_add_attributes": "true", "token_request_method": "GET"},
        username_claim="id"),
    "LoginWithAmazon": ProviderKind(
        _OAUTH_APP_KEYS,
        filled={"attributes_url": "https://api.amazon.com/user/profile",
                "attributes_url_add_attributes": "false",
                "authorize_url": "https://www.amazon.com/ap/oa",
                "token_request_method": "POST",
                "token_url": "https://api.amazon.com/auth/o2/token"},
        username_claim="user_id"),
    "SignInWithApple": ProviderKind(
        ("client_id", "team_id", "key_id", "private_key", "authorize_scopes"),
        filled={"attributes_url_add_attributes": "false",
                "authorize_url": "https://appleid.apple.com/auth/authorize",
                "oidc_issuer": "https://appleid.apple.com",
                "token_request_method": "POST",
                "token_url": "https://appleid.apple.com/auth/token"},
        hidden=("private_key",), username_claim="sub"),
    "OIDC": ProviderKind(
        ("client_id", "authorize_scopes", "oidc_issuer", "attributes_request_method"),
        ("client_secret", "authorize_url", "token_url", "attributes_url", "jwks_uri",
         "attributes_url_add_attributes"),
        username_claim="sub"),
    "SAML": ProviderKind(
        (), ("MetadataURL", "MetadataFile", "IDPInit", "IDPSignout", "EncryptedResponses",
             "RequestSigningAlgorithm")),
}
# Keys AWS computes for SAML IdPs; a request may not set them.
SAML_COMPUTED = ("ActiveEncryptionCertificate", "SSORedirectBindingURI", "SLORedirectBindingURI")


def invalid(message: str) -> InvalidParameterException:
    return InvalidParameterException(message)  # [U] AWS's wording of each refusal


def _facebook_urls(details: dict) -> dict:
    version = details.get("api_version")
    prefix = f"/{version}" if version else ""
    return {"attributes_url": f"https://graph.facebook.com{prefix}/me?fields=",
            "authorize_url": f"https://www.facebook.com{prefix}/dialog/oauth",
            "token_url": f"https://graph.facebook.com{prefix}/oauth/access_token"}


def _saml_metadata(text: str) -> tuple[str, dict]:
    """(entityID, {SSORedirectBindingURI, SLORedirectBindingURI}) of IdP metadata XML."""
    try:
        root = ElementTree.fromstring(text)
    except ElementTree.ParseError:
        raise invalid("The MetadataFile is not valid SAML metadata XML.") from None
    idp = root.find(".//md:IDPSSODescriptor", _SAML_NS)
    if idp is None:
        raise invalid("The MetadataFile has no IDPSSODescriptor.")
    urls = {}
    for tag, key in (("SingleSignOnService", "SSORedirectBindingURI"),
                     ("SingleLogoutService", "SLORedirectBindingURI")):
        for service in idp.findall(f"md:{tag}", _SAML_NS):
            if service.get("Binding") == _REDIRECT_BINDING and service.get("Location"):
                urls[key] = service.get("Location")
                break
    if "SSORedirectBindingURI" not in urls:
        raise invalid("The MetadataFile has no SingleSignOnService with the HTTP-Redirect binding.")
    return root.get("entityID", ""), urls


def _check_saml(details: dict) -> None:
    sources = [k for k in ("MetadataURL", "MetadataFile") if details.get(k)]
    if not sources:
        # AWS's words (hashicorp/terraform-provider-aws#4815).
        raise invalid("At least one of the MetadataURL or MetadataFile should be provided.")
    if len(sources) > 1:
        raise invalid("Exactly one of MetadataURL or MetadataFile must be specified for a SAML "
                      "identity provider.")
    algorithm = details.get("RequestSigningAlgorithm")
    if algorithm is not None and algorithm != "rsa-sha256":
        raise invalid(f"RequestSigningAlgorithm {algorithm} is not supported; use rsa-sha256.")


def normalize(provider_type: str, details: dict, encryption_certificate) -> tuple[dict, str | None]:
    """(the ProviderDetails to store, the IdP's issuer) for a request's details, checked.
    `encryption_certificate()` gives the pool's certificate when a SAML IdP encrypts."""
    kind = KINDS[provider_type]
    computed = set(kind.filled) | set(SAML_COMPUTED)
    if provider_type == "Facebook":
        computed |= set(_facebook_urls({}))
    # What AWS computes is recomputed: a value given for it (or kept from before) is dropped.
    details = {k: v for k, v in details.items() if k not in computed}
    for key in details:
        if key not in kind.required + kind.optional:
            raise invalid(f"{key} is not a valid provider detail for a {provider_type} "
                          "identity provider.")
    missing = [key for key in kind.required if not details.get(key)]
    if missing and kind.required == _OAUTH_APP_KEYS:
        # One message for the three, as AWS answers (aws-amplify/amplify-cli#9384).
        raise invalid("client_id, client_secret and authorize_scopes are all required idp "
                      "details.")
    if missing:
        raise invalid(f"{missing[0]} is required for a {provider_type} identity provider.")
    for key in _BOOLEAN_KEYS:
        if key in details and details[key] not in ("true", "false"):
            raise invalid(f"{key} must be true or false.")
    issuer = details.get("oidc_issuer") or kind.filled.get("oidc_issuer")
    out = dict(details)
    out.update(kind.filled)
    if provider_type == "Facebook":
        out.update(_facebook_urls(details))
    elif provider_type == "OIDC":
        if details["attributes_request_method"] not in ("GET", "POST"):
            raise invalid("attributes_request_method must be GET or POST.")
        if "openid" not in details["authorize_scopes"].replace(",", " ").split():
            raise invalid("authorize_scopes of an OIDC identity provider must include openid.")
        out.setdefault("attributes_url_add_attributes", "false")
    elif provider_type == "SAML":
        _check_saml(details)
        if details.get("MetadataFile"):
            issuer, urls = _saml_metadata(details["MetadataFile"])
            out.update(urls)
        if details.get("EncryptedResponses") == "true":
            out["ActiveEncryptionCertificate"] = encryption_certificate()
    return dict(sorted(out.items(), key=lambda kv: kv[0].lower())), issuer


def shown(provider_type: str, details: dict) -> dict:
    """The details as Describe shows them (secrets AWS never returns left out)."""
    hidden = KINDS[provider_type].hidden
    return {k: v for k, v in details.items() if k not in hidden}


def default_attribute_mapping(provider_type: str) -> dict:
    """What AWS maps to `username` when the request does not say."""
    claim = KINDS[provider_type].username_claim
    return {"username": claim} if claim else {}
