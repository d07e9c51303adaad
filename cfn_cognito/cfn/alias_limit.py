"""Refusing YAML alias amplification ("billion laughs") before a template is loaded.

CloudFormation itself refuses YAML aliases; `aws cloudformation package`, SAM and cfn-lint
resolve them, so templates written for those tools use them, typically to repeat a block a
few times. Each `*alias` is a copy of its anchor once loaded, so nested aliases multiply:
a 1 KB template can stand for hundreds of thousands of nodes. cfn-lint refuses beyond
250,000 nodes, but everything that walks a template below that (its rules, our validation,
the engine) costs seconds of CPU per call. So a template whose aliases make it more than
MAX_FACTOR times as large as written is refused here, in the time it takes to parse it.

The count is made on the YAML node graph (yaml.compose: an alias is the very node its
anchor names), memoized per node, so it costs one pass over what is written.
"""

from __future__ import annotations

import yaml

from cfn_cognito.cfn.findings import Finding, TemplateError

MAX_FACTOR = 10
FLOOR = 10_000          # expanded nodes always allowed (small templates reusing a block)
RULE = "CFNC0003"

try:
    _LOADER = yaml.CSafeLoader     # libyaml: parsing a 1 MB template takes milliseconds
except AttributeError:              # pragma: no cover - PyYAML built without libyaml
    _LOADER = yaml.SafeLoader


class _Loader(_LOADER):
    """compose() only: tags (!Sub, !GetAtt...) need no constructor to be counted."""


def check(text: str) -> None:
    """TemplateError when the aliases of the YAML in `text` expand it beyond MAX_FACTOR
    times its written size; nothing for a template without anchors, or one that does not
    parse (the loader reports that with its line)."""
    if "&" not in text or "*" not in text:
        return
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError:
        return
    if root is None:
        return
    try:
        written, expanded = _sizes(root)
    except RecursionError:
        return      # nested past Python's stack: the loader refuses that itself
    if expanded > max(FLOOR, MAX_FACTOR * written):
        raise TemplateError([Finding(
            f"Template format error: YAML aliases expand this template to more than "
            f"{MAX_FACTOR} times its written size ({written} nodes written, "
            f"{expanded} once expanded); write the repeated parts out or use fewer nested "
            f"aliases", 1, 1, RULE)])


def _sizes(root) -> tuple[int, int]:
    """(distinct nodes, nodes once every alias is expanded), stopping the count early
    beyond what any refusal needs; a node that contains itself counts as unbounded."""
    sizes: dict[int, int] = {}
    in_progress: set[int] = set()
    cap = 1 << 62

    def size(node) -> int:
        key = id(node)
        known = sizes.get(key)
        if known is not None:
            return known
        if key in in_progress:      # an anchor used inside itself: endless once expanded
            return cap
        if isinstance(node, yaml.ScalarNode):
            sizes[key] = 1
            return 1
        in_progress.add(key)
        children = (node.value if isinstance(node, yaml.SequenceNode)
                    else [part for pair in node.value for part in pair])
        total = 1
        for child in children:
            total = min(cap, total + size(child))
        in_progress.discard(key)
        sizes[key] = total
        return total

    expanded = size(root)
    return len(sizes), expanded
