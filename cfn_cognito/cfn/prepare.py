"""Everything about a deploy that can be known before anything changes: the template loaded
and linted, the resource types we run, the parameters, conditions and the dependency order.
Any error found here refuses the deploy with every finding, and nothing is made."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from cfn_cognito.cfn import graph, loader, parameters, providers, rules, validate
from cfn_cognito.cfn.findings import Finding, TemplateError, at
from cfn_cognito.cfn.intrinsics import ResolveError, Scope, evaluate_conditions, pseudo_parameters

_TRUE = ("true", "True", True)


@dataclass
class Prepared:
    template: loader.Template
    declared: dict                  # the Parameters section
    parameters: dict                # name -> value, pseudo parameters included
    conditions: dict                # name -> bool
    resources: dict                 # logical id -> declaration, the ones whose condition holds
    deps: dict                      # logical id -> logical ids it needs
    order: list                     # creation order
    outputs: dict                   # output key -> declaration, the ones whose condition holds
    warnings: list[Finding] = field(default_factory=list)
    processed: str | None = None    # the template after its transforms (JSON), if it has any
    # The template's parameters as given (an SSM-typed one: the name, not what it resolved to).
    given_values: dict = field(default_factory=dict)

    @property
    def mappings(self) -> dict:
        return self.template.section("Mappings")

    @property
    def no_echo(self) -> list[str]:
        return [str(k) for k, d in self.declared.items()
                if isinstance(d, dict) and d.get("NoEcho") in _TRUE]

    def given(self) -> dict:
        """The template's own parameters as given (no pseudo ones; SSM-typed ones by the
        parameter store name they were given, as the stack keeps them)."""
        return dict(self.given_values)

    def resolved(self) -> dict:
        """What the SSM-typed parameters resolved to (DescribeStacks' ResolvedValue)."""
        return parameters.ssm_resolved(self.declared, self.parameters)


def _unsupported_properties(template: loader.Template) -> list[Finding]:
    findings = []
    for logical_id, resource in template.resources.items():
        if not isinstance(resource, dict):
            continue
        provider = providers.get(resource.get("Type"))
        props = resource.get("Properties")
        if provider is None or not isinstance(props, dict):
            continue
        for name in provider.unsupported(props):
            key = next(k for k in props if k == name)
            findings.append(at(key, f"Property {name} of {logical_id} "
                                    f"({provider.TYPE}) is not supported by cfn-cognito",
                               "CFNC0004", f"Resources/{logical_id}/Properties/{name}"))
    return findings


def _condition_holds(decl, conditions: dict) -> bool:
    name = decl.get("Condition") if isinstance(decl, dict) else None
    return name is None or conditions.get(str(name), False)


def prepare(text: str, region: str, account_id: str, stack_name: str, stack_id: str,
            given: dict, previous_parameters: dict | None = None,
            previous_types: dict | None = None,
            ssm: parameters.SsmLookup | None = None) -> Prepared:
    """The deploy of `text` with parameter values `given`; TemplateError with every
    problem found (errors and warnings) when it cannot go ahead. `ssm` reads the parameter
    store for `AWS::SSM::Parameter::Value<...>` parameters; the Rules are checked with the
    values resolved, before anything changes."""
    written = template = loader.load(text)
    declared = template.section("Parameters")
    values, findings = parameters.resolve(declared, given, previous_parameters)
    processed = None
    if template.body.get("Transform"):
        # Transforms run first, as on AWS: a template they refuse gets their messages; what
        # they make is what must be supported.
        _stop_on_errors(findings)
        template = loader.apply_transforms(template, region, values)
        processed = json.dumps(template.body, indent=2, default=str)
    findings = validate.lint(written, region) + findings
    findings += validate.unsupported_types(template, providers.PROVIDERS)
    findings += _unsupported_properties(template)
    _stop_on_errors(findings)
    given_values = dict(values)
    values, problems = parameters.ssm_values(declared, given_values, ssm)
    findings += problems
    _stop_on_errors(findings)

    values.update(pseudo_parameters(region, account_id, stack_name, stack_id))
    scope = Scope(region=region, parameters=values, mappings=template.section("Mappings"))
    findings += rules.check(template.section("Rules"), scope)
    _stop_on_errors(findings)
    try:
        conditions = evaluate_conditions(template.section("Conditions"), scope)
    except ResolveError as err:
        findings.append(Finding(err.message, err.line, err.column, "CFNC0030"))
        raise TemplateError(findings) from None

    resources = {str(k): v for k, v in template.resources.items()
                 if _condition_holds(v, conditions)}
    outputs = {str(k): v for k, v in template.section("Outputs").items()
               if _condition_holds(v, conditions)}
    deps, problems = graph.dependencies(resources, set(values), conditions, outputs)
    findings += problems
    order, problems = graph.order(deps, template.resources)
    findings += problems
    for logical_id, old_type in (previous_types or {}).items():
        new_type = resources.get(logical_id, {}).get("Type")
        if new_type and new_type != old_type:
            findings.append(at(resources[logical_id]["Type"],
                               f"Update of resource type is not permitted. The new template "
                               f"modifies resource type of the following resources: "
                               f"[{logical_id}]", "CFNC0031", f"Resources/{logical_id}/Type"))
    _stop_on_errors(findings)
    return Prepared(template, declared, values, conditions, resources, deps, order, outputs,
                    [f for f in findings if f.severity != "error"], processed,
                    given_values=given_values)


def _stop_on_errors(findings: list[Finding]) -> None:
    if any(f.severity == "error" for f in findings):
        raise TemplateError(findings)
