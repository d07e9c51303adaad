"""Many clients at once on one server: a username is taken once, an alias held by one user,
a code used once; concurrent group membership and attribute changes lose nothing."""

from __future__ import annotations

import uuid
from concurrent.futures import ThreadPoolExecutor

import boto3
import botocore.config
import botocore.exceptions
import pytest
import requests

THREADS = 16
PASSWORD = "Race-Passw0rd!"


@pytest.fixture(scope="module")
def fast(hard_url):
    """A client for hammering: a connection per thread, no retries (a retry hides a race)."""
    return boto3.client("cognito-idp", endpoint_url=hard_url, region_name="us-east-1",
                        config=botocore.config.Config(max_pool_connections=THREADS,
                                                      retries={"max_attempts": 0}))


@pytest.fixture
def pool(fast):
    pool = fast.create_user_pool(PoolName=f"race-{uuid.uuid4().hex[:6]}", AliasAttributes=["email"],
                                 AutoVerifiedAttributes=["email"])["UserPool"]
    client = fast.create_user_pool_client(
        UserPoolId=pool["Id"], ClientName="app",
        ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"])
    return pool["Id"], client["UserPoolClient"]["ClientId"]


def race(calls) -> list:
    """Run the calls at once; each result is "ok" or the AWS error code (5xx fail the test)."""
    def attempt(call):
        try:
            call()
            return "ok"
        except botocore.exceptions.ClientError as err:
            status = err.response["ResponseMetadata"]["HTTPStatusCode"]
            assert status < 500, err.response
            return err.response["Error"]["Code"]

    with ThreadPoolExecutor(THREADS) as executor:
        return list(executor.map(attempt, calls))


def _user(fast, pool_id, username, **attributes):
    fast.admin_create_user(UserPoolId=pool_id, Username=username, MessageAction="SUPPRESS",
                           UserAttributes=[{"Name": k, "Value": v} for k, v in attributes.items()])
    fast.admin_set_user_password(UserPoolId=pool_id, Username=username, Password=PASSWORD,
                                 Permanent=True)


def test_one_username_signed_up_by_many_clients_is_created_once(fast, pool, tally):
    pool_id, client_id = pool
    results = race([lambda: fast.sign_up(ClientId=client_id, Username="zoe",
                                         Password=PASSWORD)] * THREADS)
    assert results.count("ok") == 1 and set(results) == {"ok", "UsernameExistsException"}
    assert [u["Username"] for u in fast.list_users(UserPoolId=pool_id)["Users"]] == ["zoe"]
    tally["races"]["simultaneous requests"] += THREADS


def test_one_email_alias_claimed_by_many_users_at_once_is_held_by_one(fast, pool):
    pool_id, client_id = pool
    names = [f"claimant{i}" for i in range(8)]
    for name in names:
        _user(fast, pool_id, name)
    # Each claims the same address as a verified email (an alias: unique in the pool).
    results = race([(lambda n=n: fast.admin_update_user_attributes(
        UserPoolId=pool_id, Username=n, UserAttributes=[
            {"Name": "email", "Value": "shared@example.com"},
            {"Name": "email_verified", "Value": "true"}])) for n in names])
    assert set(results) <= {"ok", "AliasExistsException"}, results
    holders = fast.list_users(UserPoolId=pool_id, Filter='email = "shared@example.com"')["Users"]
    verified = [u for u in holders
                if {"Name": "email_verified", "Value": "true"} in u["Attributes"]]
    assert len(verified) == 1, verified
    # The alias signs in exactly that user.
    token = fast.initiate_auth(ClientId=client_id, AuthFlow="USER_PASSWORD_AUTH", AuthParameters={
        "USERNAME": "shared@example.com", "PASSWORD": PASSWORD})["AuthenticationResult"]
    assert fast.get_user(AccessToken=token["AccessToken"])["Username"] == verified[0]["Username"]


def test_concurrent_memberships_are_all_kept(fast, pool, tally):
    pool_id, _ = pool
    users = [f"member{i}" for i in range(THREADS)]
    groups = [f"group{i}" for i in range(THREADS)]
    race([(lambda u=u: _user(fast, pool_id, u)) for u in users])
    race([(lambda g=g: fast.create_group(UserPoolId=pool_id, GroupName=g)) for g in groups])
    # Everyone into group0, and member0 into every group, all at once (and some removed).
    adds = [(lambda u=u: fast.admin_add_user_to_group(UserPoolId=pool_id, Username=u,
                                                      GroupName="group0")) for u in users]
    adds += [(lambda g=g: fast.admin_add_user_to_group(UserPoolId=pool_id, Username="member0",
                                                       GroupName=g)) for g in groups[1:]]
    assert set(race(adds)) == {"ok"}
    removes = [(lambda u=u: fast.admin_remove_user_from_group(
        UserPoolId=pool_id, Username=u, GroupName="group0")) for u in users[1::2]]
    removes += [(lambda g=g: fast.admin_add_user_to_group(
        UserPoolId=pool_id, Username="member1", GroupName=g)) for g in groups[1:]]
    assert set(race(removes)) == {"ok"}
    in_group0 = {u["Username"] for u in fast.list_users_in_group(
        UserPoolId=pool_id, GroupName="group0", Limit=60)["Users"]}
    assert in_group0 == set(users[0::2])
    for user in ("member0", "member1"):
        listed = {g["GroupName"] for g in fast.admin_list_groups_for_user(
            UserPoolId=pool_id, Username=user, Limit=60)["Groups"]}
        assert set(groups[1:]) <= listed, (user, listed)
    tally["races"]["simultaneous requests"] += len(adds) + len(removes)


def test_concurrent_attribute_changes_by_the_user_and_the_admin_are_all_kept(fast, pool, tally):
    pool_id, client_id = pool
    _user(fast, pool_id, "amy")
    token = fast.initiate_auth(ClientId=client_id, AuthFlow="USER_PASSWORD_AUTH", AuthParameters={
        "USERNAME": "amy", "PASSWORD": PASSWORD})["AuthenticationResult"]["AccessToken"]
    names = ["name", "given_name", "family_name", "middle_name", "nickname", "locale",
             "zoneinfo", "website", "profile", "picture", "gender", "address", "birthdate",
             "preferred_username"]
    values = {n: ("1990-01-01" if n == "birthdate" else f"{n}-value") for n in names}
    calls = []
    for i, n in enumerate(names):
        attribute = [{"Name": n, "Value": values[n]}]
        if i % 2:
            calls.append(lambda a=attribute: fast.update_user_attributes(AccessToken=token,
                                                                         UserAttributes=a))
        else:
            calls.append(lambda a=attribute: fast.admin_update_user_attributes(
                UserPoolId=pool_id, Username="amy", UserAttributes=a))
    assert race(calls) == ["ok"] * len(names)
    stored = {a["Name"]: a["Value"] for a in fast.admin_get_user(
        UserPoolId=pool_id, Username="amy")["UserAttributes"]}
    assert {n: stored.get(n) for n in names} == values
    tally["races"]["simultaneous requests"] += len(calls)


def test_one_reset_code_used_by_many_requests_at_once_works_once(fast, pool, hard_url, tally):
    pool_id, client_id = pool
    _user(fast, pool_id, "bob", email="bob@example.com", email_verified="true")
    fast.forgot_password(ClientId=client_id, Username="bob")
    code = requests.get(hard_url + "/_cfn_cognito/messages", params={"pool": pool_id},
                        timeout=10).json()["messages"][-1]["code"]
    passwords = [f"New-Passw0rd-{i}!" for i in range(8)]
    results = race([(lambda p=p: fast.confirm_forgot_password(
        ClientId=client_id, Username="bob", ConfirmationCode=code, Password=p))
        for p in passwords])
    assert results.count("ok") == 1, results
    assert set(results) <= {"ok", "ExpiredCodeException", "CodeMismatchException"}, results
    winner = passwords[results.index("ok")]
    assert fast.initiate_auth(ClientId=client_id, AuthFlow="USER_PASSWORD_AUTH", AuthParameters={
        "USERNAME": "bob", "PASSWORD": winner})["AuthenticationResult"]
    tally["races"]["simultaneous requests"] += len(passwords)
