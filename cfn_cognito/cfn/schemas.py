"""What CloudFormation's resource schemas (bundled with cfn-lint) say about a type: which
properties force a replacement when they change (createOnlyProperties), which attributes
Fn::GetAtt can read, and the JSON type of every property (CloudFormation turns a template's
"8" or "true" into the number or boolean the schema asks for; so do we)."""

from __future__ import annotations

import functools
import threading

# cfn-lint's schema manager and linter keep caches that are not meant for several threads.
CFN_LINT_LOCK = threading.RLock()

# Schemas are the same in every region for the types we run; one region keeps lookups cheap.
SCHEMA_REGION = "us-east-1"


def _provider_schema(type_name: str):
    from cfnlint.schema import PROVIDER_SCHEMA_MANAGER  # imported when first needed (slow)

    with CFN_LINT_LOCK:
        return PROVIDER_SCHEMA_MANAGER.get_resource_schema(SCHEMA_REGION, type_name)


@functools.lru_cache(maxsize=None)
def _schema(type_name: str) -> dict:
    try:
        return _provider_schema(type_name).schema
    except Exception:  # cfn-lint raises its own ResourceNotFoundError for unknown types
        return {}


@functools.lru_cache(maxsize=None)
def create_only(type_name: str) -> frozenset[str]:
    """Top-level properties whose change replaces the resource."""
    paths = _schema(type_name).get("createOnlyProperties") or []
    return frozenset(p.split("/")[2] for p in paths if p.startswith("/properties/"))


@functools.lru_cache(maxsize=None)
def attributes(type_name: str) -> frozenset[str]:
    """The names Fn::GetAtt accepts for this type (cfn-lint's reading of the schema)."""
    try:
        return frozenset(_provider_schema(type_name).get_atts)
    except Exception:
        return frozenset()


def coerce(type_name: str, properties: dict) -> dict:
    """`properties` with strings turned into the integers, numbers and booleans the type's
    schema declares (a parameter's value is always a string)."""
    schema = _schema(type_name)
    if not schema:
        return properties
    return _coerce(schema, {"type": "object", "properties": schema.get("properties", {})},
                   properties, 0)


def _resolve(root: dict, node: dict) -> dict:
    seen = 0
    while isinstance(node, dict) and "$ref" in node and seen < 16:
        ref = node["$ref"]
        if not ref.startswith("#/"):
            return {}
        target = root
        for part in ref[2:].split("/"):
            target = target.get(part, {}) if isinstance(target, dict) else {}
        node, seen = target, seen + 1
    return node if isinstance(node, dict) else {}


def _types(node: dict) -> set[str]:
    kind = node.get("type")
    return set(kind) if isinstance(kind, list) else {kind} if kind else set()


def _coerce(root: dict, node: dict, value, depth: int):
    node = _resolve(root, node)
    if depth > 32 or not node:
        return value
    kinds = _types(node)
    if isinstance(value, str) and "string" not in kinds:
        if "boolean" in kinds and value.lower() in ("true", "false"):
            return value.lower() == "true"
        if "integer" in kinds:
            try:
                return int(value)
            except ValueError:
                pass
        if "number" in kinds:
            try:
                number = float(value)
                return int(number) if number.is_integer() and "." not in value else number
            except ValueError:
                pass
        return value
    if isinstance(value, list):
        items = node.get("items", {})
        return [_coerce(root, items, item, depth + 1) for item in value]
    if isinstance(value, dict):
        props = node.get("properties") or {}
        return {k: _coerce(root, props[k], v, depth + 1) if k in props else v
                for k, v in value.items()}
    return value
