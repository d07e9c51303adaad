"""GetTemplate, GetTemplateSummary, ValidateTemplate."""

from __future__ import annotations

from cfn_cognito.cfn.api import change_sets, lookup, sources, templates
from cfn_cognito.cfn.errors import ValidationError
from cfn_cognito.context import Context

STAGES = ["Original", "Processed"]


def _stack_template(ctx: Context, name: str) -> str:
    doc = lookup.stack(ctx, name)
    if doc.get("TemplateBody"):
        return doc["TemplateBody"]
    # A stack in review has no template of its own yet: its newest change set's is shown.
    pending = ctx.store.change_sets.of_stack(doc["StackId"])
    if not pending:
        raise ValidationError(f"Stack with id {name} does not exist")
    return pending[-1]["TemplateBody"]


def get_template(ctx: Context, req: dict) -> dict:
    if req.get("ChangeSetName"):
        body = change_sets.find(ctx, req["ChangeSetName"], req.get("StackName"))[0][
            "TemplateBody"]
    elif req.get("StackName"):
        body = _stack_template(ctx, req["StackName"])
    else:
        raise ValidationError("Either StackName or ChangeSetName must be specified.")
    if req.get("TemplateStage") == "Processed":
        kept = None if req.get("ChangeSetName") else \
            lookup.stack(ctx, req["StackName"]).get("ProcessedTemplate")
        body = kept or templates.processed(body, ctx.settings.region)
    return {"TemplateBody": body, "StagesAvailable": STAGES}


def get_template_summary(ctx: Context, req: dict) -> dict:
    if req.get("StackSetName"):
        raise ValidationError("StackSets are not supported by cfn-cognito")
    if req.get("StackName"):
        body = _stack_template(ctx, req["StackName"])
    else:
        body = sources.template(ctx, req).body
    return templates.summary(*templates.load(body, ctx.settings.region))


def validate_template(ctx: Context, req: dict) -> dict:
    return templates.summary(*templates.load(sources.template(ctx, req).body,
                                             ctx.settings.region))
