"""Input validation against a botocore shape, with AWS's (Coral's) wording.

Two kinds of failure, as AWS has them:
- a value of the wrong JSON type cannot be read at all: SerializationException;
- a readable value that breaks a constraint (required, length, range, pattern, enum) is
  collected, and all of them are reported together as
  `N validation error(s) detected: Value 'x' at 'path' failed to satisfy constraint: ...`.
Unknown members are ignored, as AWS ignores them, and a member sent as null counts as absent.
"""

from __future__ import annotations

import base64
import binascii
import functools

from typing import TYPE_CHECKING

import regex

if TYPE_CHECKING:   # botocore.model or aws.json_model: the same attributes
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


# Java's \w, \d and \s are ASCII-only (Python's are Unicode): `pööl` is no pool name for AWS.
_JAVA_SHORTHANDS = {"w": "A-Za-z0-9_", "d": "0-9", "s": " \\t\\n\\x0B\\f\\r"}


def java_pattern(source: str) -> str:
    """A model pattern (a Java regex) rewritten so that Python's `regex` matches what Java does."""
    # `[\S]` is the one negated shorthand the model puts inside a class.
    source = source.replace("[\\S]", "[^" + _JAVA_SHORTHANDS["s"] + "]")
    out, i, in_class = [], 0, False
    while i < len(source):
        char = source[i]
        if char == "\\" and i + 1 < len(source):
            letter = source[i + 1]
            ranges = _JAVA_SHORTHANDS.get(letter.lower())
            if ranges is None or in_class and letter.isupper():
                out.append(source[i:i + 2])      # other escapes; \S \W \D inside a class
            elif in_class:
                out.append(ranges)
            else:
                out.append(f"[{'^' if letter.isupper() else ''}{ranges}]")
            i += 2
            continue
        if char == "[" and not in_class:
            in_class = True
        elif char == "]" and in_class:
            in_class = False
        out.append(char)
        i += 1
    return "".join(out)


@functools.lru_cache(maxsize=256)
def _pattern(source: str):
    # Applied to the whole value, as Java's `matches` does.
    return regex.compile(java_pattern(source), regex.V0)


# Long values that matched their pattern, by (pattern, value): the same tokens come back call
# after call, and matching a 1,000-character token took a tenth of a GetUser.
_MATCHED: set[tuple[str, str]] = set()
_MATCHED_MAX = 1024
_SHORT = 64


def _matches(pattern: str, value: str) -> bool:
    if len(value) <= _SHORT:
        return _pattern(pattern).fullmatch(value) is not None
    if (pattern, value) in _MATCHED:
        return True
    if _pattern(pattern).fullmatch(value) is None:
        return False
    if len(_MATCHED) >= _MATCHED_MAX:
        _MATCHED.clear()
    _MATCHED.add((pattern, value))
    return True


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
    def __init__(self, overrides: dict[str, dict] | None = None):
        self.problems: list[str] = []
        self.overrides = overrides or {}

    def meta(self, shape: Shape) -> dict:
        """The shape's constraints, with the service's own corrections to the model."""
        override = self.overrides.get(shape.name)
        return {**shape.metadata, **override} if override else shape.metadata

    def fail(self, path: str, value, shape: Shape, constraint: str):
        # A sensitive member never shows its value, not even null (as AWS words it:
        # "Value at 'username' failed to satisfy constraint: Member must not be null").
        if shape.metadata.get("sensitive") or shape.serialization.get("sensitive"):
            shown = f"Value at '{path}'"
        elif value is None:
            shown = f"Value null at '{path}'"
        else:
            shown = f"Value '{_render(value)}' at '{path}'"
        self.problems.append(f"{shown} failed to satisfy constraint: {constraint}")

    def wrong_type(self, path: str, value, expected: str):
        raise SerializationException(
            f"Expected {expected} at '{path or '$'}' but found {_json_kind(value)}")

    def check(self, shape: Shape, value, path: str, depth: int = 0):
        """Check value against shape; return it with null structure members dropped."""
        if depth > MAX_DEPTH:
            raise SerializationException("Request nesting is too deep")
        handler = getattr(self, "_" + shape.type_name, None)
        if handler is None:
            return value
        result = handler(shape, value, path, depth)
        return value if result is None else result

    def _structure(self, shape, value, path, depth):
        if not isinstance(value, dict):
            self.wrong_type(path, value, "an object")
        members = shape.members
        for name in shape.required_members:
            if value.get(name) is None:
                self.fail(_member_path(path, name), None, members[name], "Member must not be null")
        kept = {}
        for name, member_value in value.items():
            if member_value is None:
                continue
            member = members.get(name)
            kept[name] = member_value if member is None else self.check(
                member, member_value, _member_path(path, name), depth + 1)
        return kept

    def _list(self, shape, value, path, depth):
        if not isinstance(value, list):
            self.wrong_type(path, value, "a list")
        self._length(shape, value, path, len(value))
        return [self._item(shape.member, item, f"{path}.{i}.member", depth)
                for i, item in enumerate(value, start=1)]

    def _map(self, shape, value, path, depth):
        if not isinstance(value, dict):
            self.wrong_type(path, value, "an object")
        self._length(shape, value, path, len(value))
        for key in value:
            self.check(shape.key, key, f"{path}.key", depth + 1)
        return {key: self._item(shape.value, item, f"{path}.{key}", depth)
                for key, item in value.items()}

    def _item(self, shape, item, path, depth):
        # Lists and maps of the model hold no nulls; a null member is a constraint violation.
        if item is None:
            self.fail(path, None, shape, "Member must not be null")
            return None
        return self.check(shape, item, path, depth + 1)

    def _string(self, shape, value, path, depth):
        if not isinstance(value, str):
            self.wrong_type(path, value, "a string")
        self._length(shape, value, path, len(value))
        enum = shape.enum
        if enum and value not in enum:
            self.fail(path, value, shape, "Member must satisfy enum value set: [" + ", ".join(enum) + "]")
        pattern = self.meta(shape).get("pattern")
        if pattern and not _matches(pattern, value):
            self.fail(path, value, shape, f"Member must satisfy regular expression pattern: {pattern}")

    def _length(self, shape, value, path, length):
        meta = self.meta(shape)
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
        # 5.0 is read as 5: operations (and our answers) only ever see whole ints.
        value = int(value)
        meta = self.meta(shape)
        low, high = meta.get("min"), meta.get("max")
        if low is not None and value < low:
            self.fail(path, value, shape, f"Member must have value greater than or equal to {low}")
        if high is not None and value > high:
            self.fail(path, value, shape, f"Member must have value less than or equal to {high}")
        return value

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


def validate(shape: Shape | None, params: dict, overrides: dict[str, dict] | None = None) -> dict:
    """params as the operation should see them (null members dropped, as AWS reads null as
    absent); SerializationException or ConstraintViolations when they do not fit shape.
    `overrides` maps a shape name to constraints that replace the model's, where the service
    accepts what its published model does not."""
    if shape is None:
        return {}
    v = _Validator(overrides)
    checked = v.check(shape, params, "")
    if v.problems:
        raise ConstraintViolations(v.problems)
    return checked
