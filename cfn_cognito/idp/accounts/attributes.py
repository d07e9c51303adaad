"""User attributes: reading and changing them, schema checks, verification flags, order.

A user's attributes are kept as a list of {"Name", "Value"} (sub first, then in the order
they were first set) in `user.doc["Attributes"]`; `aws_order` gives the order AWS answers in.
"""

from __future__ import annotations

import functools
import re

from cfn_cognito.idp.errors import InvalidParameterException, NotAuthorizedException

VERIFIED_FLAG = {"email": "email_verified", "phone_number": "phone_number_verified"}
CONTACT_OF_FLAG = {flag: contact for contact, flag in VERIFIED_FLAG.items()}
MEDIUM = {"email": "EMAIL", "phone_number": "SMS"}

_EMAIL = re.compile(r"[^@\s]+@[^@\s]+")
_PHONE = re.compile(r"\+[0-9]{4,16}")
_NUMBER = re.compile(r"-?[0-9]+")


def is_email(value: str) -> bool:
    return bool(_EMAIL.fullmatch(value))


def is_phone(value: str) -> bool:
    return bool(_PHONE.fullmatch(value))


# -- reading and changing a user's attributes ---------------------------------------------

def values(user) -> dict[str, str]:
    return {a["Name"]: a["Value"] for a in user.doc.get("Attributes", [])}


def get(user, name: str) -> str | None:
    for attr in user.doc.get("Attributes", []):
        if attr["Name"] == name:
            return attr["Value"]
    return None


def is_verified(user, contact: str) -> bool:
    return get(user, contact) is not None and get(user, VERIFIED_FLAG[contact]) == "true"


def put(user, changes: dict[str, str]) -> None:
    """Set attributes: existing ones keep their place, new ones go last."""
    attrs = user.doc.setdefault("Attributes", [])
    index = {a["Name"]: a for a in attrs}
    for name, value in changes.items():
        if name in index:
            index[name]["Value"] = value
        else:
            index[name] = {"Name": name, "Value": value}
            attrs.append(index[name])


def remove(user, names) -> None:
    names = set(names)
    user.doc["Attributes"] = [a for a in user.doc.get("Attributes", []) if a["Name"] not in names]


# -- the order AWS lists attributes in ----------------------------------------------------

def _java_hash(text: str) -> int:
    h = 0
    data = text.encode("utf-16-be")
    for i in range(0, len(data), 2):
        h = (31 * h + int.from_bytes(data[i:i + 2], "big")) & 0xFFFFFFFF
    return h


def aws_order(attrs: list[dict]) -> list[dict]:
    """Attributes in the order AWS returns them.

    Real responses list attributes in the iteration order of a Java HashMap filled in the
    order the attributes were set (sub first): e.g. sub, email_verified, given_name, email.
    [O] awscli examples and captured ListUsers output agree with this in 4 of 5 samples.
    """
    return [attrs[i] for i in _hashmap_order(tuple(a["Name"] for a in attrs))]


@functools.lru_cache(maxsize=4096)
def _hashmap_order(names: tuple[str, ...]) -> tuple[int, ...]:
    capacity = 16
    while len(names) > capacity * 0.75:
        capacity *= 2

    def bucket(name: str) -> int:
        h = _java_hash(name)
        return (h ^ (h >> 16)) & (capacity - 1)

    return tuple(sorted(range(len(names)), key=lambda i: (bucket(names[i]), i)))


# -- checking what a request wants to write -----------------------------------------------

def immutable(name: str) -> InvalidParameterException:
    """An immutable attribute written after creation, in AWS's words (as UpdateUserAttributes
    and the hosted UI report it: aws-amplify/amplify-swift#3981, amplify-js#3526)."""
    return InvalidParameterException(f"user.{name}: Attribute cannot be updated.")


def schema_error(name: str, problem: str) -> InvalidParameterException:
    return InvalidParameterException(f"Attributes did not conform to the schema: {name}: {problem}")


def schema_of(pool: dict) -> dict[str, dict]:
    return {a["Name"]: a for a in pool.get("SchemaAttributes", [])}


def _check_value(spec: dict, value: str) -> str:
    """The value as stored (booleans lower-cased), or an error naming the broken rule."""
    name = spec["Name"]
    kind = spec.get("AttributeDataType", "String")
    if kind == "Boolean":
        if value.lower() not in ("true", "false"):
            # [U] wording
            raise schema_error(name, "Attribute value must be true or false.")
        return value.lower()
    if kind == "Number":
        if not _NUMBER.fullmatch(value):
            raise schema_error(name, "Number must be an integer.")  # [U] wording
        bounds = spec.get("NumberAttributeConstraints") or {}
        if "MinValue" in bounds and int(value) < int(bounds["MinValue"]):
            raise schema_error(name, f"Number must be at least {bounds['MinValue']}.")
        if "MaxValue" in bounds and int(value) > int(bounds["MaxValue"]):
            raise schema_error(name, f"Number must be at most {bounds['MaxValue']}.")
        return value
    bounds = spec.get("StringAttributeConstraints") or {}
    if "MaxLength" in bounds and len(value) > int(bounds["MaxLength"]):
        raise schema_error(name, f"String must be no longer than {bounds['MaxLength']} characters.")
    if "MinLength" in bounds and len(value) < int(bounds["MinLength"]) and value:
        raise schema_error(name, f"String must be at least {bounds['MinLength']} characters.")
    if name == "email" and not is_email(value):
        raise InvalidParameterException("Invalid email address format.")
    if name == "phone_number" and not is_phone(value):
        raise InvalidParameterException("Invalid phone number format.")
    return value


def parse(pool: dict, attrs: list[dict] | None) -> dict[str, str]:
    """The {name: value} a request's UserAttributes ask for, each checked against the pool's
    schema (exists, writable, type, constraints, format). Later duplicates win."""
    schema = schema_of(pool)
    out = {}
    for attr in attrs or []:
        name, value = attr["Name"], attr.get("Value", "")
        spec = schema.get(name)
        if spec is None:
            raise schema_error(name, "Attribute does not exist in the schema.")
        if name == "sub":
            raise immutable(name)
        out[name] = _check_value(spec, value)
    return out


def check_flags_have_values(user_values: dict[str, str]) -> None:
    """A verified flag needs the attribute it speaks of, as AWS insists."""
    if "email_verified" in user_values and "email" not in user_values:
        raise InvalidParameterException("Email is required to verify/un-verify an email")
    if "phone_number_verified" in user_values and "phone_number" not in user_values:
        raise InvalidParameterException(
            "Phone Number is required to verify/un-verify a phone number")


def check_required(pool: dict, user_values: dict[str, str]) -> None:
    """Every attribute the schema marks Required must have a value (at creation)."""
    for spec in pool.get("SchemaAttributes", []):
        if spec.get("Required") and spec["Name"] != "sub" and not user_values.get(spec["Name"]):
            raise schema_error(spec["Name"], "The attribute is required")


def check_mutable(pool: dict, user, changes: dict[str, str]) -> None:
    """An immutable attribute can be given a value once, never changed."""
    schema = schema_of(pool)
    current = values(user)
    for name, value in changes.items():
        spec = schema.get(name, {})
        if not spec.get("Mutable", True) and name in current and current[name] != value:
            raise immutable(name)


# Attributes an app client may not write unless its WriteAttributes names them: whether an
# address is verified is the pool's to say, not the user's.
_ADMIN_ONLY = {"email_verified", "phone_number_verified"}


def check_client_write(client: dict, names) -> None:
    """NotAuthorizedException when a client-side call writes what the client may not."""
    allowed = client.get("WriteAttributes")
    for name in names:
        if allowed is not None:
            permitted = name in allowed
        else:
            permitted = name not in _ADMIN_ONLY and not name.startswith("dev:")
        if not permitted:
            raise NotAuthorizedException("A client attempted to write unauthorized attribute")


def readable(client: dict | None, attrs: list[dict]) -> list[dict]:
    """The attributes an app client may read (all when it names no ReadAttributes)."""
    allowed = (client or {}).get("ReadAttributes")
    if not allowed:
        return [a for a in attrs if not a["Name"].startswith("dev:")]
    allowed = set(allowed) | {"sub"}
    return [a for a in attrs if a["Name"] in allowed]


# -- where codes go -----------------------------------------------------------------------

def mask(contact: str, value: str) -> str:
    """An address as CodeDeliveryDetails shows it: `j***@e***`, `+*******1234`."""
    if contact == "email":
        local, _, domain = value.partition("@")
        return f"{local[:1]}***@{domain[:1]}***"
    digits = value[1:] if value.startswith("+") else value
    return "+" + "*" * max(len(digits) - 4, 0) + digits[-4:]


def delivery_details(contact: str, value: str) -> dict:
    return {"Destination": mask(contact, value), "DeliveryMedium": MEDIUM[contact],
            "AttributeName": contact}
