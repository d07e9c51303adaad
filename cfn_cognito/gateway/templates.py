"""Mapping templates, in the part of VTL that MOCK integrations and gateway responses use:
references to `$context.*` (with `.name` and `['name']` steps), `$stageVariables.*`,
`$input.params('name')`, `$input.params()` and `$input.body`, in the `$x`, `${x}` and `$!x`
forms. A template with anything else (`#if`, `#set`, `$util`, `$input.json`...) is refused
when it is deployed, rather than rendered wrong."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

_STEP = r"\.[A-Za-z_][A-Za-z0-9_-]*|\[\s*'[^']*'\s*\]|\[\s*\"[^\"]*\"\s*\]"
_CALL = r"\(\s*(?:'[^']*'|\"[^\"]*\")?\s*\)"
_CHAIN = r"(context|stageVariables|input)((?:" + _STEP + "|" + _CALL + r")*)"
_REFERENCE = re.compile(r"\$!?(?:\{" + _CHAIN + r"\}|" + _CHAIN + ")")
_PARTS = re.compile(_STEP + "|" + _CALL)
# What starts a VTL reference or directive: anything else with `$` or `#` is plain text.
_START = re.compile(r"\$!?\{?[A-Za-z]|#\{?(?:set|if|elseif|else|end|foreach|break|stop|macro|"
                    r"define|parse|include|evaluate)\b")


@dataclass
class Scope:
    """What a template's references read."""

    context: dict = field(default_factory=dict)
    stage_variables: dict = field(default_factory=dict)
    params: dict = field(default_factory=dict)      # "path" / "querystring" / "header" -> dict
    body: str = ""


def _parts(match: re.Match) -> tuple[str, str]:
    """(root, steps text) of a reference, braced or not."""
    return (match.group(1), match.group(2)) if match.group(1) else (match.group(3), match.group(4))


def _steps(text: str) -> list[tuple[str, str]]:
    """("name", x) for `.x` and `['x']`, ("call", arg) for `(...)`."""
    out = []
    for part in _PARTS.findall(text):
        if part.startswith("."):
            out.append(("name", part[1:]))
        elif part.startswith("["):
            out.append(("name", part.strip("[] \t")[1:-1]))
        else:
            inner = part[1:-1].strip()
            out.append(("call", inner[1:-1] if inner else ""))
    return out


def _supported(root: str, steps: list[tuple[str, str]]) -> bool:
    if root in ("context", "stageVariables"):
        return bool(steps) and all(kind == "name" for kind, _ in steps)
    if steps == [("name", "body")]:
        return True
    return (len(steps) >= 2 and steps[0] == ("name", "params") and steps[1][0] == "call"
            and all(kind == "name" for kind, _ in steps[2:]))


def problem(template: str) -> str | None:
    """Why this template cannot be rendered here, or None."""
    covered = []
    for match in _REFERENCE.finditer(template):
        root, steps = _parts(match)
        if not _supported(root, _steps(steps)):
            return f"the reference {match.group(0)} is not supported"
        covered.append(match.span())
    for match in _START.finditer(template):
        if not any(start <= match.start() < end for start, end in covered):
            snippet = template[match.start():match.start() + 24].split("\n")[0]
            return (f"{snippet!r} is not supported (templates here may only reference "
                    f"$context, $stageVariables, $input.params and $input.body)")
    return None


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dict, list)):
        return json.dumps(value, separators=(",", ":"))
    return str(value)


def _lookup(scope: Scope, root: str, steps: list[tuple[str, str]]):
    if root == "context":
        value = scope.context
    elif root == "stageVariables":
        value = scope.stage_variables
    elif steps[0] == ("name", "body"):
        return scope.body
    else:
        name = steps[1][1]
        if not name:
            value = scope.params
        else:
            value = next((found[name] for found in (scope.params.get(where) or {}
                                                    for where in ("path", "querystring", "header"))
                          if name in found), "")
        steps = steps[2:]
        root = "params"
    for _, name in steps:
        value = value.get(name) if isinstance(value, dict) else None
    return value


def render(template: str, scope: Scope) -> str:
    """The template with its references replaced (a missing value renders as nothing)."""
    def replace(match: re.Match) -> str:
        root, steps = _parts(match)
        return _text(_lookup(scope, root, _steps(steps)))

    return _REFERENCE.sub(replace, template)
