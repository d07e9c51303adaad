"""A Lambda authorizer's IAM policy document, evaluated against the method ARN of a request
as IAM does for `execute-api:Invoke`: an explicit Deny wins, then an Allow, else the request
is implicitly denied."""

from __future__ import annotations

import re

ALLOW, DENY = "Allow", "Deny"
_ACTIONS = ("execute-api:invoke", "execute-api:*", "*")


def _list(value) -> list:
    return value if isinstance(value, list) else [value] if value is not None else []


def _glob(pattern: str) -> re.Pattern:
    return re.compile("".join(".*" if c == "*" else "." if c == "?" else re.escape(c)
                              for c in pattern), re.DOTALL)


def _action_matches(actions) -> bool:
    for action in _list(actions):
        text = str(action).lower()
        if text in _ACTIONS or _glob(text).fullmatch("execute-api:invoke"):
            return True
    return False


def is_policy(document) -> bool:
    statements = document.get("Statement") if isinstance(document, dict) else None
    return isinstance(statements, (dict, list)) and all(
        isinstance(s, dict) for s in _list(statements))


def evaluate(document: dict, arn: str) -> str | None:
    """ALLOW, DENY (explicitly), or None (nothing allows it)."""
    allowed = False
    for statement in _list(document.get("Statement")):
        if not _action_matches(statement.get("Action")):
            continue
        resources = _list(statement.get("Resource"))
        if not any(_glob(str(resource)).fullmatch(arn) for resource in resources):
            continue
        effect = str(statement.get("Effect", ""))
        if effect == DENY:
            return DENY
        if effect == ALLOW:
            allowed = True
    return ALLOW if allowed else None
