"""The stack operations the HTTP adapter (and through it the CLI) calls: deploy (create or
update), delete, describe, list, events, resources, outputs.

A deploy is checked whole before anything changes (prepare.py): a template with errors is
refused with every finding and nothing is made. The work itself then runs in the
background (as CloudFormation's does) while the caller follows the stack's events.
"""

from __future__ import annotations

import copy
import logging
import re
import threading
import uuid
from dataclasses import dataclass
from typing import Callable

from cfn_cognito.cfn import engine, parameters
from cfn_cognito.cfn.errors import StackNotFound, ValidationError
from cfn_cognito.cfn.findings import TemplateError
from cfn_cognito.cfn.prepare import Prepared, prepare
from cfn_cognito.cfn.statuses import REVIEW
from cfn_cognito.context import Context
from cfn_cognito.ssm import parameters as ssm_parameters

LOG = logging.getLogger(__name__)

STACK_NAME = re.compile(r"[a-zA-Z][-a-zA-Z0-9]{0,127}")
# A stack in one of these is replaced by the next deploy of its name (nothing of it exists).
REPLACEABLE = frozenset({"ROLLBACK_COMPLETE", "DELETE_COMPLETE"})
# Only a delete helps these (UPDATE_ROLLBACK_FAILED may be deployed over: the stack's
# record holds what exists, and there is no continue-update-rollback here).
NOT_UPDATABLE = frozenset({"ROLLBACK_FAILED", "DELETE_FAILED", "CREATE_FAILED"})


def _in_background(work: Callable[[], None]) -> None:
    threading.Thread(target=work, name="cfn-stack", daemon=True).start()


def _check_name(name: str) -> None:
    if not isinstance(name, str) or not STACK_NAME.fullmatch(name):
        raise ValidationError(
            f"1 validation error detected: Value '{name}' at 'stackName' failed to satisfy "
            f"constraint: Member must satisfy regular expression pattern: [a-zA-Z][-a-zA-Z0-9]*")


def _stack_id(ctx: Context, name: str) -> str:
    s = ctx.settings
    return f"arn:aws:cloudformation:{s.region}:{s.account_id}:stack/{name}/{uuid.uuid4()}"


def _live(ctx: Context, name: str) -> dict | None:
    doc = ctx.store.stacks.latest(name)
    return doc if doc and doc["StackStatus"] != "DELETE_COMPLETE" else None


def _get(ctx: Context, name: str) -> dict:
    doc = _live(ctx, name)
    if doc is None:
        raise StackNotFound(name)
    return doc


def _busy(doc: dict) -> ValidationError:
    return ValidationError(f"Stack:{doc['StackId']} is in {doc['StackStatus']} state and can "
                           f"not be updated.")


def _guarded(work: Callable[[], None], ctx: Context, stack_id: str) -> Callable[[], None]:
    """`work`, with a stack left in progress by a bug marked failed rather than stuck."""
    def run():
        try:
            work()
        except Exception:
            LOG.exception("stack operation failed")
            doc = ctx.store.stacks.get(stack_id)
            if doc and doc["StackStatus"].endswith("IN_PROGRESS"):
                failed = doc["StackStatus"].replace("IN_PROGRESS", "FAILED")
                engine.Run(ctx, doc).stack_status(failed, "Internal error in cfn-cognito")
    return run


@dataclass
class Plan:
    """A deploy checked whole, before anything changes (see `plan`)."""

    name: str
    body: str
    stack_id: str
    existing: dict | None       # the stack to update; None for a create
    replaced: str | None        # the id of a dead stack of the name, which the create replaces
    review: dict | None         # the stack, made by a CREATE change set, that the create fills
    prepared: Prepared
    options: dict

    @property
    def warnings(self) -> list[dict]:
        return [f.to_dict() for f in self.prepared.warnings]

    def changes(self, ctx: Context) -> bool:
        """Whether carrying it out would change anything."""
        return self.existing is None or engine.changes(ctx, self.prepared, self.existing)


def plan(ctx: Context, req: dict, keep_previous: bool = True) -> Plan:
    """The deploy `req` asks for (see `deploy`), checked whole: ValidationError with every
    finding when the template cannot be deployed. A parameter not given keeps its value of
    the stack's last deploy, or, without `keep_previous`, takes its Default (as
    CloudFormation's API has it)."""
    name = req.get("StackName")
    _check_name(name)
    body = req.get("TemplateBody")
    if not isinstance(body, str) or not body.strip():
        raise ValidationError("TemplateBody is required")
    given = {str(k): v for k, v in (req.get("Parameters") or {}).items()}
    existing = _live(ctx, name)
    replaced = review = None
    if existing and existing["StackStatus"] in REPLACEABLE:
        replaced, existing = existing["StackId"], None
    elif existing and existing["StackStatus"] == REVIEW:
        review, existing = existing, None
    if existing and (existing["StackStatus"].endswith("IN_PROGRESS")
                     or existing["StackStatus"] in NOT_UPDATABLE):
        raise _busy(existing)
    stack_id = (existing or review or {}).get("StackId") or _stack_id(ctx, name)
    settings = ctx.settings
    try:
        prepared = prepare(body, settings.region, settings.account_id, name, stack_id, given,
                           existing.get("Parameters") if existing and keep_previous else None,
                           {k: r["Type"] for k, r in (existing or {}).get("Resources", {}).items()},
                           ssm=lambda ssm_name: ssm_parameters.value_for_stack(ctx, ssm_name))
    except TemplateError as err:
        raise ValidationError.refusing(err) from None
    options = {k: req[k] for k in ("CodeDir", "TemplateDir") if req.get(k)}
    return Plan(name, body, stack_id, existing, replaced, review, prepared, options)


def deploy(ctx: Context, req: dict, start: Callable = _in_background) -> dict:
    """Create the stack `req["StackName"]` or update it to `req["TemplateBody"]` with
    `req["Parameters"]` (name -> value). `CodeDir` and `TemplateDir` tell where function code
    is. Answers at once; the stack's events tell how the work goes."""
    planned = plan(ctx, req)
    if not planned.changes(ctx):
        with ctx.store.write():
            current = ctx.store.stacks.get(planned.stack_id)
            current.update(Parameters=parameters.stored(planned.prepared.given()),
                           Options=planned.options,
                           ResolvedParameters=planned.prepared.resolved())
            ctx.store.stacks.put(current)
        return {"StackId": planned.stack_id, "StackName": planned.name,
                "StackStatus": current["StackStatus"], "Changes": False,
                "Warnings": planned.warnings}
    return carry_out(ctx, planned, start)


def _as_planned(latest: dict, planned: Plan) -> bool:
    """Whether the stack of the name is still the one `planned` was made against."""
    if latest["StackId"] not in (planned.stack_id, planned.replaced):
        return False
    if planned.review:
        return latest["StackStatus"] == REVIEW
    return not latest["StackStatus"].endswith("IN_PROGRESS")


def carry_out(ctx: Context, planned: Plan, start: Callable = _in_background,
              attributes: dict | None = None) -> dict:
    """Start a planned deploy: the stack becomes CREATE_ or UPDATE_IN_PROGRESS and `start`
    runs the work. `attributes` are kept with the stack (the API's Tags, Capabilities...)."""
    name, stack_id, existing = planned.name, planned.stack_id, planned.existing
    prepared = planned.prepared
    with ctx.store.write():
        # Another deploy of this name may have started since we looked.
        latest = _live(ctx, name)
        if latest and not _as_planned(latest, planned):
            raise _busy(latest)
        if planned.replaced:
            ctx.store.stacks.remove(planned.replaced)
        previous = copy.deepcopy(existing) if existing else None
        doc = copy.deepcopy(existing) if existing else {
            "StackId": stack_id, "StackName": name,
            "CreationTime": (planned.review or {}).get("CreationTime")
            or engine.timestamp(ctx.now()),
            "Resources": {}, "Outputs": []}
        doc.update(attributes or {})
        doc.update(TemplateBody=planned.body, Parameters=parameters.stored(prepared.given()),
                   NoEcho=prepared.no_echo, Options=planned.options,
                   ResolvedParameters=prepared.resolved())
        doc.pop("ProcessedTemplate", None)
        if prepared.processed:
            doc["ProcessedTemplate"] = prepared.processed
        description = prepared.template.body.get("Description")
        if description:
            doc["Description"] = str(description)
        if existing:
            doc["LastUpdatedTime"] = engine.timestamp(ctx.now())
        doc["StackStatus"] = "UPDATE_IN_PROGRESS" if existing else "CREATE_IN_PROGRESS"
        ctx.store.stacks.put(doc)
        after = _last_event(ctx, stack_id)
        run = engine.Run(ctx, doc)
        run.stack_status(doc["StackStatus"], "User Initiated")
    start(_guarded(lambda: run.deploy(prepared, previous), ctx, stack_id))
    return {"StackId": stack_id, "StackName": name, "StackStatus": doc["StackStatus"],
            "Changes": True, "Warnings": planned.warnings, "EventsAfter": after}


def _last_event(ctx: Context, stack_id: str) -> int:
    events = ctx.store.stacks.events(stack_id)
    return events[-1][0] if events else 0


def delete(ctx: Context, name: str, start: Callable = _in_background) -> dict:
    """Delete the stack's resources (dependents first; DeletionPolicy Retain kept) and then
    the stack. A stack that does not exist is not an error, as with CloudFormation."""
    _check_name(name)
    with ctx.store.write():
        doc = _live(ctx, name)
        if doc is None:
            return {"StackName": name, "StackStatus": "DELETE_COMPLETE", "Deleted": False}
        # A stack in review (made by a CREATE change set) holds nothing yet: it may go.
        if doc["StackStatus"].endswith("IN_PROGRESS") and doc["StackStatus"] != REVIEW:
            raise ValidationError(f"Stack {name} is in {doc['StackStatus']} state and can not "
                                  f"be deleted.")
        for export in sorted(n for n, owner, _ in ctx.store.stacks.exports()
                             if owner == doc["StackId"]):
            users = [u for u in ctx.store.stacks.importers(export) if u != doc["StackId"]]
            if users:
                user = (ctx.store.stacks.get(users[0]) or {}).get("StackName", users[0])
                raise ValidationError(f"Export {export} cannot be deleted as it is in use by "
                                      f"{user}")
        after = _last_event(ctx, doc["StackId"])
        run = engine.Run(ctx, doc)
        run.stack_status("DELETE_IN_PROGRESS", "User Initiated")
    start(_guarded(run.delete, ctx, doc["StackId"]))
    return {"StackId": doc["StackId"], "StackName": name, "StackStatus": "DELETE_IN_PROGRESS",
            "Deleted": True, "EventsAfter": after}


def describe(ctx: Context, name: str) -> dict:
    """The stack as DescribeStacks shows it (NoEcho parameters masked)."""
    return _summary(_get(ctx, name), full=True)


def _summary(doc: dict, full: bool = False) -> dict:
    out = {k: doc[k] for k in ("StackId", "StackName", "Description", "CreationTime",
                               "LastUpdatedTime", "DeletionTime", "StackStatus",
                               "StackStatusReason") if doc.get(k)}
    if full:
        masked = set(doc.get("NoEcho") or [])
        out["Parameters"] = [
            {"ParameterKey": k, "ParameterValue": parameters.MASK if k in masked else v}
            for k, v in (doc.get("Parameters") or {}).items()]
        out["Outputs"] = doc.get("Outputs") or []
    return out


def template(ctx: Context, name: str, stage: str = "Original") -> dict:
    """The stack's template as written (`Original`) or after its transforms (`Processed`:
    the same when it has none)."""
    doc = _get(ctx, name)
    if stage not in ("Original", "Processed"):
        raise ValidationError(f"TemplateStage {stage} is not one of Original, Processed")
    body = doc.get("TemplateBody", "")
    if stage == "Processed":
        body = doc.get("ProcessedTemplate") or body
    return {"StackName": doc["StackName"], "TemplateStage": stage, "TemplateBody": body}


def list_stacks(ctx: Context) -> dict:
    return {"Stacks": [_summary(doc) for doc in ctx.store.stacks.live()]}


def events(ctx: Context, name: str, after: int = 0) -> dict:
    """The events of the newest stack of this name (deleted or not) after position `after`,
    oldest first, and the position to ask from next."""
    doc = ctx.store.stacks.latest(name)
    if doc is None:
        raise StackNotFound(name)
    found = ctx.store.stacks.events(doc["StackId"], after)
    return {"StackId": doc["StackId"], "StackStatus": doc["StackStatus"],
            "StackEvents": [event for _, event in found],
            "Next": found[-1][0] if found else after}


def resources(ctx: Context, name: str) -> dict:
    doc = _get(ctx, name)
    return {"StackResources": [
        {"LogicalResourceId": logical_id, "PhysicalResourceId": r["PhysicalResourceId"],
         "ResourceType": r["Type"], "ResourceStatus": r.get("ResourceStatus", ""),
         "LastUpdatedTimestamp": r.get("LastUpdatedTimestamp", "")}
        for logical_id, r in (doc.get("Resources") or {}).items()]}


def exports(ctx: Context) -> dict:
    """Every export, as ListExports gives them."""
    return {"Exports": [{"ExportingStackId": stack_id, "Name": name, "Value": value}
                        for name, stack_id, value in ctx.store.stacks.exports()]}


# What a stack left in progress by a stopped service becomes.
_INTERRUPTED = {
    "CREATE_IN_PROGRESS": "CREATE_FAILED",
    "ROLLBACK_IN_PROGRESS": "ROLLBACK_FAILED",
    "UPDATE_IN_PROGRESS": "UPDATE_ROLLBACK_FAILED",
    "UPDATE_COMPLETE_CLEANUP_IN_PROGRESS": "UPDATE_COMPLETE",
    "UPDATE_ROLLBACK_IN_PROGRESS": "UPDATE_ROLLBACK_FAILED",
    "UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS": "UPDATE_ROLLBACK_COMPLETE",
    "DELETE_IN_PROGRESS": "DELETE_FAILED",
}


def settle_interrupted(ctx: Context, doc: dict) -> None:
    """Settle a stack whose work died with the instance doing it (cfn/keeper.py finds them),
    so that it can be deleted or deployed again."""
    if doc["StackStatus"] == REVIEW:     # waiting for its change set, not working
        return
    status = _INTERRUPTED.get(doc["StackStatus"], "UPDATE_ROLLBACK_FAILED")
    engine.Run(ctx, doc).stack_status(
        status, "cfn-cognito stopped while the stack was in progress")
