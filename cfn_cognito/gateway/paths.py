"""Resource paths as a tree, and matching a request path against it as API Gateway does: a
literal segment before a path variable (`{id}`), a path variable before a greedy one
(`{proxy+}`, one or more segments to the end), the most specific resource that has the method
(or ANY) winning."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterator

ANY = "ANY"


class PathError(ValueError):
    """A resource path API Gateway would refuse."""


@dataclass
class Node:
    path: str = "/"
    literals: dict[str, "Node"] = field(default_factory=dict)
    variable: tuple[str, "Node"] | None = None      # {name}
    greedy: tuple[str, "Node"] | None = None        # {name+}
    methods: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Match:
    """What a request path and method found: the operation (None when the resource exists
    without that method), its resource path, and the path variables by name."""

    operation: Any | None
    resource_path: str
    parameters: dict[str, str]


def segments(path: str) -> list[str]:
    """The segments of a path; empty ones (`//`, a trailing `/`) do not count."""
    return [part for part in path.split("/") if part]


def _variable(part: str) -> tuple[str, bool] | None:
    """(name, greedy) of a `{name}` or `{name+}` segment, else None."""
    if len(part) > 2 and part[0] == "{" and part[-1] == "}":
        name = part[1:-1]
        greedy = name.endswith("+")
        name = name[:-1] if greedy else name
        if not name:
            raise PathError(f"Invalid path variable: {part}")
        return name, greedy
    return None


class PathTree:
    def __init__(self):
        self.root = Node()

    def node(self, path: str) -> Node:
        """The node of a resource path, made (with its parents) when missing."""
        node = self.root
        parts = segments(path)
        for i, part in enumerate(parts):
            variable = _variable(part)
            here = "/" + "/".join(parts[:i + 1])
            if variable is None:
                node = node.literals.setdefault(part, Node(here))
                continue
            name, greedy = variable
            if greedy and i != len(parts) - 1:
                raise PathError(f"A greedy path variable must be the last segment: {path}")
            slot = "greedy" if greedy else "variable"
            current = getattr(node, slot)
            if current is None:
                current = (name, Node(here))
                setattr(node, slot, current)
            elif current[0] != name:
                raise PathError(f"Two path variables at one place: {current[1].path} and {here}")
            node = current[1]
        return node

    def add(self, path: str, method: str, operation) -> None:
        self.node(path).methods[method.upper()] = operation

    def operations(self) -> Iterator:
        def walk(node: Node):
            yield from node.methods.values()
            for child in node.literals.values():
                yield from walk(child)
            for slot in (node.variable, node.greedy):
                if slot:
                    yield from walk(slot[1])
        yield from walk(self.root)

    def match(self, path: str, method: str) -> Match | None:
        """The best match of a request path (decoded or not: segments are matched as they
        are given) and method; None when no resource matches the path."""
        parts = segments(path)
        method = method.upper()
        first = None
        for node, params in _candidates(self.root, parts, 0, {}):
            operation = node.methods.get(method) or node.methods.get(ANY)
            if operation is not None:
                return Match(operation, node.path, params)
            if first is None:
                first = Match(None, node.path, params)
        return first


def _candidates(node: Node, parts: list[str], i: int, params: dict):
    """(node, path variables) of every resource matching parts[i:], most specific first."""
    if i == len(parts):
        yield node, params
        return
    part = parts[i]
    child = node.literals.get(part)
    if child is not None:
        yield from _candidates(child, parts, i + 1, params)
    if node.variable is not None:
        name, child = node.variable
        yield from _candidates(child, parts, i + 1, {**params, name: part})
    if node.greedy is not None:
        name, child = node.greedy
        yield child, {**params, name: "/".join(parts[i:])}
