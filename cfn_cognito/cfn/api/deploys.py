"""A deploy the API asks for: planned by the engine (cfn/stacks.py) with the request's
template and parameter values, parameters not given taking their Default as CloudFormation's
API has it, and refused unless the request grants the capabilities the template needs."""

from __future__ import annotations

from cfn_cognito.cfn import loader, stacks
from cfn_cognito.cfn.api import capabilities
from cfn_cognito.cfn.api.sources import Source
from cfn_cognito.context import Context


def plan(ctx: Context, name: str, source: Source, values: dict, granted: list[str] | None,
         expanding: bool) -> stacks.Plan:
    """`expanding` for CreateStack and UpdateStack, where macros need CAPABILITY_AUTO_EXPAND
    (a change set shows their result instead)."""
    req = {"StackName": name, "TemplateBody": source.body, "Parameters": values,
           **source.options}
    planned = stacks.plan(ctx, req, keep_previous=False)
    declared = capabilities.transforms(loader.load(planned.body).body) if expanding else []
    capabilities.check(planned.prepared.template.resources, declared, granted, expanding)
    return planned
