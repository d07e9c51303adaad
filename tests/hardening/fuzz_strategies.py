"""Hypothesis strategies for AWS JSON requests, drawn from botocore's shapes.

`request(shape, refs)` draws the body of one request to an operation: sometimes well-formed
(every value of its member's type, often a real id from `refs`, so the request gets past
validation into the operation), sometimes mutated (a member of the wrong JSON type, a required
one missing, extra members, nulls, deep nesting), sometimes not a JSON object at all. Strings
are empty, huge, unicode, NUL-laden, lone surrogates, markup and injection attempts.
"""

from __future__ import annotations

import functools
import re

from botocore.model import Shape
from hypothesis import strategies as st

from cfn_cognito.spec.validation import java_pattern

MAX_DEPTH = 3
HUGE = 70_000          # longer than any member's max length in the models
NEST = 60              # levels of a deeply nested value (the validator stops at 32)

NASTY_STRINGS = [
    "", " ", "\x00", "a\x00b", "\ud800", "x\udfffy", "\ufeff", "\u202e", "🦄" * 3,
    "null", "undefined", "None", "true", "0", "-1", "NaN", "1e999",
    "' OR '1'='1", "\"; DROP TABLE users; --", "<script>alert(1)</script>",
    "../../../../etc/passwd", "%s%s%s%n", "${jndi:ldap://127.0.0.1/x}", "{{7*7}}",
    "a" * 129, "a" * 2049, "é" * 300, "A" * HUGE,
]

json_scalars = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-(2 ** 70), max_value=2 ** 70),
    st.floats(allow_nan=False, allow_infinity=False), st.text(max_size=20))
json_junk = st.recursive(
    json_scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=3),
                            st.dictionaries(st.text(max_size=8), inner, max_size=3)),
    max_leaves=8)

any_text = st.text(alphabet=st.characters(codec=None, exclude_categories=()), max_size=40)


def _nested(depth: int, leaf):
    value = leaf
    for i in range(depth):
        value = [value] if i % 2 else {"a": value}
    return value


deep_values = st.integers(min_value=NEST // 2, max_value=NEST).map(lambda d: _nested(d, "x"))


@functools.lru_cache(maxsize=None)
def _regex_strategy(pattern: str, low: int, high: int):
    try:
        compiled = re.compile(java_pattern(pattern))
        regex_values = st.from_regex(compiled, fullmatch=True)
        regex_values.validate()
    except Exception:   # the `regex` module's syntax (\p{L}...) that `re` cannot take
        return None
    return regex_values.filter(lambda s: low <= len(s) <= high)


def strings(shape: Shape, name: str, refs: dict):
    meta = shape.metadata
    low, high = meta.get("min", 0), min(meta.get("max", 256), 2048)
    options = [st.text(min_size=low, max_size=min(high, 64)), any_text,
               st.sampled_from(NASTY_STRINGS)]
    if shape.enum:
        options += [st.sampled_from(list(shape.enum))] * 3
    if meta.get("pattern"):
        by_pattern = _regex_strategy(meta["pattern"], low, high)
        if by_pattern is not None:
            options += [by_pattern] * 2
    if refs.get(name):
        options += [st.sampled_from(refs[name])] * 4
    return st.one_of(options)


def numbers(shape: Shape):
    meta = shape.metadata
    options = [st.sampled_from([0, -1, 1, 2 ** 31, -(2 ** 31) - 1, 2 ** 63, 10 ** 30]),
               st.integers()]
    if "min" in meta or "max" in meta:
        options.append(st.integers(min_value=meta.get("min"), max_value=meta.get("max")))
    return st.one_of(options)


def auth_map(refs: dict):
    """AuthParameters / ChallengeResponses: the keys the flows read, with real values."""
    keys = st.sampled_from(["USERNAME", "PASSWORD", "SRP_A", "REFRESH_TOKEN", "SECRET_HASH",
                            "NEW_PASSWORD", "ANSWER", "DEVICE_KEY", "CHALLENGE_NAME",
                            "PASSWORD_CLAIM_SIGNATURE", "TIMESTAMP"]) | st.text(max_size=12)
    real = [v for k in ("Username", "Password", "RefreshToken") for v in refs.get(k, [])]
    values = st.one_of(st.sampled_from(real or [""]), st.sampled_from(NASTY_STRINGS),
                       st.text(max_size=40), st.sampled_from(["A" * HUGE, "ff" * 384]))
    return st.dictionaries(keys, values, max_size=4)


def value(shape: Shape, name: str, refs: dict, depth: int = 0):
    """A value of the shape's JSON type (its constraints may or may not hold)."""
    kind = shape.type_name
    if name in ("AuthParameters", "ChallengeResponses"):
        return auth_map(refs)
    if name in refs and kind in ("map", "structure"):
        return st.sampled_from(refs[name])
    if kind == "string":
        return strings(shape, name, refs)
    if kind in ("integer", "long"):
        return numbers(shape)
    if kind in ("float", "double"):
        return st.floats(allow_nan=False, allow_infinity=False)
    if kind == "boolean":
        return st.booleans()
    if kind == "timestamp":
        return st.one_of(st.integers(min_value=-(2 ** 40), max_value=2 ** 40), st.floats(
            allow_nan=False, allow_infinity=False), st.text(max_size=30))
    if kind == "blob":
        return st.one_of(st.sampled_from(["", "aGVsbG8=", "not base64!", "====", "A" * 4001]),
                         st.text(max_size=20))
    if depth >= MAX_DEPTH:
        return st.just([] if kind == "list" else {})
    if kind == "list":
        return st.lists(value(shape.member, name, refs, depth + 1), max_size=3)
    if kind == "map":
        return st.dictionaries(value(shape.key, name, refs, depth + 1),
                               value(shape.value, name, refs, depth + 1), max_size=3)
    return structure(shape, refs, depth)


def structure(shape: Shape, refs: dict, depth: int = 0):
    members = shape.members
    required = {n: value(members[n], n, refs, depth + 1) for n in shape.required_members}
    optional = {n: value(s, n, refs, depth + 1) for n, s in members.items() if n not in required}
    return st.fixed_dictionaries(required, optional=optional)


def plausible(shape: Shape, name: str, refs: dict, depth: int = 0):
    """A value likely to pass validation: a real id, an enum value, a pattern's match."""
    kind = shape.type_name
    if refs.get(name):
        return st.sampled_from(refs[name])
    if name in ("AuthParameters", "ChallengeResponses"):
        return auth_map(refs)
    if kind == "string":
        meta = shape.metadata
        low, high = meta.get("min", 0), min(meta.get("max", 64), 64)
        if shape.enum:
            return st.sampled_from(list(shape.enum))
        by_pattern = _regex_strategy(meta["pattern"], low, high) if meta.get("pattern") else None
        if by_pattern is not None:
            return by_pattern
        return st.text(alphabet="abcdefghijkl0123456789-_", min_size=max(low, 1),
                                     max_size=max(high, 1))
    if kind in ("integer", "long"):
        meta = shape.metadata
        return st.integers(min_value=meta.get("min", 0), max_value=meta.get("max", 1000))
    if depth >= MAX_DEPTH or kind not in ("list", "map", "structure"):
        return value(shape, name, refs, depth)
    if kind == "list":
        return st.lists(plausible(shape.member, name, refs, depth + 1), min_size=1, max_size=2)
    if kind == "map":
        return st.dictionaries(plausible(shape.key, name, refs, depth + 1),
                               plausible(shape.value, name, refs, depth + 1), max_size=2)
    return minimal(shape, refs, depth)


@st.composite
def minimal(draw, shape: Shape, refs: dict, depth: int = 0):
    """The required members and a few optional ones, all plausible."""
    members = shape.members
    body = {n: draw(plausible(members[n], n, refs, depth + 1)) for n in shape.required_members}
    optional = sorted(n for n in members if n not in body)
    if optional:
        for n in draw(st.lists(st.sampled_from(optional), max_size=3, unique=True)):
            body[n] = draw(plausible(members[n], n, refs, depth + 1))
    return body


@st.composite
def mutated(draw, shape: Shape, refs: dict):
    """A well-formed body, then one to three changes that break it."""
    body = dict(draw(structure(shape, refs)))
    names = sorted(shape.members)
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        how = draw(st.sampled_from(["wrong_type", "drop", "extra", "null", "deep"]))
        target = draw(st.sampled_from(names)) if names else draw(st.text(max_size=8))
        if how == "wrong_type":
            body[target] = draw(json_junk)
        elif how == "drop":
            body.pop(target, None)
        elif how == "extra":
            body[draw(st.text(max_size=16))] = draw(json_junk)
        elif how == "null":
            body[target] = None
        else:
            body[target] = draw(deep_values)
    return body


not_an_object = st.one_of(
    json_junk.filter(lambda v: not isinstance(v, dict)),
    st.sampled_from([b"{", b"{\"a\":}", b"[1,2", b"\xff\xfe\x00", b"{\"a\": NaN}",
                     b"{\"a\": Infinity}", b"{\"a\": 1e999999}", b"\"\\ud800\"",
                     b"{\"a\": 1" + b"0" * 5000 + b"}", b"[" * 100_000 + b"]" * 100_000,
                     b"{\"a\":" * 5000 + b"1" + b"}" * 5000, b"\x00" * 64, b"null",
                     "{\"a\":\"é\"}".encode("latin-1")]),
    st.binary(max_size=64))


def request(shape: Shape | None, refs: dict):
    """The body of a request to an operation whose input is `shape`."""
    if shape is None:
        return st.one_of(st.just({}), not_an_object)
    return st.one_of(minimal(shape, refs), minimal(shape, refs), structure(shape, refs),
                     mutated(shape, refs), not_an_object)
