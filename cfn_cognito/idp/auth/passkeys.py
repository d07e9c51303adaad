"""Passkeys (WebAuthn): the relying party a pool is, and its two ceremonies, checked by
py_webauthn (attestation, assertion signature, RP ID hash, challenge, type, counter).

    rp = passkeys.relying_party(ctx, pool)         # RP ID, user verification, origins
    options, challenge = passkeys.registration_options(rp, user, existing)
    verified = passkeys.verify_registration(rp, credential, challenge)
    options, challenge = passkeys.authentication_options(rp, credentials)
    verified = passkeys.verify_assertion(rp, credential, challenge, stored)

The RP ID is the pool's WebAuthnConfiguration.RelyingPartyId or, without one, the pool's
domain: its custom domain, else its prefix domain as served here
({prefix}.auth.{region}.localhost) ([D] WebAuthnConfigurationType: "typically your user pool
domain"; WebAuthnConfigurationMissingException when there is neither).
An origin is allowed when its host is the RP ID or a subdomain of it, over https, or over
http on a loopback host (localhost, *.localhost, loopback IPs: browsers only run WebAuthn
there without TLS).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from urllib.parse import urlsplit

import webauthn
from webauthn.helpers import base64url_to_bytes, bytes_to_base64url, parse_client_data_json
from webauthn.helpers.exceptions import WebAuthnException
from webauthn.helpers.structs import (
    AuthenticatorSelectionCriteria,
    PublicKeyCredentialDescriptor,
    ResidentKeyRequirement,
    UserVerificationRequirement,
)

from cfn_cognito.context import Context
from cfn_cognito.idp.errors import (
    InvalidParameterException,
    NotAuthorizedException,
    WebAuthnChallengeNotFoundException,
    WebAuthnClientMismatchException,
    WebAuthnConfigurationMissingException,
    WebAuthnCredentialNotSupportedException,
    WebAuthnNotEnabledException,
    WebAuthnOriginNotAllowedException,
    WebAuthnRelyingPartyMismatchException,
)
from cfn_cognito.idp.userpools import mfa_settings

WEB_AUTHN = "WEB_AUTHN"
_LOOPBACK = ("localhost", "127.0.0.1", "[::1]", "::1")
# Seconds a ceremony's challenge lives (WebAuthn's recommended default is 300 s).
CHALLENGE_SECONDS = 300


@dataclass(frozen=True)
class RelyingParty:
    rp_id: str
    name: str
    user_verification: str    # "required" or "preferred"

    @property
    def requires_verification(self) -> bool:
        return self.user_verification == "required"


def enabled(pool: dict) -> bool:
    """Whether the pool lets users sign in with passkeys (WEB_AUTHN among its first factors)."""
    policy = (pool.get("Policies") or {}).get("SignInPolicy") or {}
    return WEB_AUTHN in (policy.get("AllowedFirstAuthFactors") or [])


def on_managed_login(ctx: Context, pool: dict) -> bool:
    """Whether the hosted UI offers passkeys: the pool allows them and has a managed login
    (version 2) domain. The classic hosted UI (version 1) has no passkey pages on AWS."""
    return enabled(pool) and any(d.get("ManagedLoginVersion") == 2
                                 for d in ctx.store.domains.all(pool["Id"]))


def relying_party(ctx: Context, pool: dict) -> RelyingParty:
    """The pool as a WebAuthn relying party; WebAuthnNotEnabledException when passkeys are not
    a first factor of the pool, WebAuthnConfigurationMissingException without an RP ID."""
    if not enabled(pool):
        raise WebAuthnNotEnabledException(  # [U] wording
            "Passkeys are not enabled for this user pool.")
    config = mfa_settings.pool_config(ctx, pool).get("WebAuthnConfiguration") or {}
    rp_id = config.get("RelyingPartyId") or _domain_rp_id(ctx, pool)
    if not rp_id:
        raise WebAuthnConfigurationMissingException(  # [U] wording
            "The user pool has neither a relying party ID nor a domain.")
    return RelyingParty(rp_id=rp_id, name=pool.get("Name") or rp_id,
                        user_verification=config.get("UserVerification") or "preferred")


def _domain_rp_id(ctx: Context, pool: dict) -> str | None:
    """The pool's domain as an RP ID: its custom domain, else its prefix domain as served
    here ({prefix}.auth.{region}.localhost, as oauth/hosts.py answers it)."""
    domains = ctx.store.domains.all(pool["Id"])
    for domain in domains:
        if (domain.get("CustomDomainConfig") or {}).get("CertificateArn"):
            return domain["Domain"]
    for domain in domains:
        return f"{domain['Domain']}.auth.{ctx.settings.region}.localhost"
    return None


def registration_options(rp: RelyingParty, user_id: str, username: str, display_name: str,
                         existing: list[str]) -> tuple[dict, str]:
    """(CredentialCreationOptions as the browser's JSON form, the challenge base64url)."""
    options = webauthn.generate_registration_options(
        rp_id=rp.rp_id, rp_name=rp.name, user_id=user_id.encode("utf-8"), user_name=username,
        user_display_name=display_name,
        exclude_credentials=[PublicKeyCredentialDescriptor(id=base64url_to_bytes(c))
                             for c in existing],
        authenticator_selection=AuthenticatorSelectionCriteria(
            resident_key=ResidentKeyRequirement.REQUIRED,
            user_verification=UserVerificationRequirement(rp.user_verification)))
    return json.loads(webauthn.options_to_json(options)), bytes_to_base64url(options.challenge)


def authentication_options(rp: RelyingParty, credential_ids: list[str]) -> tuple[dict, str]:
    """(CredentialRequestOptions as the browser's JSON form, the challenge base64url)."""
    options = webauthn.generate_authentication_options(
        rp_id=rp.rp_id,
        allow_credentials=[PublicKeyCredentialDescriptor(id=base64url_to_bytes(c))
                           for c in credential_ids],
        user_verification=UserVerificationRequirement(rp.user_verification))
    return json.loads(webauthn.options_to_json(options)), bytes_to_base64url(options.challenge)


def verify_registration(rp: RelyingParty, credential, challenge: str):
    """py_webauthn's VerifiedRegistration of a navigator.credentials.create() answer."""
    origin = _allowed_origin(rp, credential)
    try:
        return webauthn.verify_registration_response(
            credential=credential, expected_challenge=base64url_to_bytes(challenge),
            expected_rp_id=rp.rp_id, expected_origin=origin,
            require_user_verification=rp.requires_verification)
    except WebAuthnException as exc:
        raise _refusal(exc, registering=True) from None


def verify_assertion(rp: RelyingParty, credential, challenge: str, public_key: str,
                     sign_count: int):
    """py_webauthn's VerifiedAuthentication of a navigator.credentials.get() answer, the
    stored counter checked (a counter going back means a cloned authenticator)."""
    origin = _allowed_origin(rp, credential)
    try:
        return webauthn.verify_authentication_response(
            credential=credential, expected_challenge=base64url_to_bytes(challenge),
            expected_rp_id=rp.rp_id, expected_origin=origin,
            credential_public_key=base64url_to_bytes(public_key),
            credential_current_sign_count=sign_count,
            require_user_verification=rp.requires_verification)
    except WebAuthnException as exc:
        raise _refusal(exc, registering=False) from None


def credential_id(credential) -> str:
    """The id of a credential (dict or JSON text); InvalidParameterException if it has none."""
    try:
        parsed = json.loads(credential) if isinstance(credential, str) else credential
        raw = parsed["rawId"] if isinstance(parsed.get("rawId"), str) else parsed["id"]
        return bytes_to_base64url(base64url_to_bytes(raw))
    except (ValueError, TypeError, KeyError, AttributeError):
        raise InvalidParameterException("The credential is not a WebAuthn credential.") \
            from None  # [U] wording


def _allowed_origin(rp: RelyingParty, credential) -> str:
    """The origin the browser reported, when the RP may be used from it."""
    try:
        parsed = json.loads(credential) if isinstance(credential, str) else credential
        client_data = parse_client_data_json(
            base64url_to_bytes(parsed["response"]["clientDataJSON"]))
    except Exception:    # noqa: BLE001 - any malformed answer is the same refusal
        raise InvalidParameterException(  # [U] wording
            "The credential is not a WebAuthn credential.") from None
    origin = client_data.origin
    parts = urlsplit(origin)
    host = parts.hostname or ""
    on_rp = host == rp.rp_id or host.endswith("." + rp.rp_id)
    secure = parts.scheme == "https" or parts.scheme == "http" and _loopback(host)
    if not (on_rp and secure):
        raise WebAuthnOriginNotAllowedException(  # [U] wording
            f"The origin {origin} is not allowed for relying party {rp.rp_id}.")
    return origin


def _loopback(host: str) -> bool:
    """Hosts browsers count as secure over http: localhost, *.localhost, loopback IPs."""
    return host in _LOOPBACK or host.endswith(".localhost")


def _refusal(exc: Exception, *, registering: bool) -> Exception:
    """AWS's error for what py_webauthn refused."""
    text = str(exc)
    if "RP ID hash" in text:
        return WebAuthnRelyingPartyMismatchException(  # [U] wording
            "The credential was not created for this relying party.")
    if "client data type" in text:
        return WebAuthnClientMismatchException(  # [U] wording
            "The credential was made by a different WebAuthn ceremony.")
    if "challenge" in text:
        return WebAuthnChallengeNotFoundException(  # [U] wording
            "The credential does not answer the current challenge.")
    if registering:
        return WebAuthnCredentialNotSupportedException(  # [U] wording
            f"The credential is not supported: {text}")
    # A failed assertion, including a counter that did not grow (a cloned authenticator).
    return NotAuthorizedException("Incorrect username or password.")
