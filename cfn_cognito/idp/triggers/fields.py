"""Reading the members of a trigger's response as Cognito does.

Cognito reads a trigger's answer into typed fields the way a Java JSON reader with default
settings does: a missing member or null is "not set"; a string field takes a string, number
or boolean (as its text); a boolean field takes true/false or their text; a map of strings
takes an object of such scalars; a list takes an array. Anything else (an object where text
is expected, a bare string where a list is) is InvalidLambdaResponseException
"Invalid lambda function output : Invalid JSON".
"""

from __future__ import annotations

from cfn_cognito.idp.errors import InvalidLambdaResponseException

INVALID_JSON = "Invalid lambda function output : Invalid JSON"


def invalid() -> InvalidLambdaResponseException:
    return InvalidLambdaResponseException(INVALID_JSON)


def _text(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (str, int, float)):
        return str(value)
    raise invalid()


def string(obj: dict, key: str) -> str | None:
    value = obj.get(key)
    return None if value is None else _text(value)


def boolean(obj: dict, key: str) -> bool | None:
    value = obj.get(key)
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, str) and value.lower() in ("true", "false"):
        return value.lower() == "true"
    raise invalid()


def obj(obj: dict, key: str) -> dict | None:
    value = obj.get(key)
    if value is None or isinstance(value, dict):
        return value
    raise invalid()


def string_map(obj: dict, key: str) -> dict[str, str] | None:
    value = _of_type(obj, key, dict)
    if value is None:
        return None
    return {name: _text(item) for name, item in value.items() if item is not None}


def string_list(obj: dict, key: str) -> list[str] | None:
    value = _of_type(obj, key, list)
    if value is None:
        return None
    return [_text(item) for item in value if item is not None]


def json_map(obj: dict, key: str) -> dict | None:
    """An object whose members may be any JSON (PreTokenGeneration V2's claims)."""
    return _of_type(obj, key, dict)


def _of_type(obj: dict, key: str, kind: type):
    value = obj.get(key)
    if value is None or isinstance(value, kind):
        return value
    raise invalid()
