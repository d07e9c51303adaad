"""Function names and ARNs: `arn:aws:lambda:{region}:{account}:function:{name}[:{qualifier}]`.

Wherever a function is named, Lambda accepts the bare name, `name:qualifier`, the partial ARN
`{account}:function:{name}` and the full ARN, with or without a version or alias qualifier.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

NAME_PATTERN = r"[a-zA-Z0-9_-]{1,64}"
NAME = re.compile(NAME_PATTERN)
_QUALIFIER = r"(?::(?P<qualifier>\$LATEST|[a-zA-Z0-9_-]{1,128}))?"
_FORMS = (
    re.compile(r"arn:aws[a-zA-Z-]*:lambda:(?P<region>[a-z]{2}(?:-gov)?-[a-z]+-\d):"
               rf"(?P<account>\d{{12}}):function:(?P<name>{NAME_PATTERN}){_QUALIFIER}"),
    re.compile(rf"(?P<account>\d{{12}}):function:(?P<name>{NAME_PATTERN}){_QUALIFIER}"),
    re.compile(rf"(?P<name>{NAME_PATTERN}){_QUALIFIER}"),
)


@dataclass(frozen=True)
class FunctionRef:
    """A function as a caller named it; region/account are None unless an ARN gave them."""
    name: str
    qualifier: str | None = None
    region: str | None = None
    account: str | None = None


def parse(name_or_arn: str) -> FunctionRef | None:
    """The function named by any of Lambda's forms, or None when it names none."""
    for form in _FORMS:
        match = form.fullmatch(name_or_arn or "")
        if match:
            parts = match.groupdict()
            return FunctionRef(parts["name"], parts.get("qualifier"), parts.get("region"),
                               parts.get("account"))
    return None


def function_arn(region: str, account: str, name: str) -> str:
    return f"arn:aws:lambda:{region}:{account}:function:{name}"


def arn_for(ref: FunctionRef | None, raw: str, region: str, account: str) -> str:
    """The ARN a caller meant, qualifier included (what "not found" messages name)."""
    if ref is None:
        return raw
    arn = function_arn(ref.region or region, ref.account or account, ref.name)
    return f"{arn}:{ref.qualifier}" if ref.qualifier else arn
