"""The store decides uniqueness and keeps revocations and caches that cross processes: what
the services rely on when two requests race, and what a restart must not lose."""

import pytest

from cfn_cognito.store import open_store
from cfn_cognito.store.tokens import RefreshRecord
from cfn_cognito.store.users import AliasTaken, UserExists, UserRecord


@pytest.fixture
def store(tmp_path):
    s = open_store(tmp_path)
    yield s
    s.close()


def _user(username, sub, pool_id="us-east-1_AAAAAAAAA"):
    return UserRecord(pool_id, username, username.lower(), sub, "CONFIRMED", True, 1.0, 1.0,
                      {"Attributes": [{"Name": "sub", "Value": sub}], "PasswordHash": "x"})


def test_a_username_key_belongs_to_one_user_per_pool(store):
    with store.write():
        store.users.insert(_user("Alice", "s1"), [])
    with pytest.raises(UserExists):
        with store.write():
            store.users.insert(_user("ALICE", "s2"), [])
    # Another pool may have its own alice.
    with store.write():
        store.users.insert(_user("alice", "s3", pool_id="us-east-1_BBBBBBBBB"), [])
    assert store.users.get("us-east-1_AAAAAAAAA", "alice").sub == "s1"


def test_an_alias_belongs_to_one_user_and_says_who_holds_it(store):
    pool = "us-east-1_AAAAAAAAA"
    store.users.add_alias(pool, "email", "a@example.com", "s1")
    with pytest.raises(AliasTaken) as taken:
        store.users.add_alias(pool, "email", "a@example.com", "s2")
    assert taken.value.owner_sub == "s1"
    assert store.users.find_alias(pool, ["phone_number", "email"], "a@example.com") == "s1"


def test_a_listed_user_has_no_password_material_and_cannot_be_written(store):
    with store.write():
        store.users.insert(_user("bob", "s1"), [])
    listed, _ = store.users.page("us-east-1_AAAAAAAAA", "", 10)
    assert listed[0].partial and "PasswordHash" not in listed[0].doc
    with pytest.raises(ValueError):
        store.users.save(listed[0], [])


def test_revocations_and_sign_out_cut_offs_survive_a_restart(tmp_path):
    pool = "us-east-1_AAAAAAAAA"
    store = open_store(tmp_path)
    store.tokens.add_refresh(RefreshRecord("h1", pool, "c", "s1", "u", "origin-1", "e", 100,
                                           100.0, 9e9))
    store.tokens.revoke_origin(pool, "origin-1", 150.0)
    store.tokens.revoke_user(pool, "s2", 200.0)
    store.close()

    again = open_store(tmp_path)
    try:
        assert again.tokens.refresh("h1").revoked
        assert again.tokens.is_revoked(pool, "s1", "origin-1", 120)
        assert again.tokens.is_revoked(pool, "s2", "other", 199)      # issued before sign-out
        assert not again.tokens.is_revoked(pool, "s2", "other", 200)  # the same second after
        assert not again.tokens.is_revoked(pool, "s3", "other", 100)
    finally:
        again.close()


def test_reset_empties_every_table_and_keeps_the_schema(store):
    with store.write():
        store.users.insert(_user("carol", "s1"), [])
    store.reset()
    assert store.users.count("us-east-1_AAAAAAAAA") == 0
    with store.write():
        store.users.insert(_user("carol", "s1"), [])


def test_an_authorizer_result_kept_by_one_process_is_read_by_another(tmp_path):
    # Worker processes each open the store: a result one keeps, the other answers from.
    one, other = open_store(tmp_path), open_store(tmp_path)
    try:
        one.gateway.keep_authorizer_result("k", {"principalId": "u"}, expires=110.0, now=100.0)
        assert other.gateway.authorizer_result("k", now=105.0) == {"principalId": "u"}
        assert other.gateway.authorizer_result("k", now=110.0) is None       # expired
        other.gateway.keep_authorizer_result("j", {}, expires=200.0, now=150.0)
        assert one.gateway.authorizer_result("k", now=100.0) is None         # swept
    finally:
        one.close()
        other.close()
