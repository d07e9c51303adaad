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


def compute(client_id: str, client_secret: str, username: str) -> str:
    digest = hmac.new(client_secret.encode(), (username + client_id).encode(), hashlib.sha256)
    return base64.b64encode(digest.digest()).decode()


def check(client: dict, username: str, secret_hash: str | None) -> None:
    """NotAuthorizedException, as AWS words it, unless a client with a secret sent the right
    hash for `username` (the name as the caller gave it). Clients without a secret pass."""
    secret = client.get("ClientSecret")
    if not secret:
        return
    client_id = client["ClientId"]
    if not secret_hash:
        raise NotAuthorizedException(
            f"Client {client_id} is configured with secret but SECRET_HASH was not received")
    if not hmac.compare_digest(secret_hash.encode(), compute(client_id, secret, username).encode()):
        raise NotAuthorizedException(f"Unable to verify secret hash for client {client_id}")
