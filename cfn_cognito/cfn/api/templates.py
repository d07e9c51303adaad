"""What a template declares, for ValidateTemplate and GetTemplateSummary: its parameters,
description, capabilities, resource types and transforms. A template that cannot be read
is refused as a deploy would refuse it."""

from __future__ import annotations

import json

from cfn_cognito.cfn import loader, validate
from cfn_cognito.cfn.api import capabilities
from cfn_cognito.cfn.errors import ValidationError
from cfn_cognito.cfn.findings import TemplateError

_TRUE = ("true", "True", True)


def load(text: str, region: str) -> tuple[loader.Template, loader.Template]:
    """(the template as written, the template after its transforms), checked by cfn-lint;
    ValidationError with every error found."""
    try:
        written = loader.load(text)
        errors = [f for f in validate.lint(written, region) if f.severity == "error"]
        if errors:
            raise TemplateError(errors)
        return written, loader.apply_transforms(written, region)
    except TemplateError as err:
        raise ValidationError.refusing(err) from None


def _text(value) -> str:
    if isinstance(value, list):
        return ",".join(_text(v) for v in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def parameter_declarations(template: loader.Template) -> list[dict]:
    """The Parameters section as GetTemplateSummary lists it (ParameterDeclaration)."""
    out = []
    for key, decl in template.section("Parameters").items():
        decl = decl if isinstance(decl, dict) else {}
        item = {"ParameterKey": str(key), "ParameterType": str(decl.get("Type", "String")),
                "NoEcho": decl.get("NoEcho") in _TRUE}
        if "Default" in decl:
            item["DefaultValue"] = _text(decl["Default"])
        if decl.get("Description") is not None:
            item["Description"] = str(decl["Description"])
        allowed = decl.get("AllowedValues")
        item["ParameterConstraints"] = (
            {"AllowedValues": [_text(v) for v in allowed]} if isinstance(allowed, list) else {})
        out.append(item)
    return out


def summary(written: loader.Template, expanded: loader.Template) -> dict:
    """What ValidateTemplate and GetTemplateSummary tell of a template (each takes the
    members of its own output shape)."""
    declared = capabilities.transforms(written.body)
    needed, reason = capabilities.needed(expanded.resources, declared)
    out = {"Parameters": parameter_declarations(written), "Capabilities": needed,
           "DeclaredTransforms": declared,
           "ResourceTypes": sorted({str(r.get("Type")) for r in expanded.resources.values()
                                    if isinstance(r, dict) and r.get("Type")}),
           "Version": str(written.body.get("AWSTemplateFormatVersion", "2010-09-09"))}
    if reason:
        out["CapabilitiesReason"] = reason
    if written.body.get("Description") is not None:
        out["Description"] = str(written.body["Description"])
    if isinstance(written.body.get("Metadata"), dict):
        out["Metadata"] = json.dumps(written.body["Metadata"])
    return out


def processed(text: str, region: str) -> str:
    """The template after its transforms (GetTemplate's Processed stage): as written when
    it has none, else the expanded template as JSON."""
    written = loader.load(text)
    if not capabilities.transforms(written.body):
        return text
    return json.dumps(loader.apply_transforms(written, region).body, indent=2, default=str)
