"""Checks before anything changes: cfn-lint over the whole template, and the types we run.

cfn-lint's errors stop a deploy (each with its line, naming the property); its warnings are
only shown. One of its rules is relaxed: logical ids as the Serverless Framework writes them
(`Userpool/ExampleUserPoolApiGatewayAuthorizer`) are accepted, since `serverless package`
produces them and users cannot change them.
"""

from __future__ import annotations

import functools
import logging
import re

from cfn_cognito.cfn.findings import Finding, at
from cfn_cognito.cfn.schemas import CFN_LINT_LOCK
from cfn_cognito.cfn.loader import Template

# Logical ids: CloudFormation's alphanumerics, plus the `/` Serverless puts in some.
LOGICAL_ID = re.compile(r"^[A-Za-z0-9/]+$")

# cfn-lint logs every scan at INFO; its findings are what we show.
logging.getLogger("cfnlint").setLevel(logging.WARNING)


@functools.lru_cache(maxsize=8)
def _runner(region: str):
    """cfn-lint's runner for a region; building its rules takes a second, so it is kept."""
    from cfnlint.api import ManualArgs
    from cfnlint.config import ConfigMixIn
    from cfnlint.runner import Runner

    return Runner(ConfigMixIn(**ManualArgs(regions=[region])))


def lint(template: Template, region: str) -> list[Finding]:
    """cfn-lint's findings (errors and warnings) for the template, in template order."""
    with CFN_LINT_LOCK:
        matches = list(_runner(region).validate_template(template.body))
    findings = []
    for m in matches:
        if _accepted_logical_id(m):
            continue
        severity = {"error": "error", "warning": "warning"}.get(m.rule.severity)
        if severity is None:        # informational rules are not shown
            continue
        findings.append(Finding(m.message, m.linenumber, m.columnnumber, m.rule.id, severity,
                                "/".join(str(p) for p in m.path or ())))
    findings.sort(key=lambda f: (f.line, f.column))
    return findings


def _accepted_logical_id(match) -> bool:
    path = list(match.path or ())
    return (match.rule.id == "E3001" and len(path) == 2 and path[0] == "Resources"
            and "does not match any of the regexes" in match.message
            and bool(LOGICAL_ID.match(str(path[1]))))


def _is_custom(kind: str) -> bool:
    return kind.startswith("Custom::") or kind == "AWS::CloudFormation::CustomResource"


def _refusal(logical_id: str, kind: str) -> str:
    if _is_custom(kind):
        # CloudFormation sends a custom resource's events to its ServiceToken (a Lambda
        # function or SNS topic in AWS, such as the CDK's AwsCustomResource and provider
        # framework functions) and waits for their answer: nothing here can give it.
        return (f"Resource {logical_id} is a custom resource ({kind}), which cfn-cognito "
                f"does not run: its ServiceToken's code would act in AWS")
    return f"Resource type {kind} of {logical_id} is not supported by cfn-cognito"


def unsupported_types(template: Template, supported) -> list[Finding]:
    """A finding for each resource whose type no provider handles (custom resources among
    them): refused by name before anything is created."""
    findings = []
    for logical_id, resource in template.resources.items():
        kind = resource.get("Type") if isinstance(resource, dict) else None
        if isinstance(kind, str) and kind not in supported:
            findings.append(at(resource.get("Type"), _refusal(logical_id, kind), "CFNC0003",
                               f"Resources/{logical_id}/Type"))
    return findings
