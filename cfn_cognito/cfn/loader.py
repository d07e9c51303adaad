"""Templates in, one normalized form out.

cfn-lint's decoder reads YAML (short-form tags such as `!Sub` become `{"Fn::Sub": ...}`,
`!GetAtt A.B` becomes `["A", "B"]`) and JSON alike, refuses duplicate keys, and keeps the
line and column of every node. Everything after the loader handles that one form only.
"""

from __future__ import annotations

from dataclasses import dataclass

from cfn_cognito.cfn import alias_limit
from cfn_cognito.cfn.findings import Finding, TemplateError, at

TOP_LEVEL = ("AWSTemplateFormatVersion", "Description", "Metadata", "Parameters", "Rules",
             "Mappings", "Conditions", "Transform", "Resources", "Outputs")


def _sam(body: dict, region: str, parameters: dict | None) -> dict:
    from cfn_cognito.cfn import sam     # the translator loads only when a SAM template comes
    return sam.transform(body, region, parameters)


# Template-wide macros by name, each a function (template body, region, parameter values or
# None) -> template body, raising TemplateError when the template is refused.
SAM = "AWS::Serverless-2016-10-31"     # its templates may have a Globals section
TRANSFORMS: dict = {SAM: _sam}


@dataclass
class Template:
    """A loaded template: `body` keeps its nodes' positions (see findings.position)."""

    body: dict
    text: str

    def section(self, name: str) -> dict:
        value = self.body.get(name)
        return value if isinstance(value, dict) else {}

    @property
    def resources(self) -> dict:
        return self.section("Resources")


def load(text: str) -> Template:
    """The template in `text` (YAML or JSON); TemplateError with every problem found."""
    from cfnlint.decode import decode_str     # cfn-lint takes most of a second to import

    alias_limit.check(text)
    body, matches = decode_str(text)
    if matches:
        raise TemplateError([Finding(m.message, m.linenumber, m.columnnumber, m.rule.id)
                             for m in matches])
    if not isinstance(body, dict):
        raise TemplateError([Finding("Template format error: the template must be a JSON "
                                     "or YAML object", 1, 1, "CFNC0001")])
    findings = []
    sections = TOP_LEVEL + (("Globals",) if SAM in _names(body) else ())
    for key in body:
        if key not in sections:
            findings.append(at(key, f"Template format error: Unrecognized section {key!r}",
                               "CFNC0001", key))
    if not isinstance(body.get("Resources"), dict) or not body["Resources"]:
        findings.append(at(body, "Template format error: At least one Resources member must "
                                 "be defined.", "CFNC0001", "Resources"))
    findings.extend(_transforms(body))
    if findings:
        raise TemplateError(findings)
    return Template(body=body, text=text)


def _names(body: dict) -> list:
    names = body.get("Transform") or []
    return [names] if isinstance(names, str) else names if isinstance(names, list) else []


def _transforms(body: dict) -> list[Finding]:
    return [at(name, f"Transform {name} is not supported by cfn-cognito", "CFNC0002",
               "Transform") for name in _names(body) if name not in TRANSFORMS]


def apply_transforms(template: Template, region: str,
                     parameters: dict | None = None) -> Template:
    """The template after its transforms, given the template's parameter values."""
    body = template.body
    for name in _names(body):
        body = TRANSFORMS[name](body, region, parameters)
    return Template(body=body, text=template.text) if body is not template.body else template
