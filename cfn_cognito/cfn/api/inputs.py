"""What the API's requests carry besides the template: parameter values (with
UsePreviousValue), what is kept with the stack (Tags, Capabilities...), and the options
this service refuses rather than ignores."""

from __future__ import annotations

from cfn_cognito.cfn.errors import ValidationError

# Members kept with the stack as given, and shown by DescribeStacks.
KEPT = ("Tags", "NotificationARNs", "RoleARN", "TimeoutInMinutes")


def parameter_values(given: list[dict] | None, previous: dict | None) -> dict:
    """name -> value of a request's Parameters; UsePreviousValue takes the value of the
    stack's last deploy (`previous`, the stack document)."""
    before = (previous or {}).get("Parameters") or {}
    values = {}
    for item in given or []:
        key = item.get("ParameterKey")
        if key is None:
            continue
        if item.get("UsePreviousValue"):
            if item.get("ParameterValue"):
                raise ValidationError(f"Invalid input for parameter key {key}. Cannot specify "
                                      f"usePreviousValue as true and non empty value for a "
                                      f"parameter.")
            if key not in before:
                raise ValidationError(f"Invalid input for parameter key {key}. Cannot specify "
                                      f"usePreviousValue as true for a parameter key not in "
                                      f"the previous template")
            values[key] = before[key]
        else:
            values[key] = item.get("ParameterValue", "")
    return values


def kept(req: dict) -> dict:
    """What of the request the stack keeps (a member not given keeps the stack's own)."""
    out = {k: req[k] for k in KEPT if k in req}
    out["Capabilities"] = req.get("Capabilities") or []
    out["ChangeSetId"] = None       # set when a change set is what deploys
    return out


# Options whose effect cannot be had here, with why; refused when given a value that asks
# for it.
_REFUSED = {
    "DisableRollback": (lambda v: v is True,
                        "a stack that fails here is always rolled back"),
    "OnFailure": (lambda v: v == "DO_NOTHING",
                  "a stack that fails here is always rolled back"),
    "OnStackFailure": (lambda v: v == "DO_NOTHING",
                       "a stack that fails here is always rolled back"),
    "StackPolicyBody": (lambda v: True, "stack policies are not enforced here"),
    "StackPolicyURL": (lambda v: True, "stack policies are not enforced here"),
    "StackPolicyDuringUpdateBody": (lambda v: True, "stack policies are not enforced here"),
    "StackPolicyDuringUpdateURL": (lambda v: True, "stack policies are not enforced here"),
    "RollbackConfiguration": (lambda v: bool(v.get("RollbackTriggers")),
                              "there are no CloudWatch alarms here"),
    "RetainResources": (lambda v: bool(v), "a stack here is deleted with its resources"),
    "ResourcesToImport": (lambda v: bool(v), "resources cannot be imported here"),
    "ImportExistingResources": (lambda v: v is True, "resources cannot be imported here"),
    "IncludeNestedStacks": (lambda v: v is True, "nested stacks are not supported here"),
    "DeletionMode": (lambda v: v == "FORCE_DELETE_STACK",
                     "a stack here is deleted with its resources"),
}


def refuse_unsupported(req: dict) -> None:
    for name, (asks, why) in _REFUSED.items():
        if name in req and asks(req[name]):
            raise ValidationError(f"{name} is not supported by cfn-cognito: {why}")
