"""The user pool schema: AWS's standard attributes and the custom ones a pool adds."""

from __future__ import annotations

import copy

from cfn_cognito.idp.errors import InvalidParameterException

MAX_CUSTOM_ATTRIBUTES = 50


def _string(name, min_length="0", max_length="2048", required=False, mutable=True):
    return {
        "Name": name,
        "AttributeDataType": "String",
        "DeveloperOnlyAttribute": False,
        "Mutable": mutable,
        "Required": required,
        "StringAttributeConstraints": {"MinLength": min_length, "MaxLength": max_length},
    }


def _boolean(name):
    return {"Name": name, "AttributeDataType": "Boolean", "DeveloperOnlyAttribute": False,
            "Mutable": True, "Required": False}


# In the order AWS lists them in SchemaAttributes.
STANDARD_ATTRIBUTES = [
    _string("sub", min_length="1", required=True, mutable=False),
    _string("name"),
    _string("given_name"),
    _string("family_name"),
    _string("middle_name"),
    _string("nickname"),
    _string("preferred_username"),
    _string("profile"),
    _string("picture"),
    _string("website"),
    _string("email"),
    _boolean("email_verified"),
    _string("gender"),
    _string("birthdate", min_length="10", max_length="10"),
    _string("zoneinfo"),
    _string("locale"),
    _string("phone_number"),
    _boolean("phone_number_verified"),
    _string("address"),
    {"Name": "updated_at", "AttributeDataType": "Number", "DeveloperOnlyAttribute": False,
     "Mutable": True, "Required": False, "NumberAttributeConstraints": {"MinValue": "0"}},
]
STANDARD_NAMES = {a["Name"] for a in STANDARD_ATTRIBUTES}


def _schema_error(detail: str) -> InvalidParameterException:
    return InvalidParameterException(detail)


def _custom_attribute(spec: dict) -> dict:
    name = spec.get("Name")
    if not name:
        raise _schema_error("Custom attribute name is required.")
    data_type = spec.get("AttributeDataType")
    if data_type is None:
        # AWS has no default type for a custom attribute (amplify-cli#9525 shows AWS's
        # answer to a schema entry without one).
        raise _schema_error(
            "Invalid AttributeDataType input, consider using the provided AttributeDataType enum.")
    developer_only = bool(spec.get("DeveloperOnlyAttribute", False))
    if spec.get("Required"):
        raise _schema_error("Required custom attributes are not supported currently.")
    attr = {
        "Name": ("dev:custom:" if developer_only else "custom:") + name,
        "AttributeDataType": data_type,
        "DeveloperOnlyAttribute": developer_only,
        "Mutable": spec.get("Mutable", True),
        "Required": False,
    }
    if data_type == "String":
        attr["StringAttributeConstraints"] = dict(spec.get("StringAttributeConstraints") or {})
    elif data_type == "Number":
        attr["NumberAttributeConstraints"] = dict(spec.get("NumberAttributeConstraints") or {})
    _check_constraints(attr)
    return attr


def _check_constraints(attr: dict) -> None:
    for key in ("StringAttributeConstraints", "NumberAttributeConstraints"):
        constraints = attr.get(key) or {}
        bounds = {}
        for bound, value in constraints.items():
            try:
                bounds[bound] = int(value)
            except (TypeError, ValueError):
                raise _schema_error(
                    f"Invalid {bound} for attribute {attr['Name']}: {value!r} is not a number."
                ) from None
        low = bounds.get("MinLength", bounds.get("MinValue"))
        high = bounds.get("MaxLength", bounds.get("MaxValue"))
        if low is not None and high is not None and low > high:
            raise _schema_error(f"Minimum is greater than maximum for attribute {attr['Name']}.")
        if key == "StringAttributeConstraints" and high is not None and high > 2048:
            raise _schema_error(
                f"Invalid MaxLength for attribute {attr['Name']}: maximum length is 2048.")


def _standard_override(base: dict, spec: dict) -> dict:
    """A standard attribute the pool's Schema names: it may change Required and Mutable."""
    attr = copy.deepcopy(base)
    if attr["Name"] == "sub":
        return attr
    if spec.get("AttributeDataType", attr["AttributeDataType"]) != attr["AttributeDataType"]:
        raise _schema_error(f"You can not change AttributeDataType or set developerOnlyAttribute "
                            f"for standard schema attribute {attr['Name']}")
    if spec.get("DeveloperOnlyAttribute"):
        raise _schema_error(f"You can not change AttributeDataType or set developerOnlyAttribute "
                            f"for standard schema attribute {attr['Name']}")
    if "Required" in spec:
        attr["Required"] = bool(spec["Required"])
    if "Mutable" in spec:
        attr["Mutable"] = bool(spec["Mutable"])
    for key in ("StringAttributeConstraints", "NumberAttributeConstraints"):
        if spec.get(key) and key in attr:
            attr[key] = {**attr[key], **spec[key]}
    _check_constraints(attr)
    return attr


def build_schema(specs: list[dict] | None) -> list[dict]:
    """SchemaAttributes for a new pool: the standard ones (as overridden), then custom ones."""
    by_name = {}
    customs = []
    for spec in specs or []:
        name = spec.get("Name", "")
        if name in STANDARD_NAMES:
            if name in by_name:
                raise _schema_error(f"Duplicate attribute name: {name}")
            by_name[name] = spec
        else:
            customs.append(spec)
    schema = [_standard_override(a, by_name[a["Name"]]) if a["Name"] in by_name else copy.deepcopy(a)
              for a in STANDARD_ATTRIBUTES]
    return add_custom(schema, customs)


def add_custom(schema: list[dict], specs: list[dict]) -> list[dict]:
    """The schema with custom attributes added; an attribute that exists already is an error."""
    existing = {a["Name"] for a in schema}
    added = []
    for spec in specs:
        attr = _custom_attribute(spec)
        if attr["Name"] in existing or spec.get("Name") in STANDARD_NAMES:
            raise _schema_error(f"{attr['Name']}: Existing attribute already has name {attr['Name']}.")
        existing.add(attr["Name"])
        added.append(attr)
    custom_count = sum(1 for a in schema if a["Name"] not in STANDARD_NAMES) + len(added)
    if custom_count > MAX_CUSTOM_ATTRIBUTES:
        raise _schema_error(f"A user pool can have at most {MAX_CUSTOM_ATTRIBUTES} custom attributes.")
    return schema + added
