"""The AWS query protocol's input: a form (`Parameters.member.1.ParameterKey=K&...`) read
into the structure of the operation's input shape, as botocore's `query` serializer
flattens it (lists as `Name.member.N`, maps as `Name.entry.N.key/value`, an empty list as
`Name=`). What comes out is what the JSON protocol would have received, ready for
validation.py.
"""

from __future__ import annotations

from urllib.parse import parse_qsl

from botocore.model import Shape

MAX_DEPTH = 32
_LEAF = None        # the key of a node's own value in the tree of dotted names


class FormError(Exception):
    """A form that does not fit its shape (the message names the member)."""


def parse(body: bytes) -> dict[str, str]:
    """The form's fields (the last value of a repeated name wins)."""
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise FormError("The request body is not valid UTF-8") from None
    return dict(parse_qsl(text, keep_blank_values=True))


def read(shape: Shape | None, fields: dict[str, str]) -> dict:
    """The fields (Action and Version excluded) as `shape`'s structure."""
    if shape is None:
        return {}
    tree: dict = {}
    for name, value in fields.items():
        if name in ("Action", "Version"):
            continue
        node = tree
        for part in name.split("."):
            node = node.setdefault(part, {})
        node[_LEAF] = value
    return _structure(shape, tree, "", 0)


def _value(shape: Shape, node: dict, path: str, depth: int):
    if depth > MAX_DEPTH:
        raise FormError("Request nesting is too deep")
    reader = _READERS.get(shape.type_name, _scalar)
    return reader(shape, node, path, depth)


def _member_name(shape: Shape, name: str) -> str:
    if shape.type_name == "list" and shape.serialization.get("flattened"):
        # A flattened list goes by its member's name, where that has one.
        return shape.member.serialization.get("name") or shape.serialization.get("name", name)
    return shape.serialization.get("name", name)


def _structure(shape: Shape, node: dict, path: str, depth: int) -> dict:
    if set(node) == {_LEAF}:
        raise FormError(f"Value at '{path}' must be a structure")
    out = {}
    for name, member in shape.members.items():
        child = node.get(_member_name(member, name))
        if child is not None:
            out[name] = _value(member, child, f"{path}.{name}" if path else name, depth + 1)
    return out


def _items(node: dict, path: str) -> list[dict]:
    """The numbered children of a list or map node, in order."""
    numbered = []
    for key, child in node.items():
        if key is _LEAF:
            continue
        if not key.isdigit() or int(key) < 1:
            raise FormError(f"Value at '{path}' has an invalid member index '{key}'")
        numbered.append((int(key), child))
    return [child for _, child in sorted(numbered, key=lambda pair: pair[0])]


def _list(shape: Shape, node: dict, path: str, depth: int) -> list:
    if node.get(_LEAF) == "" and len(node) == 1:
        return []           # how the serializer writes an empty list
    if not shape.serialization.get("flattened"):
        node = node.get(shape.member.serialization.get("name", "member"), {})
    return [_value(shape.member, child, f"{path}.{i}", depth + 1)
            for i, child in enumerate(_items(node, path), start=1)]


def _map(shape: Shape, node: dict, path: str, depth: int) -> dict:
    if node.get(_LEAF) == "" and len(node) == 1:
        return {}
    if not shape.serialization.get("flattened"):
        node = node.get("entry", {})
    key_name = shape.key.serialization.get("name", "key")
    value_name = shape.value.serialization.get("name", "value")
    out = {}
    for entry in _items(node, path):
        if key_name not in entry:
            raise FormError(f"Value at '{path}' has an entry without a key")
        key = _value(shape.key, entry[key_name], f"{path}.key", depth + 1)
        out[key] = _value(shape.value, entry.get(value_name, {_LEAF: ""}), f"{path}.{key}",
                          depth + 1)
    return out


def _text(node: dict, path: str) -> str:
    if _LEAF not in node or len(node) > 1:
        raise FormError(f"Value at '{path}' must be a single value")
    return node[_LEAF]


def _scalar(shape: Shape, node: dict, path: str, depth: int):
    return _text(node, path)


def _integer(shape: Shape, node: dict, path: str, depth: int) -> int:
    text = _text(node, path)
    try:
        return int(text)
    except ValueError:
        raise FormError(f"Value '{text}' at '{path}' is not an integer") from None


def _number(shape: Shape, node: dict, path: str, depth: int) -> float:
    text = _text(node, path)
    try:
        return float(text)
    except ValueError:
        raise FormError(f"Value '{text}' at '{path}' is not a number") from None


def _boolean(shape: Shape, node: dict, path: str, depth: int) -> bool:
    text = _text(node, path)
    if text.lower() not in ("true", "false"):
        raise FormError(f"Value '{text}' at '{path}' is not a boolean")
    return text.lower() == "true"


_READERS = {
    "structure": _structure, "list": _list, "map": _map, "integer": _integer,
    "long": _integer, "float": _number, "double": _number, "boolean": _boolean,
}
