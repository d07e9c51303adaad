"""The user model: finding users, creating and saving them, passwords, the AWS shapes.

A user is a `UserRecord` (see store/users.py): username, sub, status, enabled, dates and a
`doc` holding the attributes, the password hash, the SRP salt and verifier, the password
history and the temporary-password expiry. Changes are made to a record in memory and
written back with `save` (or `modify`, which re-reads the user inside the write transaction
so concurrent changes are never lost).
"""

from __future__ import annotations

import re
import uuid
from typing import Callable

from cfn_cognito.context import Context
from cfn_cognito.idp.accounts import attributes
from cfn_cognito.idp.accounts import passwords
from cfn_cognito.idp.errors import (
    AliasExistsException,
    InvalidParameterException,
    UsernameExistsException,
    UserNotFoundException,
)
from cfn_cognito.store.users import AliasTaken, UserExists, UserRecord

User = UserRecord

UNCONFIRMED = "UNCONFIRMED"
CONFIRMED = "CONFIRMED"
FORCE_CHANGE_PASSWORD = "FORCE_CHANGE_PASSWORD"
RESET_REQUIRED = "RESET_REQUIRED"

# Attributes ListUsers can filter on, and whether AWS matches them case-sensitively.
SEARCHABLE = {
    "username": True, "email": False, "phone_number": False, "name": False,
    "given_name": False, "family_name": False, "preferred_username": False,
    "cognito:user_status": False, "status": True, "sub": False,
}

_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_DAY = 86400


# -- names --------------------------------------------------------------------------------

def case_sensitive(pool: dict) -> bool:
    """Whether usernames (and email / preferred_username aliases) match case-sensitively.
    The API default, when the pool has no UsernameConfiguration, is case-sensitive."""
    return (pool.get("UsernameConfiguration") or {}).get("CaseSensitive", True)


def name_key(pool: dict, value: str) -> str:
    """The form a username or alias is looked up by in this pool."""
    return value if case_sensitive(pool) else value.lower()


def alias_names(pool: dict) -> list[str]:
    """Attributes a user can sign in with besides the username."""
    return list(pool.get("UsernameAttributes") or pool.get("AliasAttributes") or [])


def new_sub(rng) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def plan_username(pool: dict, given: str, rng) -> tuple[str, dict[str, str]]:
    """The username to store for a Username given at creation, and the attributes it implies.

    In a pool with UsernameAttributes the given name must be an email / phone number; it
    becomes that attribute and the stored username is a new UUID (the user's sub).
    """
    as_username = pool.get("UsernameAttributes") or []
    if as_username:
        if "email" in as_username and attributes.is_email(given):
            return new_sub(rng), {"email": given}
        if "phone_number" in as_username and attributes.is_phone(given):
            return new_sub(rng), {"phone_number": given}
        if len(as_username) == 2:
            raise InvalidParameterException("Username should be either an email or a phone number.")
        if as_username == ["email"]:
            raise InvalidParameterException("Username should be an email.")
        raise InvalidParameterException("Username should be a phone number.")
    aliases = pool.get("AliasAttributes") or []
    if "email" in aliases and attributes.is_email(given):
        raise InvalidParameterException(
            "Username cannot be of email format, since user pool is configured for email alias.")
    if "phone_number" in aliases and attributes.is_phone(given):
        raise InvalidParameterException(
            "Username cannot be of phone number format, since user pool is configured for "
            "phone number alias.")
    return given, {}


# -- finding ------------------------------------------------------------------------------

def find_user(ctx: Context, pool: dict, name: str, by_sub: bool = True) -> User | None:
    """The user `name` stands for: its username, a sign-in alias, or (`by_sub`) its sub."""
    store, pool_id = ctx.store.users, pool["Id"]
    key = name_key(pool, name)
    user = store.get(pool_id, key)
    if user is not None:
        return user
    sub = store.find_alias(pool_id, alias_names(pool), key)
    if sub is not None:
        return store.get_by_sub(pool_id, sub)
    if by_sub and _UUID.fullmatch(name.lower()):
        return store.get_by_sub(pool_id, name.lower())
    return None


def get_user(ctx: Context, pool: dict, name: str) -> User:
    """As find_user, or UserNotFoundException as the Admin* operations word it."""
    user = find_user(ctx, pool, name)
    if user is None:
        raise UserNotFoundException("User does not exist.")
    return user


# -- creating and saving ------------------------------------------------------------------

def new_user(ctx: Context, pool: dict, username: str, status: str,
             attribute_values: dict[str, str]) -> User:
    """A user not yet stored. In UsernameAttributes pools `username` is the sub."""
    sub = username if pool.get("UsernameAttributes") else new_sub(ctx.rng)
    now = ctx.now()
    user = User(pool_id=pool["Id"], username=username, username_key=name_key(pool, username),
                sub=sub, status=status, enabled=True, created=now, modified=now,
                doc={"Attributes": [{"Name": "sub", "Value": sub}]})
    attributes.put(user, attribute_values)
    return user


def index_rows(user: User) -> list[tuple[str, str]]:
    """The (attribute, value key) rows ListUsers filters search for this user."""
    values = attributes.values(user)
    values.update({"username": user.username, "cognito:user_status": user.status,
                   "status": "Enabled" if user.enabled else "Disabled"})
    return [(name, value if exact else value.lower())
            for name, exact in SEARCHABLE.items()
            if (value := values.get(name)) is not None]


def _wanted_aliases(pool: dict, user: User) -> dict[str, str]:
    values = attributes.values(user)
    wanted = {}
    for name in pool.get("UsernameAttributes") or []:
        if values.get(name):
            wanted[name] = name_key(pool, values[name])
    for name in pool.get("AliasAttributes") or []:
        flag = attributes.VERIFIED_FLAG.get(name)
        if values.get(name) and (flag is None or values.get(flag) == "true"):
            wanted[name] = name_key(pool, values[name])
    return wanted


def alias_exists(pool: dict, name: str) -> AliasExistsException:
    if name in (pool.get("UsernameAttributes") or []):
        return AliasExistsException(f"An account with the given {name} already exists.")
    return AliasExistsException(f"An account with the {name} already exists.")


def _sync_aliases(ctx: Context, pool: dict, user: User, force: bool) -> None:
    """Make the aliases table agree with the user's attributes. Another user's alias is an
    AliasExistsException, or with `force` is taken from them (their address becomes
    unverified, as AWS's ForceAliasCreation does)."""
    store, pool_id = ctx.store.users, pool["Id"]
    current = store.aliases_of(pool_id, user.sub)
    wanted = _wanted_aliases(pool, user)
    for name, key in current.items():
        if wanted.get(name) != key:
            store.remove_alias(pool_id, name, key)
    for name, key in wanted.items():
        if current.get(name) == key:
            continue
        try:
            store.add_alias(pool_id, name, key, user.sub)
        except AliasTaken as taken:
            flag = attributes.VERIFIED_FLAG.get(name)
            if not force or flag is None or name in (pool.get("UsernameAttributes") or []):
                raise alias_exists(pool, name) from None
            other = store.get_by_sub(pool_id, taken.owner_sub)
            store.remove_alias(pool_id, name, key)
            if other is not None:
                attributes.put(other, {flag: "false"})
                other.modified = ctx.now()
                store.save(other, index_rows(other))
            store.add_alias(pool_id, name, key, user.sub)


def insert(ctx: Context, pool: dict, user: User, *, exists_message: str,
           force_alias: bool = False) -> None:
    """Store a new user; UsernameExistsException(exists_message) if the username is taken."""
    with ctx.store.write():
        try:
            ctx.store.users.insert(user, index_rows(user))
        except UserExists:
            raise UsernameExistsException(exists_message) from None
        _sync_aliases(ctx, pool, user, force_alias)


def save(ctx: Context, pool: dict, user: User, *, force_alias: bool = False) -> None:
    """Write back a changed user (and its index and aliases)."""
    user.modified = ctx.now()
    with ctx.store.write():
        ctx.store.users.save(user, index_rows(user))
        _sync_aliases(ctx, pool, user, force_alias)


def modify(ctx: Context, pool: dict, user: User, change: Callable[[User], None], *,
           force_alias: bool = False) -> User:
    """Apply `change` to the current stored copy of `user` and save it, in one transaction
    (so a concurrent change to the same user is never lost). Returns the saved user."""
    with ctx.store.write():
        fresh = ctx.store.users.get_by_sub(pool["Id"], user.sub)
        if fresh is None:
            raise UserNotFoundException("User does not exist.")
        change(fresh)
        save(ctx, pool, fresh, force_alias=force_alias)
    return fresh


def delete(ctx: Context, pool: dict, user: User) -> None:
    """Remove the user with its index rows, aliases, group memberships and codes."""
    with ctx.store.write():
        ctx.store.users.delete(pool["Id"], user.sub)


# -- passwords ----------------------------------------------------------------------------

def prepare_password(ctx: Context, pool: dict, user: User | None, user_id_for_srp: str,
                     password: str, *, check: bool = True) -> passwords.Credentials:
    """Check a new password (policy, history) and hash it. Slow on purpose (a KDF), so call
    it before taking the write lock."""
    if check:
        passwords.check_policy(pool, password)
        passwords.check_history(pool, user, password)
    return passwords.make_credentials(pool["Id"], user_id_for_srp, password, ctx.rng)


def apply_credentials(ctx: Context, pool: dict, user: User, creds: passwords.Credentials,
                      permanent: bool) -> None:
    """Make `creds` the user's password (in memory). A permanent password ends
    FORCE_CHANGE_PASSWORD / RESET_REQUIRED; a temporary one starts FORCE_CHANGE_PASSWORD
    with the pool's TemporaryPasswordValidityDays."""
    doc = user.doc
    doc["PasswordHash"] = creds.password_hash
    doc["SrpSalt"] = creds.srp_salt
    doc["SrpVerifier"] = creds.srp_verifier
    policy = passwords.policy_of(pool)
    size = policy.get("PasswordHistorySize") or 0
    if size and creds is not passwords.UNUSABLE:
        doc["PasswordHistory"] = [creds.password_hash] + doc.get("PasswordHistory", [])[:size - 1]
    elif not size:
        doc.pop("PasswordHistory", None)
    if permanent:
        doc.pop("TemporaryPasswordExpires", None)
        if user.status in (FORCE_CHANGE_PASSWORD, RESET_REQUIRED):
            user.status = CONFIRMED
    else:
        days = policy.get("TemporaryPasswordValidityDays", 7)
        doc["TemporaryPasswordExpires"] = ctx.clock() + days * _DAY
        user.status = FORCE_CHANGE_PASSWORD


def set_password(ctx: Context, pool: dict, user: User, password: str, permanent: bool) -> None:
    """Check `password` against the policy and history and make it the user's password (in
    memory: save the user afterwards). Raises InvalidPasswordException /
    PasswordHistoryPolicyViolationException."""
    creds = prepare_password(ctx, pool, user, user.username, password)
    apply_credentials(ctx, pool, user, creds, permanent)


def temporary_password_expired(ctx: Context, user: User) -> bool:
    """Whether a FORCE_CHANGE_PASSWORD user's temporary password can no longer sign in
    (NotAuthorizedException "Temporary password has expired and must be reset by an
    administrator.")."""
    expires = user.doc.get("TemporaryPasswordExpires")
    return user.status == FORCE_CHANGE_PASSWORD and expires is not None and ctx.clock() > expires


# -- AWS shapes ---------------------------------------------------------------------------

def _attributes_out(user: User, names: list[str] | None = None) -> list[dict]:
    attrs = [dict(a) for a in user.doc.get("Attributes", [])]
    if names is not None:
        wanted = set(names)
        attrs = [a for a in attrs if a["Name"] in wanted]
    return attributes.aws_order(attrs)


def _mfa_members(user: User, members) -> dict:
    return {m: user.doc[m] for m in members if user.doc.get(m)}


def to_user_type(user: User, attributes_to_get: list[str] | None = None) -> dict:
    """The user as ListUsers, AdminCreateUser and ListUsersInGroup return it (UserType)."""
    out = {"Username": user.username, "Attributes": _attributes_out(user, attributes_to_get),
           "UserCreateDate": user.created, "UserLastModifiedDate": user.modified,
           "Enabled": user.enabled, "UserStatus": user.status}
    out.update(_mfa_members(user, ("MFAOptions",)))
    return out


def to_admin_get_user(user: User) -> dict:
    """The AdminGetUser response."""
    out = {"Username": user.username, "UserAttributes": _attributes_out(user),
           "UserCreateDate": user.created, "UserLastModifiedDate": user.modified,
           "Enabled": user.enabled, "UserStatus": user.status}
    out.update(_mfa_members(user, ("MFAOptions", "PreferredMfaSetting", "UserMFASettingList")))
    return out


def to_get_user(user: User, client: dict | None = None) -> dict:
    """The GetUser response (attributes limited to what the client may read)."""
    out = {"Username": user.username,
           "UserAttributes": attributes.readable(client, _attributes_out(user))}
    out.update(_mfa_members(user, ("MFAOptions", "PreferredMfaSetting", "UserMFASettingList")))
    return out
