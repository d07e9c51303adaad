"""A signed-in user's passkeys: StartWebAuthnRegistration, CompleteWebAuthnRegistration,
ListWebAuthnCredentials, DeleteWebAuthnCredential (the ceremonies: auth/passkeys.py).

Registration is bound to the user: StartWebAuthnRegistration keeps its challenge in the
user's document and CompleteWebAuthnRegistration takes it away, once, before verifying.
"""

from __future__ import annotations

import json

from cfn_cognito.context import Context
from cfn_cognito.idp import pagination
from cfn_cognito.idp.accounts import users
from cfn_cognito.idp.accounts.access_token_operations import caller
from cfn_cognito.idp.auth import passkeys
from cfn_cognito.idp.errors import (
    LimitExceededException,
    ResourceNotFoundException,
    WebAuthnChallengeNotFoundException,
    WebAuthnCredentialNotSupportedException,
)
from cfn_cognito.store.webauthn_credentials import CredentialRecord
from webauthn.helpers import bytes_to_base64url

# In the user document: the challenge of a registration started and not completed yet.
PENDING = "WebAuthnRegistrationChallenge"
MAX_PER_USER = 20     # [U] AWS's per-user passkey quota; LimitExceededException past it
_DEFAULT_PAGE = 20    # [U]


def start_web_authn_registration(ctx: Context, req: dict) -> dict:
    c = caller(ctx, req["AccessToken"])
    return {"CredentialCreationOptions": start_registration(ctx, c.pool, c.user)}


def complete_web_authn_registration(ctx: Context, req: dict) -> dict:
    c = caller(ctx, req["AccessToken"])
    complete_registration(ctx, c.pool, c.user, req["Credential"])
    return {}


def start_registration(ctx: Context, pool: dict, user) -> dict:
    """The navigator.credentials.create() options of a new passkey for `user` (its
    challenge kept in the user's document until the registration completes)."""
    rp = passkeys.relying_party(ctx, pool)
    existing = ctx.store.webauthn_credentials.of_user(pool["Id"], user.sub)
    if len(existing) >= MAX_PER_USER:
        raise LimitExceededException(  # [U] wording
            f"A user can register at most {MAX_PER_USER} passkeys.")
    display = next((a["Value"] for a in user.doc.get("Attributes", [])
                    if a["Name"] in ("email", "phone_number")), user.username)
    options, challenge = passkeys.registration_options(
        rp, user.sub, user.username, display, [r.credential_id for r in existing])
    pending = {"challenge": challenge, "expires": ctx.now() + passkeys.CHALLENGE_SECONDS}
    users.modify(ctx, pool, user, lambda u: u.doc.__setitem__(PENDING, pending))
    return options


def complete_registration(ctx: Context, pool: dict, user, credential) -> None:
    """Verify the browser's answer to start_registration's options and keep the passkey."""
    rp = passkeys.relying_party(ctx, pool)
    taken = {}

    def take(u):
        taken.update(u.doc.pop(PENDING, None) or {})

    # Single use: the challenge is gone whatever the verification says.
    users.modify(ctx, pool, user, take)
    if not taken or ctx.now() >= taken["expires"]:
        raise WebAuthnChallengeNotFoundException(  # [U] wording
            "No registration is in progress for the user; call StartWebAuthnRegistration.")
    verified = passkeys.verify_registration(rp, credential, taken["challenge"])
    if isinstance(credential, str):
        credential = json.loads(credential)    # verified: it parses
    transports = (credential.get("response") or {}).get("transports") or []
    doc = {"FriendlyCredentialName": _friendly_name(verified.aaguid),
           "RelyingPartyId": rp.rp_id,
           "AuthenticatorTransports": [str(t) for t in transports],
           "CreatedAt": ctx.now()}
    if credential.get("authenticatorAttachment"):
        doc["AuthenticatorAttachment"] = credential["authenticatorAttachment"]
    added = ctx.store.webauthn_credentials.add(CredentialRecord(
        pool_id=pool["Id"], credential_id=bytes_to_base64url(verified.credential_id),
        sub=user.sub, public_key=bytes_to_base64url(verified.credential_public_key),
        sign_count=verified.sign_count, doc=doc))
    if not added:
        raise WebAuthnCredentialNotSupportedException(  # [U] wording
            "The passkey is already registered.")


def list_web_authn_credentials(ctx: Context, req: dict) -> dict:
    c = caller(ctx, req["AccessToken"])
    records = ctx.store.webauthn_credentials.of_user(c.pool["Id"], c.user.sub)
    start = pagination.decode(req.get("NextToken"))
    size = req.get("MaxResults") or _DEFAULT_PAGE
    page = records[start:start + size]
    out = {"Credentials": [{"CredentialId": r.credential_id, **r.doc} for r in page]}
    if start + size < len(records):
        out["NextToken"] = pagination.encode(start + size)
    return out


def delete_web_authn_credential(ctx: Context, req: dict) -> dict:
    c = caller(ctx, req["AccessToken"])
    if not ctx.store.webauthn_credentials.delete(c.pool["Id"], c.user.sub, req["CredentialId"]):
        raise ResourceNotFoundException("Credential not found.")  # [U] wording
    return {}


def _friendly_name(aaguid: str) -> str:
    """The authenticator's AAGUID names it when it gives one (virtual and many platform
    authenticators give zeros)."""
    return aaguid if aaguid.strip("0-") else "Passkey"
