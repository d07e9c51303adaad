"""Problems in a template, as data: every one found is reported together, with its line."""

from __future__ import annotations

from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class Finding:
    message: str
    line: int = 0               # 1-based; 0 when the problem has no place in the template
    column: int = 0
    rule: str = ""              # cfn-lint's rule id (E3002...) or ours (CFNC...)
    severity: str = "error"     # "error" stops a deploy; "warning" is only shown
    path: str = ""              # e.g. Resources/Pool/Properties/Bogus

    def to_dict(self) -> dict:
        return asdict(self)

    def __str__(self) -> str:
        where = f"line {self.line}: " if self.line else ""
        rule = f" [{self.rule}]" if self.rule else ""
        return f"{where}{self.message}{rule}"


class TemplateError(Exception):
    """A template that cannot be deployed, with every error found (and the warnings)."""

    def __init__(self, findings: list[Finding]):
        self.findings = sorted(findings, key=lambda f: (f.line, f.column))
        errors = [f for f in self.findings if f.severity == "error"]
        super().__init__("; ".join(str(f) for f in errors) or "invalid template")

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error"]


def position(node) -> tuple[int, int]:
    """(line, column), 1-based, of a node of the loaded template; (0, 0) when unknown."""
    mark = getattr(node, "start_mark", None)
    if mark is None:
        return 0, 0
    return mark.line + 1, mark.column + 1


def at(node, message: str, rule: str, path: str = "", severity: str = "error") -> Finding:
    """A finding placed where `node` is in the template."""
    line, column = position(node)
    return Finding(message, line, column, rule, severity, path)
