"""What a change set would do to the stack's resources (DescribeChangeSet's Changes), worked
out from the engine's plan without applying it.

Each resource is compared as the engine would apply it: its properties resolved against the
stack's resources as they are now. A property that changes is a Static change (from a
parameter when it reads one whose value changes, else a DirectModification); a property
that reads a resource being replaced (its id changes) or modified (its attributes may) is
a Dynamic change, known only as the update runs. Replacement is True when the provider
replaces the resource for the static changes, Conditional when a dynamic change could.
"""

from __future__ import annotations

import json

from cfn_cognito.cfn import engine, graph, parameters, providers
from cfn_cognito.cfn.stacks import Plan
from cfn_cognito.context import Context

POLICIES = ("DeletionPolicy", "UpdateReplacePolicy")


def _text(value, secrets: list[str]) -> str:
    """A property value as a change shows it, NoEcho parameter values masked."""
    text = value if isinstance(value, str) else json.dumps(value, separators=(",", ":"))
    for secret in secrets:
        text = text.replace(secret, parameters.MASK)
    return text


def _change(resource_change: dict) -> dict:
    return {"Type": "Resource", "ResourceChange": resource_change}


def compute(ctx: Context, planned: Plan) -> list[dict]:
    """The Changes of a change set for `planned`."""
    prepared = planned.prepared
    if planned.existing is None:
        return [_change({"Action": "Add", "LogicalResourceId": logical_id,
                         "ResourceType": prepared.resources[logical_id]["Type"],
                         "Scope": [], "Details": []})
                for logical_id in prepared.order]
    doc = planned.existing
    records = doc.get("Resources") or {}
    resolved = engine.planned_properties(ctx, prepared, doc)
    before = doc.get("Parameters") or {}
    after = parameters.stored(prepared.given())
    changed_parameters = {k for k, v in after.items() if before.get(k) != v}
    secrets = sorted({after[k] for k in prepared.no_echo if after.get(k)}, key=len, reverse=True)
    moving: dict[str, str] = {}     # logical id -> its Action, or its Replacement if modified
    out = []
    for logical_id in prepared.order:
        declaration = prepared.resources[logical_id]
        record = records.get(logical_id)
        if record is None:
            moving[logical_id] = "Add"
            out.append(_change({"Action": "Add", "LogicalResourceId": logical_id,
                                "ResourceType": declaration["Type"], "Scope": [],
                                "Details": []}))
            continue
        change = _modify(logical_id, declaration, record, resolved[logical_id],
                         changed_parameters, moving, prepared.conditions, secrets)
        if change:
            moving[logical_id] = change["Replacement"]
            out.append(_change(change))
    for logical_id, record in records.items():
        if logical_id not in prepared.resources:
            out.append(_change({
                "Action": "Remove", "LogicalResourceId": logical_id,
                "PhysicalResourceId": record["PhysicalResourceId"],
                "ResourceType": record["Type"],
                "PolicyAction": "Retain" if record.get("DeletionPolicy") == "Retain"
                else "Delete",
                "Scope": [], "Details": []}))
    return out


def _modify(logical_id: str, declaration: dict, record: dict, new: dict | None,
            changed_parameters: set, moving: dict, conditions: dict,
            secrets: list[str]) -> dict | None:
    """The Modify change of a resource the stack has, or None when it stays as it is."""
    provider = providers.get(declaration["Type"])
    old = record.get("Properties") or {}
    raw = declaration.get("Properties")
    raw = raw if isinstance(raw, dict) else {}

    def recreates(name: str, value) -> bool:
        # Whether changing this property alone (None: removing it) replaces the resource.
        changed = {k: v for k, v in old.items() if k != name}
        if value is not None:
            changed[name] = value
        return provider.replaces(old, changed)

    static = [] if new is None else sorted(
        n for n in set(old) | set(new) if old.get(n) != new.get(n))
    details = [_static(name, old, new, raw, changed_parameters, conditions, secrets,
                       recreates(name, new.get(name))) for name in static]
    for name in sorted(set(raw) - set(static)):
        detail = _dynamic(name, raw[name], moving, conditions, recreates(name, None))
        if detail:
            details.append(detail)
    if new is None and not details:
        # It reads what only the update makes, through no resource of this stack.
        details.append({"Target": {"Attribute": "Properties",
                                   "RequiresRecreation": "Conditionally"},
                        "Evaluation": "Dynamic", "ChangeSource": "Automatic"})
    for policy in POLICIES:
        if declaration.get(policy) != record.get(policy):
            details.append({"Target": {"Attribute": policy, "RequiresRecreation": "Never"},
                            "Evaluation": "Static", "ChangeSource": "DirectModification"})
    if not details:
        return None
    if static and provider.replaces(old, new):
        replacement = "True"
    elif any(d["Target"]["RequiresRecreation"] != "Never" for d in details):
        replacement = "Conditional"
    else:
        replacement = "False"
    return {"Action": "Modify", "LogicalResourceId": logical_id,
            "PhysicalResourceId": record["PhysicalResourceId"],
            "ResourceType": declaration["Type"], "Replacement": replacement,
            "Scope": sorted({d["Target"]["Attribute"] for d in details}),
            "Details": details}


def _static(name: str, old: dict, new: dict, raw: dict, changed_parameters: set,
            conditions: dict, secrets: list[str], recreates: bool) -> dict:
    """A property whose value changes: from a parameter it reads, or as written."""
    target = {"Attribute": "Properties", "Name": name,
              "RequiresRecreation": "Always" if recreates else "Never",
              "AttributeChangeType": "Add" if name not in old else
              "Remove" if name not in new else "Modify"}
    if name in old:
        target["BeforeValue"] = _text(old[name], secrets)
    if name in new:
        target["AfterValue"] = _text(new[name], secrets)
    detail = {"Target": target, "Evaluation": "Static", "ChangeSource": "DirectModification"}
    causes = sorted(n for n, _ in graph.references(raw.get(name), conditions)
                    if n in changed_parameters)
    if causes:
        detail.update(ChangeSource="ParameterReference", CausingEntity=causes[0])
    return detail


def _dynamic(name: str, value, moving: dict, conditions: dict, recreates: bool) -> dict | None:
    """A property that reads a resource the update makes anew (a new id) or modifies (its
    attributes may change), or None."""
    for target_id, node in graph.references(value, conditions):
        state = moving.get(target_id)
        by_attribute = isinstance(node, dict) and "Fn::GetAtt" in node
        # A resource updated in place keeps its id.
        if state is None or state == "False" and not by_attribute:
            continue
        return {"Target": {"Attribute": "Properties", "Name": name,
                           "RequiresRecreation": "Conditionally" if recreates else "Never"},
                "Evaluation": "Dynamic",
                "ChangeSource": "ResourceAttribute" if by_attribute else "ResourceReference",
                "CausingEntity": target_id}
    return None
