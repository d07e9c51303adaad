"""The user model: lookup by username / alias / sub, creation races, aliases, passwords."""

import pytest

from cfn_cognito.idp.accounts import attributes
from cfn_cognito.idp.accounts import passwords
from cfn_cognito.idp.auth import srp_math
from cfn_cognito.idp.accounts import users
from cfn_cognito.idp.errors import AliasExistsException, UsernameExistsException
from users_fixtures import clock, ctx, make_pool  # noqa: F401


def _create(ctx, pool, username, **values):
    user = users.new_user(ctx, pool, username, users.CONFIRMED, values)
    users.insert(ctx, pool, user, exists_message="User already exists")
    return user


def test_find_user_by_username_alias_or_sub(ctx):
    pool = make_pool(ctx, AliasAttributes=["email", "preferred_username"],
                     UsernameConfiguration={"CaseSensitive": False})
    user = _create(ctx, pool, "Alice", email="Alice@Example.com", email_verified="true",
                   preferred_username="ally")
    for name in ("Alice", "alice", "ALICE@example.COM", "Ally", user.sub, user.sub.upper()):
        assert users.find_user(ctx, pool, name).sub == user.sub, name
    assert users.find_user(ctx, pool, "nobody") is None


def test_an_unverified_email_is_no_alias(ctx):
    pool = make_pool(ctx, AliasAttributes=["email"])
    _create(ctx, pool, "bob", email="bob@example.com")
    assert users.find_user(ctx, pool, "bob@example.com") is None


def test_the_store_refuses_a_second_user_with_one_username(ctx):
    """What decides a race between two sign-ups: the unique key, not an earlier check."""
    pool = make_pool(ctx)
    _create(ctx, pool, "carl")
    with pytest.raises(UsernameExistsException):
        _create(ctx, pool, "carl")
    assert ctx.store.users.count(pool["Id"]) == 1


def test_forced_alias_moves_and_unverifies_the_old_owner(ctx):
    pool = make_pool(ctx, AliasAttributes=["email"])
    first = _create(ctx, pool, "dana", email="d@example.com", email_verified="true")
    second = users.new_user(ctx, pool, "dora", users.CONFIRMED,
                            {"email": "d@example.com", "email_verified": "true"})
    with pytest.raises(AliasExistsException):
        users.insert(ctx, pool, second, exists_message="x")
    users.insert(ctx, pool, second, exists_message="x", force_alias=True)
    assert users.find_user(ctx, pool, "d@example.com").sub == second.sub
    assert attributes.get(users.get_user(ctx, pool, "dana"), "email_verified") == "false"
    assert first.sub != second.sub


def test_deleting_a_user_frees_its_aliases(ctx):
    pool = make_pool(ctx, UsernameAttributes=["email"])
    user = users.new_user(ctx, pool, users.new_sub(ctx.rng), users.CONFIRMED,
                          {"email": "e@example.com"})
    users.insert(ctx, pool, user, exists_message="x")
    assert user.username == user.sub
    users.delete(ctx, pool, user)
    assert users.find_user(ctx, pool, "e@example.com") is None
    _create(ctx, pool, users.new_sub(ctx.rng), email="e@example.com")


def test_set_password_keeps_a_hash_and_an_srp_verifier(ctx):
    pool = make_pool(ctx)
    user = _create(ctx, pool, "finn")
    users.set_password(ctx, pool, user, "Passw0rd!", permanent=True)
    users.save(ctx, pool, user)
    stored = users.get_user(ctx, pool, "finn")
    assert passwords.verify(stored, "Passw0rd!") and not passwords.verify(stored, "passw0rd!")
    x = srp_math.private_x(pool["Id"], "finn", "Passw0rd!", stored.doc["SrpSalt"])
    assert format(int(srp_math.powmod(srp_math.G, x)), "x") == stored.doc["SrpVerifier"]


def test_temporary_password_starts_force_change_password(ctx, clock):
    pool = make_pool(ctx)
    user = _create(ctx, pool, "gwen")
    users.set_password(ctx, pool, user, "Temp0rary!", permanent=False)
    assert user.status == users.FORCE_CHANGE_PASSWORD
    assert user.doc["TemporaryPasswordExpires"] == clock() + 7 * 86400
    users.set_password(ctx, pool, user, "Passw0rd!", permanent=True)
    assert user.status == users.CONFIRMED and "TemporaryPasswordExpires" not in user.doc


def test_listed_users_cannot_be_saved(ctx):
    pool = make_pool(ctx)
    _create(ctx, pool, "hal")
    [listed], _ = ctx.store.users.page(pool["Id"], "", 10)
    assert listed.partial and "PasswordHash" not in listed.doc
    with pytest.raises(ValueError):
        users.save(ctx, pool, listed)
