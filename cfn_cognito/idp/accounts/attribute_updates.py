"""Changing a user's attributes and verifying addresses, for the Admin* operations and for
the ones a user makes with an access token (UpdateUserAttributes, DeleteUserAttributes,
GetUserAttributeVerificationCode, VerifyUserAttribute).

Functions take the user already found; pass the app `client` on token calls so its
WriteAttributes apply (None for Admin* calls, which may write anything the schema allows).
"""

from __future__ import annotations

from cfn_cognito.context import Context
from cfn_cognito.idp.accounts import attributes
from cfn_cognito.idp.accounts import codes
from cfn_cognito.idp.accounts import inbox
from cfn_cognito.idp.accounts import users
from cfn_cognito.idp.errors import InvalidParameterException

PENDING = "PendingAttributes"

# AWS's answers, compared with a real user pool (floci-io/floci PR #1898).
NOT_VERIFIABLE = "Invalid attribute name. Only phone_number and email can be verified."
NO_ADDRESS = {"email": "User does not have a valid registered email address",
              "phone_number": "User does not have a valid registered phone number"}


def _verify_before_update(pool: dict) -> set[str]:
    """Addresses whose new value only takes effect once verified (the old one stays in use)."""
    settings = pool.get("UserAttributeUpdateSettings") or {}
    auto = set(pool.get("AutoVerifiedAttributes") or [])
    return set(settings.get("AttributesRequireVerificationBeforeUpdate") or []) & auto


def _check_known(pool: dict, names: list[str]) -> None:
    """AdminUpdateUserAttributes / AdminDeleteUserAttributes name an unknown attribute in
    their own words, not AdminCreateUser's "Attributes did not conform to the schema": AWS
    answers "Invalid user attributes: user.<name>: Attribute does not exist in the schema."
    (issue 24; the "user.<name>" form is also in AWS's answer quoted in amplify-flutter#1531)."""
    schema = attributes.schema_of(pool)
    for name in names:
        if name not in schema:
            raise InvalidParameterException(
                f"Invalid user attributes: user.{name}: Attribute does not exist in the schema.")


def update_attributes(ctx: Context, pool: dict, user, attrs: list[dict], *,
                      client: dict | None = None,
                      client_metadata: dict | None = None) -> list[dict]:
    """Change attributes. A changed email / phone_number becomes unverified (unless the same
    call sets its *_verified flag to true) and, where the pool auto-verifies it, a code is
    sent to it. Returns the CodeDeliveryDetailsList (UpdateUserAttributes' answer)."""
    if client is None:
        _check_known(pool, [attr["Name"] for attr in attrs])
    changes = attributes.parse(pool, attrs)
    if client is not None:
        attributes.check_client_write(client, changes)
    attributes.check_mutable(pool, user, changes)
    auto = set(pool.get("AutoVerifiedAttributes") or [])
    held_back = _verify_before_update(pool)
    to_verify: dict[str, str] = {}

    def change(u):
        current = attributes.values(u)
        apply = dict(changes)
        pending = u.doc.setdefault(PENDING, {})
        for contact, flag in attributes.VERIFIED_FLAG.items():
            if contact not in changes:
                continue
            pending.pop(contact, None)
            if changes[contact] == current.get(contact) or changes.get(flag) == "true":
                continue
            if contact in held_back and attributes.is_verified(u, contact):
                pending[contact] = apply.pop(contact)
                apply.pop(flag, None)
            else:
                apply.setdefault(flag, "false")
            if contact in auto:
                to_verify[contact] = changes[contact]
        if not pending:
            u.doc.pop(PENDING, None)
        attributes.put(u, apply)
        attributes.check_flags_have_values(attributes.values(u))

    user = users.modify(ctx, pool, user, change)
    return [_send_verification(ctx, pool, user, contact, address, inbox.UPDATE_USER_ATTRIBUTE,
                               client, client_metadata)
            for contact, address in to_verify.items()]


def delete_attributes(ctx: Context, pool: dict, user, names: list[str], *,
                      client: dict | None = None) -> None:
    """Remove attributes (an address takes its *_verified flag and pending change with it)."""
    schema = attributes.schema_of(pool)
    if client is None:
        _check_known(pool, names)
    for name in names:
        spec = schema.get(name)
        if spec is None:
            raise attributes.schema_error(name, "Attribute does not exist in the schema.")
        if name == "sub" or spec.get("Required"):
            raise attributes.schema_error(name, "The attribute is required")
        if not spec.get("Mutable", True):
            raise attributes.immutable(name)
    if client is not None:
        attributes.check_client_write(client, names)

    def change(u):
        gone = set(names)
        for contact, flag in attributes.VERIFIED_FLAG.items():
            if contact in gone:
                gone.add(flag)
                u.doc.get(PENDING, {}).pop(contact, None)
        if not u.doc.get(PENDING):
            u.doc.pop(PENDING, None)
        attributes.remove(u, gone)

    users.modify(ctx, pool, user, change)


def _send_verification(ctx: Context, pool: dict, user, contact: str, address: str,
                       kind: str, client: dict | None, client_metadata: dict | None) -> dict:
    code = codes.issue(ctx, pool["Id"], user.sub, codes.verify_purpose(contact), contact)
    return inbox.deliver(ctx, pool, user, kind, code, contact, address=address,
                         client_id=(client or {}).get("ClientId"),
                         client_metadata=client_metadata)


def start_attribute_verification(ctx: Context, pool: dict, user, name: str, *,
                                 client: dict | None = None,
                                 client_metadata: dict | None = None) -> dict:
    """GetUserAttributeVerificationCode: send a code to the user's email / phone_number (the
    pending new value if one awaits verification). Returns CodeDeliveryDetails."""
    if name not in attributes.VERIFIED_FLAG:
        raise InvalidParameterException(NOT_VERIFIABLE)
    address = user.doc.get(PENDING, {}).get(name) or attributes.get(user, name)
    if not address:
        raise InvalidParameterException(NO_ADDRESS[name])
    return _send_verification(ctx, pool, user, name, address, inbox.VERIFY_USER_ATTRIBUTE,
                              client, client_metadata)


def verify_attribute(ctx: Context, pool: dict, user, name: str, code: str) -> None:
    """VerifyUserAttribute: with the right code the address (or its pending new value)
    becomes the user's verified address; a clash with another user's alias is an
    AliasExistsException."""
    if name not in attributes.VERIFIED_FLAG:
        raise InvalidParameterException(NOT_VERIFIABLE)
    purpose = codes.verify_purpose(name)
    record = codes.check(ctx, pool["Id"], user.sub, purpose, code)

    def change(u):
        pending = u.doc.get(PENDING, {}).pop(name, None)
        if not u.doc.get(PENDING):
            u.doc.pop(PENDING, None)
        if pending:
            attributes.put(u, {name: pending})
        attributes.put(u, {attributes.VERIFIED_FLAG[name]: "true"})

    with ctx.store.write():
        codes.consume(ctx, pool["Id"], user.sub, purpose, record)
        users.modify(ctx, pool, user, change)
