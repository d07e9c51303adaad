"""The errors the stack API answers with, as CloudFormation names them."""

from __future__ import annotations

from cfn_cognito.cfn.findings import Finding, TemplateError
from cfn_cognito.errors import AwsError


class ValidationError(AwsError):
    """CloudFormation's one error code for a request it refuses; `Findings` lists every
    problem found in a template, each with its line."""

    code = "ValidationError"

    def __init__(self, message: str, findings: list[Finding] | None = None):
        extra = {"Findings": [f.to_dict() for f in findings]} if findings else {}
        super().__init__(message, **extra)
        self.findings = findings or []

    @classmethod
    def refusing(cls, err: TemplateError) -> "ValidationError":
        """The refusal of a template that cannot be deployed, with every finding."""
        errors = err.errors
        return cls(f"Template has {len(errors)} error(s): {errors[0]}" if len(errors) > 1
                   else str(errors[0]), err.findings)


class StackNotFound(ValidationError):
    def __init__(self, name: str):
        super().__init__(f"Stack with id {name} does not exist")
        self.status = 404
