"""The capabilities a template needs, as CloudFormation asks for them: CAPABILITY_IAM for
IAM resources, CAPABILITY_NAMED_IAM when one of them has a name of the template's choosing,
and CAPABILITY_AUTO_EXPAND for a template with macros (Transform) created or updated
directly rather than through a change set."""

from __future__ import annotations

from cfn_cognito.cfn.api.errors import InsufficientCapabilitiesException

IAM = "CAPABILITY_IAM"
NAMED_IAM = "CAPABILITY_NAMED_IAM"
AUTO_EXPAND = "CAPABILITY_AUTO_EXPAND"

# The IAM resource types, each with the property that names it (None: it takes no name).
IAM_TYPES = {
    "AWS::IAM::AccessKey": None,
    "AWS::IAM::Group": "GroupName",
    "AWS::IAM::InstanceProfile": "InstanceProfileName",
    "AWS::IAM::ManagedPolicy": "ManagedPolicyName",
    "AWS::IAM::Policy": None,
    "AWS::IAM::Role": "RoleName",
    "AWS::IAM::User": "UserName",
    "AWS::IAM::UserToGroupAddition": None,
}


def transforms(body: dict) -> list[str]:
    names = body.get("Transform") or []
    return [str(n) for n in ([names] if isinstance(names, str) else names)]


def needed(resources: dict, declared_transforms: list[str]) -> tuple[list[str], str]:
    """(the capabilities, the reason as ValidateTemplate gives it) for a template with these
    resources (after its transforms) and transforms."""
    types, named = [], False
    for resource in resources.values():
        kind = resource.get("Type") if isinstance(resource, dict) else None
        if kind in IAM_TYPES:
            types.append(kind)
            name_property = IAM_TYPES[kind]
            props = resource.get("Properties")
            named = named or bool(name_property and isinstance(props, dict)
                                  and props.get(name_property) is not None)
    found = [NAMED_IAM if named else IAM] if types else []
    if declared_transforms:
        found.append(AUTO_EXPAND)
    reason = (f"The following resource(s) require capabilities: "
              f"[{', '.join(sorted(set(types)))}]" if types else "")
    return found, reason


def check(resources: dict, declared_transforms: list[str], given: list[str] | None,
          expanding: bool) -> None:
    """InsufficientCapabilitiesException unless `given` covers what the template needs;
    `expanding` when macros need CAPABILITY_AUTO_EXPAND (CreateStack, UpdateStack)."""
    given = set(given or [])
    missing = []
    for capability in needed(resources, declared_transforms if expanding else [])[0]:
        if capability == IAM and given & {IAM, NAMED_IAM}:
            continue
        if capability not in given:
            missing.append(capability)
    if missing:
        raise InsufficientCapabilitiesException(
            f"Requires capabilities : [{', '.join(missing)}]")
