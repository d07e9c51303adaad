"""Which resources a resource needs (Ref, Fn::GetAtt, Fn::Sub variables, DependsOn), and an
order that creates every resource after what it needs; cycles and references to resources
that do not exist are findings with their lines."""

from __future__ import annotations

import re

from cfn_cognito.cfn.findings import Finding, at

_SUB_VARIABLE = re.compile(r"\$\{([^}!][^}]*)\}")


def references(value, conditions: dict, names: set[str] | frozenset = frozenset()):
    """(name, node) of every resource-or-parameter name `value` refers to, skipping the
    Fn::If branches its conditions do not take. `names` are local (Fn::Sub's own map)."""
    if isinstance(value, list):
        for item in value:
            yield from references(item, conditions, names)
        return
    if not isinstance(value, dict):
        return
    if len(value) == 1:
        (key, arg), = value.items()
        # The function's own node carries the position (short-form tags' strings have none).
        if key == "Ref" and isinstance(arg, str):
            yield arg, value
            return
        if key == "Fn::GetAtt":
            target = arg.partition(".")[0] if isinstance(arg, str) else \
                arg[0] if isinstance(arg, list) and arg else None
            if isinstance(target, str):
                yield target, value
            if isinstance(arg, list):
                yield from references(arg[1:], conditions, names)
            return
        if key == "Fn::Sub":
            text, local = (arg[0], arg[1]) if isinstance(arg, list) and len(arg) == 2 \
                else (arg, {})
            local = local if isinstance(local, dict) else {}
            if isinstance(text, str):
                for match in _SUB_VARIABLE.finditer(text):
                    name = match.group(1).strip()
                    head = name if name.startswith("AWS::") else name.partition(".")[0]
                    if name not in local:
                        yield head, value
            yield from references(list(local.values()), conditions, names)
            return
        if key == "Fn::If" and isinstance(arg, list) and len(arg) == 3:
            taken = conditions.get(str(arg[0]))
            if taken is None:
                yield from references(arg[1:], conditions, names)
            else:
                yield from references(arg[1] if taken else arg[2], conditions, names)
            return
    for item in value.values():
        yield from references(item, conditions, names)


def _depends_on(resource: dict) -> list:
    value = resource.get("DependsOn") or []
    return [value] if isinstance(value, str) else list(value) if isinstance(value, list) else []


def dependencies(resources: dict, known: set[str], conditions: dict,
                 outputs: dict | None = None) -> tuple[dict[str, list[str]], list[Finding]]:
    """logical id -> the logical ids it needs, for the resources being deployed; `known`
    holds parameter and pseudo parameter names. Unknown names are findings."""
    deps: dict[str, list[str]] = {}
    findings: list[Finding] = []
    for logical_id, resource in resources.items():
        needed: list[str] = []
        found = list(references(resource.get("Properties") or {}, conditions))
        found += [(name, name) for name in _depends_on(resource)]
        for name, node in found:
            name = str(name)
            if name in known and name not in resources:
                continue
            if name not in resources:
                findings.append(at(node, f"Template format error: Unresolved resource "
                                         f"dependencies [{name}] in the Resources block of "
                                         f"the template", "CFNC0020",
                                   f"Resources/{logical_id}"))
            elif name not in needed and name != logical_id:
                needed.append(name)
            elif name == logical_id:
                findings.append(at(node, f"Circular dependency between resources: "
                                         f"[{logical_id}]", "CFNC0021",
                                   f"Resources/{logical_id}"))
        deps[str(logical_id)] = needed
    for key, output in (outputs or {}).items():
        for name, node in references(output, conditions):
            if str(name) not in known and str(name) not in resources:
                findings.append(at(node, f"Template format error: Unresolved resource "
                                         f"dependencies [{name}] in the Outputs block of the "
                                         f"template", "CFNC0020", f"Outputs/{key}"))
    return deps, findings


def order(deps: dict[str, list[str]],
          resources: dict | None = None) -> tuple[list[str], list[Finding]]:
    """The logical ids, each after everything it needs, otherwise in template order; a
    cycle is a finding naming the resources in it."""
    placed: list[str] = []
    done: set[str] = set()
    remaining = list(deps)
    while remaining:
        ready = [r for r in remaining if all(d in done for d in deps[r])]
        if not ready:
            cycle = _cycle(remaining, deps)
            node = next((k for k in (resources or {}) if k == cycle[0]), cycle[0])
            return placed, [at(node, f"Circular dependency between resources: "
                                     f"[{', '.join(cycle)}]", "CFNC0021", "Resources")]
        for r in ready:
            placed.append(r)
            done.add(r)
        remaining = [r for r in remaining if r not in done]
    return placed, []


def _cycle(remaining: list[str], deps: dict[str, list[str]]) -> list[str]:
    """The resources caught in cycles: what is left once resources nothing else left
    needs are dropped, one after another."""
    left = list(remaining)
    while True:
        needed = {d for r in left for d in deps[r]}
        kept = [r for r in left if r in needed]
        if kept == left:
            return sorted(left)
        left = kept


def reverse_order(deps: dict[str, list[str]]) -> list[str]:
    """An order to delete in: everything before what it needs."""
    placed, _ = order({k: [d for d in v if d in deps] for k, v in deps.items()})
    return list(reversed(placed))
