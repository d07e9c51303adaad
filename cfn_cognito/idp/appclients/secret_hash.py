"""SECRET_HASH: what a client with a secret proves on calls that name a user.

`Base64(HMAC_SHA256(key=client secret, msg=username + client id))`, sent as `SecretHash` on
SignUp, ConfirmSignUp, ResendConfirmationCode, ForgotPassword, ConfirmForgotPassword and
as `SECRET_HASH` in AuthParameters / ChallengeResponses.
"""

from __future__ import annotations

import base64
import hashlib
import hmac

from cfn_cognito.idp.errors import NotAuthorizedException


# Where a client document lists every active secret once AddUserPoolClientSecret has given it
# a second one (kept out of every answer: see clients.public).
ACTIVE_SECRETS = "_ActiveSecrets"


def secrets_of(client: dict) -> list[str]:
    """Every secret the client may prove itself with: both while a rotation is under way."""
    listed = client.get(ACTIVE_SECRETS)
    if listed:
        return list(listed)
    return [client["ClientSecret"]] if client.get("ClientSecret") else []


def is_secret_of(client: dict, given: str | None) -> bool:
    """Whether `given` is one of the client's active secrets."""
    return bool(given) and any(hmac.compare_digest(given.encode(), secret.encode())
                               for secret in secrets_of(client))


def matches(client: dict, username: str, given: str | None) -> bool:
    """Whether `given` is the SECRET_HASH of `username` under any active secret."""
    return bool(given) and any(
        hmac.compare_digest(given.encode(), compute(client["ClientId"], secret, username).encode())
        for secret in secrets_of(client))


def compute(client_id: str, client_secret: str, username: str) -> str:
    digest = hmac.new(client_secret.encode(), (username + client_id).encode(), hashlib.sha256)
    return base64.b64encode(digest.digest()).decode()


def check(client: dict, username: str, secret_hash: str | None) -> None:
    """NotAuthorizedException, as AWS words it, unless a client with a secret sent the right
    hash for `username` (the name as the caller gave it). Clients without a secret pass."""
    if not client.get("ClientSecret"):
        return
    client_id = client["ClientId"]
    if not secret_hash:
        raise NotAuthorizedException(
            f"Client {client_id} is configured with secret but SECRET_HASH was not received")
    if not matches(client, username, secret_hash):
        raise NotAuthorizedException(f"Unable to verify secret hash for client {client_id}")
