"""The README's fenced code blocks, by section, as the docs test runs them.

A section is a `## ` heading and what follows it up to the next one (its `###` parts
included). A block's tag is the first word after the opening fence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

FENCE = re.compile(r"^(```+|~~~+)\s*([\w+-]*)[^\n]*$")


@dataclass
class Block:
    tag: str
    text: str
    line: int            # the opening fence's line, 1-based


@dataclass
class Section:
    title: str
    blocks: list[Block] = field(default_factory=list)

    def tagged(self, tag: str) -> list[Block]:
        return [b for b in self.blocks if b.tag == tag]


def sections(markdown: str) -> list[Section]:
    found = [Section("(top)")]
    lines = markdown.splitlines()
    i = 0
    while i < len(lines):
        opening = FENCE.match(lines[i])
        if opening is None:
            if lines[i].startswith("## "):
                found.append(Section(lines[i][3:].strip()))
            i += 1
            continue
        fence, tag, start = opening.group(1), opening.group(2), i
        body = []
        i += 1
        while i < len(lines) and not lines[i].startswith(fence):
            body.append(lines[i])
            i += 1
        found[-1].blocks.append(Block(tag, "\n".join(body) + "\n", start + 1))
        i += 1
    return [s for s in found if s.blocks]
