"""Input validation against a botocore shape, with AWS's (Coral's) wording.

Two kinds of failure, as AWS has them:
- a value of the wrong JSON type cannot be read at all: SerializationException;
- a readable value that breaks a constraint (required, length, range, pattern, enum) is
  collected, and all of them are reported together as
  `N validation error(s) detected: Value 'x' at 'path' failed to satisfy constraint: ...`.
Unknown members are ignored, as AWS ignores them.
"""

from __future__ import annotations

import base64
import binascii
import functools

import regex
from botocore.model import Shape

from cfn_cognito.errors import SerializationException

MAX_DEPTH = 32


class ConstraintViolations(Exception):
    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems))
        self.problems = problems

    def message(self) -> str:
        n = len(self.problems)
        noun = "validation error" if n == 1 else "validation errors"
        return f"{n} {noun} detected: " + "; ".join(self.problems)


@functools.lru_cache(maxsize=256)
def _pattern(source: str):
    # The model's patterns are Java regexes, applied to the whole value (Java's `matches`).
    return regex.compile(source, regex.V0)


def _member_path(parent: str, name: str) -> str:
    key = name[:1].lower() + name[1:]
    return f"{parent}.{key}" if parent else key


def _render(value) -> str:
    """A value as Java's toString would print it in Coral's messages."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "[" + ", ".join(_render(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}={_render(v)}" for k, v in value.items()) + "}"
    return str(value)


def _json_kind(value) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "a list"
    return "an object"


class _Validator:
    def __init__(self):
        self.problems: list[str] = []

    def fail(self, path: str, value, shape: Shape, constraint: str, show_value: bool = True):
        sensitive = shape.metadata.get("sensitive") or shape.serialization.get("sensitive")
        if show_value and not sensitive and value is not None:
            shown = f"Value '{_render(value)}' at '{path}'"
        elif value is None:
            shown = f"Value null at '{path}'"
        else:
            shown = f"Value at '{path}'"
        self.problems.append(f"{shown} failed to satisfy constraint: {constraint}")

    def wrong_type(self, path: str, value, expected: str):
        raise SerializationException(
            f"Expected {expected} at '{path or '$'}' but found {_json_kind(value)}")

    def check(self, shape: Shape, value, path: str, depth: int = 0):
        if depth > MAX_DEPTH:
            raise SerializationException("Request nesting is too deep")
        kind = shape.type_name
        handler = getattr(self, "_" + kind, None)
        if handler is None:
            return
        handler(shape, value, path, depth)

    def _structure(self, shape, value, path, depth):
        if not isinstance(value, dict):
            self.wrong_type(path, value, "an object")
        members = shape.members
        for name in shape.required_members:
            if value.get(name) is None:
                self.fail(_member_path(path, name), None, members[name], "Member must not be null")
        for name, member_value in value.items():
            member = members.get(name)
            if member is None or member_value is None:
                continue
            self.check(member, member_value, _member_path(path, name), depth + 1)

    def _list(self, shape, value, path, depth):
        if not isinstance(value, list):
            self.wrong_type(path, value, "a list")
        self._length(shape, value, path, len(value))
        for i, item in enumerate(value, start=1):
            if item is None:
                continue
            self.check(shape.member, item, f"{path}.{i}.member", depth + 1)

    def _map(self, shape, value, path, depth):
        if not isinstance(value, dict):
            self.wrong_type(path, value, "an object")
        self._length(shape, value, path, len(value))
        for key, item in value.items():
            if item is None:
                continue
            self.check(shape.key, key, f"{path}.key", depth + 1)
            self.check(shape.value, item, f"{path}.{key}", depth + 1)

    def _string(self, shape, value, path, depth):
        if not isinstance(value, str):
            self.wrong_type(path, value, "a string")
        if "\x00" in value and shape.metadata.get("pattern"):
            # NUL never matches a model pattern; report it without echoing the byte.
            self.fail(path, None, shape, "Member must not contain NUL characters", show_value=False)
            return
        self._length(shape, value, path, len(value))
        enum = shape.enum
        if enum and value not in enum:
            self.fail(path, value, shape, "Member must satisfy enum value set: [" + ", ".join(enum) + "]")
        pattern = shape.metadata.get("pattern")
        if pattern and not _pattern(pattern).fullmatch(value):
            self.fail(path, value, shape, f"Member must satisfy regular expression pattern: {pattern}")

    def _length(self, shape, value, path, length):
        meta = shape.metadata
        low, high = meta.get("min"), meta.get("max")
        if low is not None and length < low:
            self.fail(path, value, shape, f"Member must have length greater than or equal to {low}")
        if high is not None and length > high:
            self.fail(path, value, shape, f"Member must have length less than or equal to {high}")

    def _integer(self, shape, value, path, depth):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            self.wrong_type(path, value, "an integer")
        if isinstance(value, float) and not value.is_integer():
            self.wrong_type(path, value, "an integer")
        meta = shape.metadata
        low, high = meta.get("min"), meta.get("max")
        if low is not None and value < low:
            self.fail(path, value, shape, f"Member must have value greater than or equal to {low}")
        if high is not None and value > high:
            self.fail(path, value, shape, f"Member must have value less than or equal to {high}")

    _long = _integer

    def _boolean(self, shape, value, path, depth):
        if not isinstance(value, bool):
            self.wrong_type(path, value, "a boolean")

    def _timestamp(self, shape, value, path, depth):
        if isinstance(value, bool) or not isinstance(value, (int, float, str)):
            self.wrong_type(path, value, "a timestamp")

    def _blob(self, shape, value, path, depth):
        if not isinstance(value, str):
            self.wrong_type(path, value, "a base64 string")
        try:
            base64.b64decode(value, validate=True)
        except (binascii.Error, ValueError):
            raise SerializationException(f"Value at '{path}' is not valid base64") from None


def validate(shape: Shape | None, params: dict) -> None:
    """Raise SerializationException or ConstraintViolations when params do not fit shape."""
    if shape is None:
        return
    v = _Validator()
    v.check(shape, params, "")
    if v.problems:
        raise ConstraintViolations(v.problems)
