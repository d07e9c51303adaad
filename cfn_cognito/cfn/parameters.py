"""Template parameters: the values a deploy gives, checked against their declarations
(Type, Default, AllowedValues, AllowedPattern, Min/MaxLength, Min/MaxValue), with
CloudFormation's messages. NoEcho values are kept but never shown.

A parameter of type `AWS::SSM::Parameter::Value<...>` is given the NAME of an SSM parameter
(that is what the stack keeps and shows); its value in the template is that parameter's
value, read from the parameter store at each deploy (`ssm_values`)."""

from __future__ import annotations

import re
from typing import Callable

from cfn_cognito.cfn.findings import Finding, at

MASK = "****"
SSM_TYPE = re.compile(r"^AWS::SSM::Parameter::Value<(.+)>$")

# name -> (value, SSM type) of a parameter in the store, or None.
SsmLookup = Callable[[str], "tuple[str, str] | None"]


def _is_list(kind: str) -> bool:
    return kind == "CommaDelimitedList" or kind.startswith("List<")


def _ssm_inner(kind: str) -> str | None:
    """The value type of an SSM parameter type (`String`, `List<String>`...), else None."""
    found = SSM_TYPE.match(kind)
    return found.group(1) if found else None


def _is_number(kind: str) -> bool:
    return kind in ("Number", "List<Number>")


def _number(text: str) -> float | None:
    try:
        return float(text)
    except ValueError:
        return None


def _problems(name: str, decl: dict, raw: str) -> list[str]:
    kind = str(decl.get("Type", "String"))
    values = raw.split(",") if _is_list(kind) else [raw]
    described = decl.get("ConstraintDescription")
    problems = []
    allowed = decl.get("AllowedValues")
    if isinstance(allowed, list) and any(v not in [str(a) for a in allowed] for v in values):
        problems.append(f"Parameter '{name}' must be one of AllowedValues")
    pattern = decl.get("AllowedPattern")
    if pattern and any(re.fullmatch(str(pattern), v) is None for v in values):
        problems.append(f"Parameter '{name}' failed to satisfy constraint: {described}"
                        if described else f"Parameter '{name}' must match pattern {pattern}")
    for bound, check, words in (("MinLength", lambda v, n: len(v) >= n, "at least"),
                                ("MaxLength", lambda v, n: len(v) <= n, "at most")):
        if bound in decl and any(not check(v, int(decl[bound])) for v in values):
            problems.append(f"Parameter '{name}' must contain {words} {decl[bound]} characters")
    if _is_number(kind):
        numbers = [_number(v.strip()) for v in values]
        if any(n is None for n in numbers):
            return problems + [f"Parameter '{name}' must be a number"]
        for bound, check, words in (("MinValue", lambda v, n: v >= n, "not less than"),
                                    ("MaxValue", lambda v, n: v <= n, "not greater than")):
            if bound in decl and any(not check(n, float(decl[bound])) for n in numbers):
                problems.append(f"Parameter '{name}' must be a number {words} {decl[bound]}")
    return problems


def resolve(declared: dict, given: dict,
            previous: dict | None = None) -> tuple[dict, list[Finding]]:
    """(name -> value, findings): each declared parameter's value from `given`, else its
    previous value (a redeploy keeps what was set before), else its Default. List types
    become lists of strings."""
    previous = previous or {}
    findings = []
    unknown = [k for k in given if k not in declared]
    if unknown:
        findings.append(Finding(f"Parameters: [{', '.join(unknown)}] do not exist in the "
                                f"template", rule="CFNC0010"))
    values, missing = {}, []
    for name, decl in declared.items():
        decl = decl if isinstance(decl, dict) else {}
        if name in given:
            raw = given[name]
        elif name in previous:
            raw = previous[name]
        elif "Default" in decl:
            raw = decl["Default"]
        else:
            missing.append(str(name))
            continue
        if isinstance(raw, list):
            raw = ",".join(str(v) for v in raw)
        raw = "true" if raw is True else "false" if raw is False else str(raw)
        for problem in _problems(str(name), decl, raw):
            findings.append(at(name, problem, "CFNC0011", f"Parameters/{name}"))
        kind = str(decl.get("Type", "String"))
        values[str(name)] = raw.split(",") if _is_list(kind) else raw
    if missing:
        findings.append(Finding(f"Parameters: [{', '.join(missing)}] must have values",
                                rule="CFNC0010"))
    return values, findings


def ssm_values(declared: dict, values: dict, lookup: SsmLookup | None
               ) -> tuple[dict, list[Finding]]:
    """(name -> value, findings): `values` with each SSM-typed parameter's value read from
    the parameter store (a list for the list types). Missing parameters are named together,
    as CloudFormation names them."""
    resolved, missing = dict(values), []
    for name, decl in declared.items():
        inner = _ssm_inner(str(decl.get("Type", ""))) if isinstance(decl, dict) else None
        if inner is None or str(name) not in values:
            continue
        ssm_name = values[str(name)]
        found = lookup(ssm_name) if lookup else None
        if found is None:
            missing.append(ssm_name)
            continue
        value, _ = found
        resolved[str(name)] = value.split(",") if _is_list(inner) else value
    if missing:
        return resolved, [Finding(f"Unable to fetch parameters [{','.join(missing)}] from "
                                  f"parameter store for this account.", rule="CFNC0012")]
    return resolved, []


def ssm_resolved(declared: dict, values: dict) -> dict:
    """The values SSM-typed parameters resolved to (DescribeStacks' ResolvedValue)."""
    return {name: ",".join(v) if isinstance(v, list) else v for name, v in values.items()
            if isinstance(declared.get(name), dict)
            and _ssm_inner(str(declared[name].get("Type", "")))}


def shown(declared: dict, values: dict) -> list[dict]:
    """The parameters as DescribeStacks lists them, NoEcho values masked."""
    out = []
    for name, value in values.items():
        decl = declared.get(name) if isinstance(declared.get(name), dict) else {}
        no_echo = str(decl.get("NoEcho", "false")).lower() == "true"
        text = ",".join(value) if isinstance(value, list) else value
        out.append({"ParameterKey": name, "ParameterValue": MASK if no_echo else text})
    return out


def stored(values: dict) -> dict:
    """Values as kept with the stack (lists joined, as they were given)."""
    return {k: ",".join(v) if isinstance(v, list) else v for k, v in values.items()}
