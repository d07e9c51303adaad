"""ListUsers: the filter grammar, pagination and AttributesToGet.

A filter is `name = "value"` (exact) or `name ^= "value"` (starts with), one attribute of
`users.SEARCHABLE`, the value in double quotes with `\\"` and `\\\\` escapes; an empty filter
lists everyone. Matching is case-insensitive except for `username` and `status`; results
are ordered by the filtered value (by username without a filter). Every filter is an index
range scan (see store/users.py), so it stays fast on large pools.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from cfn_cognito.context import Context
from cfn_cognito.idp import pagination
from cfn_cognito.idp.accounts import users
from cfn_cognito.idp.errors import InvalidParameterException
from cfn_cognito.idp.userpools.pools import get_pool

DEFAULT_LIMIT = 60

_FILTER = re.compile(r'\s*([^\s=^"]+)\s*(\^=|=)\s*"((?:[^"\\]|\\.)*)"\s*', re.S)
_ESCAPE = re.compile(r"\\(.)", re.S)


@dataclass(frozen=True)
class Filter:
    attribute: str
    value: str
    prefix: bool

    def value_key(self) -> str:
        """The value in the form the index keeps (lower-cased where matching ignores case)."""
        return self.value if users.SEARCHABLE[self.attribute] else self.value.lower()


def parse_filter(text: str | None) -> Filter | None:
    """The filter a ListUsers Filter string asks for (None: no filter)."""
    if not text or not text.strip():
        return None
    match = _FILTER.fullmatch(text)
    if not match:
        # AWS's wording (aws/aws-sdk-php#1088).
        raise InvalidParameterException("Error while parsing filter.")
    name, operator, quoted = match.groups()
    if name not in users.SEARCHABLE:
        raise InvalidParameterException(f"Invalid search attribute: {name}")  # [U] wording
    return Filter(name, _ESCAPE.sub(r"\1", quoted), operator == "^=")


def _position(token: str | None, filtered: bool):
    payload = pagination.decode_full(token)
    if payload is None:
        return None
    position = payload["p"]
    if filtered:
        valid = (isinstance(position, list) and len(position) == 2
                 and all(isinstance(p, str) for p in position))
        position = tuple(position) if valid else None
    elif not isinstance(position, str):
        position = None
    if position is None:
        raise InvalidParameterException("Invalid pagination token.")
    return position


def list_users(ctx: Context, req: dict) -> dict:
    pool = get_pool(ctx, req["UserPoolId"])
    limit = req.get("Limit") or DEFAULT_LIMIT
    wanted = req.get("AttributesToGet")
    spec = parse_filter(req.get("Filter"))
    position = _position(req.get("PaginationToken"), spec is not None)
    if spec is None:
        found, next_position = ctx.store.users.page(pool["Id"], position or "", limit)
    else:
        found, next_position = ctx.store.users.search(
            pool["Id"], spec.attribute, spec.value_key(), spec.prefix, position, limit)
    result = {"Users": [users.to_user_type(u, wanted) for u in found]}
    if next_position is not None:
        result["PaginationToken"] = pagination.encode(
            list(next_position) if isinstance(next_position, tuple) else next_position)
    return result
