"""JWT claims as API Gateway hands them to integrations: every value a string.

REST APIs (COGNITO_USER_POOLS authorizers): numbers as their digits, booleans as "true" and
"false", arrays comma-joined ("admin,staff"), and `exp` and `iat` rewritten as Java prints a
Date ("Thu Dec 06 17:08:23 UTC 2018"). HTTP APIs (JWT authorizers): arrays as "[a b]", maps as
"map[k:v]", numbers (exp and iat included) as their digits. (reference §8)
"""

from __future__ import annotations

import datetime
import json

_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
JAVA_DATE_CLAIMS = ("exp", "iat")


def java_date(epoch: int) -> str:
    """Java's Date.toString() in UTC: `EEE MMM dd HH:mm:ss zzz yyyy`, the day zero-padded."""
    moment = datetime.datetime.fromtimestamp(epoch, datetime.timezone.utc)
    return (f"{_DAYS[moment.weekday()]} {_MONTHS[moment.month - 1]} {moment.day:02d} "
            f"{moment:%H:%M:%S} UTC {moment.year}")


def _scalar(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (dict, list)):
        return json.dumps(value, separators=(",", ":"))
    return "" if value is None else str(value)


def rest_claims(claims: dict) -> dict[str, str]:
    out = {}
    for name, value in claims.items():
        if name in JAVA_DATE_CLAIMS and isinstance(value, (int, float)) \
                and not isinstance(value, bool):
            out[name] = java_date(int(value))
        elif isinstance(value, list):
            out[name] = ",".join(_scalar(item) for item in value)
        else:
            out[name] = _scalar(value)
    return out


def _go(value) -> str:
    """A value as Go's fmt prints it, which is how HTTP APIs write non-string claims."""
    if isinstance(value, list):
        return "[" + " ".join(_go(item) for item in value) + "]"
    if isinstance(value, dict):
        return "map[" + " ".join(f"{k}:{_go(value[k])}" for k in sorted(value)) + "]"
    return _scalar(value)


def http_claims(claims: dict) -> dict[str, str]:
    return {name: _go(value) for name, value in claims.items()}


def scopes(claims: dict) -> list[str] | None:
    """The token's scopes (`scope`, or `scp`), or None when it has none."""
    value = claims.get("scope", claims.get("scp"))
    if isinstance(value, str):
        found = value.split()
    elif isinstance(value, list):
        found = [str(v) for v in value]
    else:
        return None
    return found or None
