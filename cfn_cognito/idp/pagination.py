"""Opaque pagination tokens (NextToken, PaginationToken) over a list position."""

from __future__ import annotations

import base64
import binascii
import json

from cfn_cognito.idp.errors import InvalidParameterException


def encode(position, **extra) -> str:
    payload = {"p": position, **extra}
    return base64.urlsafe_b64encode(json.dumps(payload, separators=(",", ":")).encode()).decode()


def decode_full(token: str | None) -> dict | None:
    if not token:
        return None
    try:
        payload = json.loads(base64.urlsafe_b64decode(token.encode()))
        if not isinstance(payload, dict) or "p" not in payload:
            raise ValueError
    except (ValueError, binascii.Error, UnicodeError):
        raise InvalidParameterException("Invalid pagination token.") from None
    return payload


def decode(token: str | None, default=0):
    """The position a token stands for (default when there is no token)."""
    payload = decode_full(token)
    if payload is None:
        return default
    position = payload["p"]
    if not isinstance(position, type(default)):
        raise InvalidParameterException("Invalid pagination token.")
    return position
