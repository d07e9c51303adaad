"""Simultaneous requests: one username is created once, and no update is lost."""

from concurrent.futures import ThreadPoolExecutor

import boto3
import botocore.config

from user_helpers import PASSWORD, attr_map, make_client, make_pool  # noqa: F401

THREADS = 12


def _client(url):
    return boto3.client("cognito-idp", endpoint_url=url, region_name="us-east-1",
                        config=botocore.config.Config(max_pool_connections=THREADS,
                                                      retries={"max_attempts": 0}))


def _race(calls):
    def attempt(call):
        try:
            call()
            return "ok"
        except Exception as err:
            return err.response["Error"]["Code"]

    with ThreadPoolExecutor(THREADS) as pool:
        return list(pool.map(attempt, calls))


def test_simultaneous_sign_ups_of_one_username_create_one_user(idp, cognito_url, pool, make_pool):
    client = make_client(idp, pool)
    fast = _client(cognito_url)
    results = _race([lambda: fast.sign_up(ClientId=client["ClientId"], Username="zoe",
                                          Password=PASSWORD)] * THREADS)
    assert results.count("ok") == 1
    assert set(results) == {"ok", "UsernameExistsException"}
    assert len(idp.list_users(UserPoolId=pool["Id"])["Users"]) == 1

    by_email = make_pool(UsernameAttributes=["email"])
    client = make_client(idp, by_email)
    results = _race([lambda: fast.sign_up(ClientId=client["ClientId"],
                                          Username="zoe@example.com", Password=PASSWORD)] * THREADS)
    assert results.count("ok") == 1
    assert len(idp.list_users(UserPoolId=by_email["Id"])["Users"]) == 1


def test_simultaneous_attribute_updates_are_all_kept(idp, cognito_url, pool):
    idp.admin_create_user(UserPoolId=pool["Id"], Username="amy", MessageAction="SUPPRESS")
    fast = _client(cognito_url)
    names = ["name", "given_name", "family_name", "middle_name", "nickname", "locale",
             "zoneinfo", "website", "profile", "picture", "gender", "address"]
    results = _race([
        (lambda n=n: fast.admin_update_user_attributes(
            UserPoolId=pool["Id"], Username="amy", UserAttributes=[{"Name": n, "Value": n}]))
        for n in names])
    assert results == ["ok"] * len(names)
    values = attr_map(idp.admin_get_user(UserPoolId=pool["Id"], Username="amy"))
    assert {n: values.get(n) for n in names} == {n: n for n in names}
