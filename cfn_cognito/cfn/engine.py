"""Carrying out a stack operation: create, update (in place or by replacement), delete, and
rollback when a resource fails, recording every step as a stack event.

The engine works on the stack document (store/stacks.py) and saves it after every resource,
so what exists is always on record. Resources are created and updated in dependency order,
deleted in reverse; a stack whose create fails has what was made deleted (ROLLBACK_COMPLETE);
an update that fails is undone back to the previous template (UPDATE_ROLLBACK_COMPLETE).
"""

from __future__ import annotations

import copy
import datetime
import json
import logging
import uuid

from cfn_cognito.cfn import graph, providers, schemas
from cfn_cognito.cfn.intrinsics import ResolveError, Resolver, Scope
from cfn_cognito.cfn.prepare import Prepared
from cfn_cognito.cfn.providers.base import Call, Resource, ResourceFailure
from cfn_cognito.cfn.statuses import STACK_TYPE
from cfn_cognito.context import Context

LOG = logging.getLogger(__name__)

REPLACING = ("Requested update requires the creation of a new physical resource; hence "
             "creating one.")


def timestamp(epoch: float) -> str:
    """A time as CloudFormation shows it: ISO 8601 in UTC with milliseconds."""
    moment = datetime.datetime.fromtimestamp(epoch, datetime.timezone.utc)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def _resource(record: dict) -> Resource:
    return Resource(record["PhysicalResourceId"], record.get("Attributes") or {},
                    record.get("Properties") or {})


def _output_text(value) -> str:
    if isinstance(value, list):
        return ",".join(_output_text(v) for v in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dict,)):
        return json.dumps(value, separators=(",", ":"))
    return str(value)


class Run:
    """One operation on one stack."""

    def __init__(self, ctx: Context, doc: dict):
        self.ctx = ctx
        self.doc = doc

    # Recording -----------------------------------------------------------------------------

    @property
    def records(self) -> dict:
        return self.doc.setdefault("Resources", {})

    def save(self) -> None:
        self.ctx.store.stacks.put(self.doc)

    def event(self, logical_id: str, resource_type: str, physical_id: str, status: str,
              reason: str = "", current: bool = True) -> None:
        """Record an event; `current` when it is about the resource the stack now holds
        (not a replaced one being cleaned up)."""
        event = {
            "StackId": self.doc["StackId"],
            "EventId": str(uuid.uuid4()),
            "StackName": self.doc["StackName"],
            "LogicalResourceId": logical_id,
            "PhysicalResourceId": physical_id or "",
            "ResourceType": resource_type,
            "Timestamp": timestamp(self.ctx.now()),
            "ResourceStatus": status,
        }
        if reason:
            event["ResourceStatusReason"] = reason
        record = self.records.get(logical_id)
        if current and record is not None and record.get("PhysicalResourceId") == physical_id:
            record["ResourceStatus"] = status
        with self.ctx.store.write():
            self.ctx.store.stacks.add_event(self.doc["StackId"], event)
            self.save()
        level = logging.INFO if resource_type == STACK_TYPE else logging.DEBUG
        LOG.log(level, "stack %s: %s %s %s%s", self.doc["StackName"], logical_id, status,
                physical_id or "", f" ({reason})" if reason else "")

    def stack_status(self, status: str, reason: str = "", keep_reason: bool = False) -> None:
        """Set the stack's status, with an event; `keep_reason` leaves the stack's reason as
        it was (a rollback's end still tells why it rolled back)."""
        self.doc["StackStatus"] = status
        if reason:
            self.doc["StackStatusReason"] = reason
        elif not keep_reason:
            self.doc.pop("StackStatusReason", None)
        self.event(self.doc["StackName"], STACK_TYPE, self.doc["StackId"], status, reason)

    def call(self, logical_id: str, live: dict) -> Call:
        options = self.doc.get("Options") or {}
        return Call(self.ctx, self.doc["StackName"], self.doc["StackId"], logical_id,
                    options.get("CodeDir"), options.get("TemplateDir"), siblings=live)

    # Resolution ----------------------------------------------------------------------------

    def scope(self, prepared: Prepared, live: dict) -> Scope:
        def ref(logical_id: str):
            return live[logical_id].physical_id

        def get_att(logical_id: str, attribute: str):
            return live[logical_id].attributes[attribute]

        def import_value(name: str) -> str:
            found = self.ctx.store.stacks.export_value(name)
            if found is None:
                raise KeyError(name)
            return found[1]

        return Scope(region=self.ctx.settings.region, parameters=prepared.parameters,
                     mappings=prepared.mappings, conditions=prepared.conditions, ref=ref,
                     get_att=get_att, import_value=import_value)

    @staticmethod
    def properties(resolver: Resolver, declaration: dict) -> dict:
        props = resolver.resolve(declaration.get("Properties") or {})
        return schemas.coerce(declaration["Type"], props)

    def outputs(self, resolver: Resolver, prepared: Prepared) -> tuple[list[dict], dict]:
        """(Outputs as DescribeStacks lists them, export name -> value)."""
        outputs, exports = [], {}
        for key, decl in prepared.outputs.items():
            value = _output_text(resolver.resolve(decl.get("Value")))
            output = {"OutputKey": key, "OutputValue": value}
            if decl.get("Description"):
                output["Description"] = str(resolver.resolve(decl["Description"]))
            export = decl.get("Export")
            if isinstance(export, dict) and export.get("Name") is not None:
                name = resolver.string(export["Name"], "Export", export)
                output["ExportName"] = name
                exports[name] = output["OutputValue"]
            outputs.append(output)
        return outputs, exports

    def imports(self, prepared: Prepared) -> list[str]:
        """The export names the template imports (for the in-use check of exporters)."""
        found: list[str] = []

        def walk(value):
            if isinstance(value, dict):
                if len(value) == 1 and "Fn::ImportValue" in value:
                    try:
                        found.append(Resolver(self.scope(prepared, {})).string(
                            value["Fn::ImportValue"], "Fn::ImportValue", value))
                    except ResolveError:
                        pass
                    return
                for v in value.values():
                    walk(v)
            elif isinstance(value, list):
                for v in value:
                    walk(v)

        walk(prepared.resources)
        walk(prepared.outputs)
        return sorted(set(found))

    def check_exports(self, exports: dict) -> None:
        stacks = self.ctx.store.stacks
        stack_id = self.doc["StackId"]
        for name in exports:
            owner = stacks.export_value(name)
            if owner and owner[0] != stack_id:
                other = (stacks.get(owner[0]) or {}).get("StackName", owner[0])
                raise ResourceFailure(f"Export with name {name} is already exported by stack "
                                      f"{other}")
        for name, owner_id, value in stacks.exports():
            if owner_id != stack_id or exports.get(name) == value:
                continue
            users = [u for u in stacks.importers(name) if u != stack_id]
            if users:
                user = (stacks.get(users[0]) or {}).get("StackName", users[0])
                verb = "update" if name in exports else "delete"
                raise ResourceFailure(f"Cannot {verb} export {name} as it is in use by {user}")

    # Create and update ---------------------------------------------------------------------

    def deploy(self, prepared: Prepared, previous: dict | None) -> None:
        """Bring the stack to `prepared`; `previous` is the stack document before (None for
        a create). The stack's status is already CREATE_/UPDATE_IN_PROGRESS."""
        creating = previous is None
        live = {k: _resource(r) for k, r in self.records.items()}
        touched: list[tuple[str, str, dict | None]] = []   # (logical id, action, old record)
        retired: list[tuple[str, dict]] = []               # replaced physical resources
        resolver = Resolver(self.scope(prepared, live))
        failed = None
        for logical_id in prepared.order:
            declaration = prepared.resources[logical_id]
            try:
                self.apply(logical_id, declaration, resolver, live, prepared, touched, retired)
            except (ResourceFailure, ResolveError) as err:
                reason = getattr(err, "reason", None) or getattr(err, "message", str(err))
                record = self.records.get(logical_id)
                status = "CREATE_FAILED" if record is None or creating else "UPDATE_FAILED"
                self.event(logical_id, declaration["Type"],
                           record["PhysicalResourceId"] if record else "", status, reason)
                failed = (logical_id, status)
                break
        if failed is None:
            try:
                outputs, exports = self.outputs(resolver, prepared)
                self.check_exports(exports)
            except (ResourceFailure, ResolveError) as err:
                reason = getattr(err, "reason", None) or getattr(err, "message", str(err))
                self.doc["StackStatusReason"] = reason
                failed = ("", reason)
        if failed is not None:
            self.rollback(creating, failed, touched, previous, live)
            return
        self.doc["Outputs"] = outputs
        self.doc["Imports"] = self.imports(prepared)
        with self.ctx.store.write():
            self.ctx.store.stacks.set_exports(self.doc["StackId"], exports)
            self.ctx.store.stacks.set_imports(self.doc["StackId"], self.doc["Imports"])
            self.save()
        if creating:
            self.stack_status("CREATE_COMPLETE")
            return
        self.stack_status("UPDATE_COMPLETE_CLEANUP_IN_PROGRESS")
        removed = {k: r for k, r in self.records.items() if k not in prepared.resources}
        deps = {k: list(r.get("DependsOn") or []) for k, r in removed.items()}
        for logical_id in graph.reverse_order(deps):
            record = removed[logical_id]
            self.remove(logical_id, record, record.get("DeletionPolicy"), live)
            self.records.pop(logical_id, None)
        for logical_id, record in reversed(retired):     # dependents first
            self.remove(logical_id, record, record.get("UpdateReplacePolicy"), live,
                        forget=False)
        self.save()
        self.stack_status("UPDATE_COMPLETE")

    def apply(self, logical_id: str, declaration: dict, resolver: Resolver, live: dict,
              prepared: Prepared, touched: list, retired: list) -> None:
        """Create, update or replace one resource as its declaration asks (or leave it)."""
        kind = declaration["Type"]
        provider = providers.get(kind)
        record = self.records.get(logical_id)
        props = self.properties(resolver, declaration)
        call = self.call(logical_id, live)
        policies = {k: declaration.get(k) for k in ("DeletionPolicy", "UpdateReplacePolicy")}
        if record is None:
            self.event(logical_id, kind, "", "CREATE_IN_PROGRESS")
            resource = provider.create(call, props)
            touched.append((logical_id, "created", None))
            self.keep(logical_id, kind, resource, props, prepared, policies, live)
            self.event(logical_id, kind, resource.physical_id, "CREATE_COMPLETE")
            return
        old_props = record.get("Properties") or {}
        if old_props == props:
            # Nothing to do, though the policies and dependencies may be new.
            record.update(policies, DependsOn=prepared.deps.get(logical_id, []))
            return
        current = live[logical_id]
        if provider.replaces(old_props, props):
            if provider.collides(old_props, props):
                raise ResourceFailure(
                    f"CloudFormation cannot update a stack when a custom-named resource "
                    f"requires replacing. Rename {current.physical_id} and update the stack "
                    f"again.")
            self.event(logical_id, kind, current.physical_id, "UPDATE_IN_PROGRESS", REPLACING)
            resource = provider.create(call, props)
            touched.append((logical_id, "replaced", copy.deepcopy(record)))
            retired.append((logical_id, copy.deepcopy(record)))
        else:
            self.event(logical_id, kind, current.physical_id, "UPDATE_IN_PROGRESS")
            touched.append((logical_id, "updated", copy.deepcopy(record)))
            resource = provider.update(call, props, current)
        self.keep(logical_id, kind, resource, props, prepared, policies, live)
        self.event(logical_id, kind, resource.physical_id, "UPDATE_COMPLETE")

    def keep(self, logical_id, kind, resource: Resource, props, prepared, policies, live):
        resource.properties = props
        live[logical_id] = resource
        record = {"Type": kind, "PhysicalResourceId": resource.physical_id,
                  "ResourceStatus": self.records.get(logical_id, {}).get("ResourceStatus", ""),
                  "Properties": props, "Attributes": resource.attributes,
                  "DependsOn": prepared.deps.get(logical_id, []),
                  "LastUpdatedTimestamp": timestamp(self.ctx.now())}
        record.update({k: v for k, v in policies.items() if v})
        self.records[logical_id] = record
        self.save()

    # Rollback ------------------------------------------------------------------------------

    def rollback(self, creating: bool, failed: tuple, touched: list, previous: dict | None,
                 live: dict) -> None:
        logical_id, status = failed
        verb = "create" if creating or status == "CREATE_FAILED" else "update"
        if logical_id:
            reason = f"The following resource(s) failed to {verb}: [{logical_id}]. "
        else:
            reason = self.doc.get("StackStatusReason", "")
        if creating:
            self.stack_status("ROLLBACK_IN_PROGRESS", reason + "Rollback requested by user."
                              if logical_id else reason)
            problems = self.delete_all(live, respect_retain=False)
            self.doc["Outputs"] = []
            self.stack_status("ROLLBACK_FAILED" if problems else "ROLLBACK_COMPLETE",
                              problems, keep_reason=True)
            return
        self.stack_status("UPDATE_ROLLBACK_IN_PROGRESS", reason)
        problems = []
        new_physicals = []
        for name, action, old in reversed(touched):
            kind = (old or self.records[name])["Type"]
            provider = providers.get(kind)
            try:
                if action == "created":
                    record = self.records.pop(name)
                    self.event(name, kind, record["PhysicalResourceId"], "DELETE_IN_PROGRESS")
                    provider.delete(self.call(name, live), _resource(record))
                    live.pop(name, None)
                    self.event(name, kind, record["PhysicalResourceId"], "DELETE_COMPLETE")
                elif action == "replaced":
                    new_physicals.append((name, self.records[name]))
                    self.records[name] = old
                    live[name] = _resource(old)
                    self.event(name, kind, old["PhysicalResourceId"], "UPDATE_COMPLETE")
                else:
                    self.event(name, kind, old["PhysicalResourceId"], "UPDATE_IN_PROGRESS")
                    resource = provider.update(self.call(name, live), old["Properties"],
                                               live[name])
                    old["Attributes"] = resource.attributes
                    self.records[name] = old
                    live[name] = _resource(old)
                    self.event(name, kind, old["PhysicalResourceId"], "UPDATE_COMPLETE")
            except ResourceFailure as err:
                problems.append(name)
                self.event(name, kind, (old or {}).get("PhysicalResourceId", ""),
                           "UPDATE_FAILED", err.reason)
        self.doc.update({k: previous[k] for k in
                         ("TemplateBody", "Parameters", "NoEcho", "Outputs", "Imports",
                          "Options", "Description", "ResolvedParameters") if k in previous})
        self.doc.pop("ProcessedTemplate", None)
        if previous.get("ProcessedTemplate"):
            self.doc["ProcessedTemplate"] = previous["ProcessedTemplate"]
        self.save()
        self.stack_status("UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS", keep_reason=True)
        for name, record in reversed(new_physicals):
            self.remove(name, record, None, live, forget=False)
        if problems:
            self.stack_status("UPDATE_ROLLBACK_FAILED",
                              f"The following resource(s) failed to update: "
                              f"[{', '.join(problems)}]. ")
        else:
            self.stack_status("UPDATE_ROLLBACK_COMPLETE", keep_reason=True)

    # Delete --------------------------------------------------------------------------------

    def remove(self, logical_id: str, record: dict, policy: str | None, live: dict,
               forget: bool = True) -> bool:
        """Delete one physical resource (unless its policy retains it); False when it failed."""
        kind, physical_id = record["Type"], record["PhysicalResourceId"]
        if policy == "Retain":
            self.event(logical_id, kind, physical_id, "DELETE_SKIPPED", current=forget)
            return True
        self.event(logical_id, kind, physical_id, "DELETE_IN_PROGRESS", current=forget)
        provider = providers.get(kind)
        try:
            if provider is None:
                raise ResourceFailure(f"Resource type {kind} is not supported by cfn-cognito")
            provider.delete(self.call(logical_id, live), _resource(record))
        except ResourceFailure as err:
            self.event(logical_id, kind, physical_id, "DELETE_FAILED", err.reason,
                       current=forget)
            return False
        if forget:
            live.pop(logical_id, None)
        self.event(logical_id, kind, physical_id, "DELETE_COMPLETE", current=forget)
        return True

    def delete_all(self, live: dict, respect_retain: bool = True) -> str:
        """Delete every resource of the stack, dependents first; the failure reason, or ''."""
        deps = {k: list(r.get("DependsOn") or []) for k, r in self.records.items()}
        failed = []
        for logical_id in graph.reverse_order(deps):
            record = self.records[logical_id]
            policy = record.get("DeletionPolicy") if respect_retain else None
            if self.remove(logical_id, record, policy, live):
                self.records.pop(logical_id)
                self.save()
            else:
                failed.append(logical_id)
        if failed:
            return f"The following resource(s) failed to delete: [{', '.join(failed)}]. "
        return ""

    def delete(self) -> None:
        """Delete the stack (its status is already DELETE_IN_PROGRESS)."""
        live = {k: _resource(r) for k, r in self.records.items()}
        problem = self.delete_all(live)
        if problem:
            self.stack_status("DELETE_FAILED", problem)
            return
        self.doc["Outputs"] = []
        self.doc["DeletionTime"] = timestamp(self.ctx.now())
        with self.ctx.store.write():
            self.ctx.store.stacks.set_exports(self.doc["StackId"], {})
            self.ctx.store.stacks.set_imports(self.doc["StackId"], [])
            self.stack_status("DELETE_COMPLETE")


def changes(ctx: Context, prepared: Prepared, doc: dict) -> bool:
    """Whether deploying `prepared` over the stack `doc` would change anything (a resource
    added, removed or with new properties, or new outputs). Resolved against the stack's
    resources as they are: exact when nothing needs replacing, and a change otherwise."""
    records = doc.get("Resources") or {}
    if set(records) != set(prepared.resources):
        return True
    run = Run(ctx, doc)
    live = {k: _resource(r) for k, r in records.items()}
    resolver = Resolver(run.scope(prepared, live))
    try:
        for logical_id in prepared.order:
            declaration = prepared.resources[logical_id]
            if run.properties(resolver, declaration) != records[logical_id].get("Properties"):
                return True
            for policy in ("DeletionPolicy", "UpdateReplacePolicy"):
                if declaration.get(policy) != records[logical_id].get(policy):
                    return True
        outputs, _ = run.outputs(resolver, prepared)
    except ResolveError:
        return True
    return outputs != (doc.get("Outputs") or [])


def planned_properties(ctx: Context, prepared: Prepared, doc: dict) -> dict[str, dict | None]:
    """Each resource's properties as deploying `prepared` over the stack `doc` would set
    them, resolved against the stack's resources as they are now: None for one that reads
    what only the deploy makes (a new resource's id or attributes). For change sets."""
    run = Run(ctx, doc)
    live = {k: _resource(r) for k, r in (doc.get("Resources") or {}).items()}
    resolver = Resolver(run.scope(prepared, live))
    found: dict[str, dict | None] = {}
    for logical_id in prepared.order:
        try:
            found[logical_id] = run.properties(resolver, prepared.resources[logical_id])
        except ResolveError:
            found[logical_id] = None
    return found
