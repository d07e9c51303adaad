"""How an app client proves itself at the token and revocation endpoints: HTTP Basic
(`client_secret_basic`) or client_id and client_secret in the form (`client_secret_post`); a
client without a secret names itself with client_id alone."""

from __future__ import annotations

import base64
import binascii
from typing import Mapping
from urllib.parse import unquote_plus

from cfn_cognito.context import Context
from cfn_cognito.errors import AwsError
from cfn_cognito.idp.appclients import clients
from cfn_cognito.idp.appclients import secret_hash
from cfn_cognito.oauth.errors import InvalidClientError


def basic_credentials(authorization: str | None) -> tuple[str, str] | None:
    """(client_id, client_secret) of an `Authorization: Basic` header (RFC 6749 §2.3.1
    form-encodes both before joining them), or None when there is no such header."""
    if not authorization or not authorization[:6].lower() == "basic ":
        return None
    try:
        decoded = base64.b64decode(authorization[6:].strip(), validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError):
        raise InvalidClientError("malformed Basic credentials") from None
    client_id, sep, secret = decoded.partition(":")
    if not sep:
        raise InvalidClientError("malformed Basic credentials")
    return unquote_plus(client_id), unquote_plus(secret)


def authenticate(ctx: Context, form: Mapping, authorization: str | None,
                 host_pool_id: str | None) -> tuple[dict, dict]:
    """(pool, client) of an authenticated client, else InvalidClientError."""
    basic = basic_credentials(authorization)
    form_id = form.get("client_id")
    client_id, secret = basic if basic else (form_id, form.get("client_secret"))
    if basic and form_id and form_id != client_id:
        raise InvalidClientError("client_id differs from the Basic credentials")
    if not client_id:
        raise InvalidClientError("no client_id")
    try:
        pool, client = clients.find(ctx, client_id, host_pool_id)
    except AwsError:
        raise InvalidClientError(f"no client {client_id} here") from None
    if client.get("ClientSecret") and not secret_hash.is_secret_of(client, secret):
        raise InvalidClientError("wrong or missing client secret")
    return pool, client
