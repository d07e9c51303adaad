"""PKCE (RFC 7636), the authorization code grant's extension: the app proves at the token
endpoint that it is the one that started the authorization. Cognito accepts only S256."""

from __future__ import annotations

import base64
import hashlib
import hmac
import re

S256 = "S256"
# RFC 7636 §4.1 / §4.2: 43 to 128 unreserved characters.
_UNRESERVED = re.compile(r"[A-Za-z0-9._~-]{43,128}")


def check_challenge(challenge: str | None, method: str | None) -> str | None:
    """What is wrong with the authorize request's PKCE parameters, or None. `plain` is
    refused as Cognito refuses it (S256 only), and so is a method without a challenge."""
    if challenge is None and method is None:
        return None
    if challenge is None:
        return "code_challenge_method was given without a code_challenge"
    if method != S256:
        return "code_challenge_method must be S256"
    if not _UNRESERVED.fullmatch(challenge):
        return "code_challenge must be 43 to 128 characters of [A-Za-z0-9-._~]"
    return None


def s256(verifier: str) -> str:
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def verifies(challenge: str, verifier: str | None) -> bool:
    """Whether `verifier` is the secret behind an S256 `challenge`."""
    if not verifier or not _UNRESERVED.fullmatch(verifier):
        return False
    return hmac.compare_digest(s256(verifier), challenge)
