"""Stack documents (store/stacks.py) in the shapes of CloudFormation's API: Stack,
StackSummary, the three resource shapes and Parameter lists."""

from __future__ import annotations

from cfn_cognito.cfn import parameters

NOT_CHECKED = {"StackDriftStatus": "NOT_CHECKED"}
RESOURCE_NOT_CHECKED = {"StackResourceDriftStatus": "NOT_CHECKED"}
_TIMES = ("CreationTime", "DeletionTime", "LastUpdatedTime")


def parameter_list(values: dict, no_echo, resolved: dict | None = None) -> list[dict]:
    """Parameter values as the API lists them, NoEcho ones masked; an SSM-typed one with
    the value its parameter store name resolved to."""
    masked, resolved = set(no_echo or []), resolved or {}
    out = []
    for k, v in (values or {}).items():
        item = {"ParameterKey": k, "ParameterValue": parameters.MASK if k in masked else v}
        if k in resolved:
            item["ResolvedValue"] = parameters.MASK if k in masked else resolved[k]
        out.append(item)
    return out


def stack(doc: dict) -> dict:
    """A stack as DescribeStacks gives it."""
    out = {k: doc[k] for k in ("StackId", "StackName", "ChangeSetId", "Description", *_TIMES,
                               "StackStatus", "StackStatusReason", "RoleARN",
                               "TimeoutInMinutes") if doc.get(k)}
    out.update(
        Parameters=parameter_list(doc.get("Parameters"), doc.get("NoEcho"),
                                  doc.get("ResolvedParameters")),
        Outputs=doc.get("Outputs") or [],
        Capabilities=doc.get("Capabilities") or [],
        NotificationARNs=doc.get("NotificationARNs") or [],
        Tags=doc.get("Tags") or [],
        DisableRollback=False,
        EnableTerminationProtection=bool(doc.get("EnableTerminationProtection")),
        RollbackConfiguration={},
        DriftInformation=NOT_CHECKED,
    )
    return out


def summary(doc: dict) -> dict:
    """A stack as ListStacks gives it."""
    out = {k: doc[k] for k in ("StackId", "StackName", *_TIMES, "StackStatus",
                               "StackStatusReason") if doc.get(k)}
    if doc.get("Description"):
        out["TemplateDescription"] = doc["Description"]
    out["DriftInformation"] = NOT_CHECKED
    return out


def _status(record: dict) -> str:
    # A record is kept before its first event is; by then the resource is being created.
    return record.get("ResourceStatus") or "CREATE_IN_PROGRESS"


def resource_summary(logical_id: str, record: dict) -> dict:
    """A resource as ListStackResources gives it."""
    return {"LogicalResourceId": logical_id,
            "PhysicalResourceId": record.get("PhysicalResourceId", ""),
            "ResourceType": record["Type"],
            "LastUpdatedTimestamp": record.get("LastUpdatedTimestamp", ""),
            "ResourceStatus": _status(record),
            "DriftInformation": RESOURCE_NOT_CHECKED}


def resource(doc: dict, logical_id: str, record: dict) -> dict:
    """A resource as DescribeStackResources gives it."""
    out = resource_summary(logical_id, record)
    out["Timestamp"] = out.pop("LastUpdatedTimestamp")
    out.update(StackName=doc["StackName"], StackId=doc["StackId"])
    return out


def resource_detail(doc: dict, logical_id: str, record: dict) -> dict:
    """A resource as DescribeStackResource gives it."""
    out = resource_summary(logical_id, record)
    out.update(StackName=doc["StackName"], StackId=doc["StackId"], Metadata="{}")
    return out
