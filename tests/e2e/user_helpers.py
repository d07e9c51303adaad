"""Helpers for the user-lifecycle end-to-end tests: pools with settings, app clients, the
dev inbox, and the error a call raises."""

import re

import pytest
import requests

PASSWORD = "Passw0rd!"
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


@pytest.fixture
def make_pool(idp):
    """Create pools with any CreateUserPool settings; they are deleted after the test."""
    made = []

    def create(**settings):
        pool = idp.create_user_pool(PoolName="users-test", **settings)["UserPool"]
        made.append(pool["Id"])
        return pool

    yield create
    for pool_id in made:
        try:
            idp.delete_user_pool(UserPoolId=pool_id)
        except idp.exceptions.ClientError:
            pass


def make_client(idp, pool, **settings) -> dict:
    return idp.create_user_pool_client(UserPoolId=pool["Id"], ClientName="app",
                                       **settings)["UserPoolClient"]


def inbox(url, pool=None, username=None, kind=None) -> list[dict]:
    params = {k: v for k, v in (("pool", pool["Id"] if pool else None), ("username", username),
                                ("kind", kind)) if v}
    r = requests.get(url + "/_cfn_cognito/messages", params=params, timeout=10)
    assert r.status_code == 200
    return r.json()["messages"]


def last_code(url, pool, username, kind=None) -> str:
    return inbox(url, pool, username, kind)[-1]["code"]


def error_of(call, **kwargs) -> tuple[str, str]:
    """(code, message) of the AWS error a boto3 call raises."""
    try:
        call(**kwargs)
    except Exception as err:  # botocore ClientError
        return err.response["Error"]["Code"], err.response["Error"]["Message"]
    raise AssertionError("the call succeeded")


def attrs(**values) -> list[dict]:
    return [{"Name": k.replace("__", ":"), "Value": v} for k, v in values.items()]


def attr_map(user: dict) -> dict:
    return {a["Name"]: a["Value"] for a in user.get("Attributes", user.get("UserAttributes", []))}


def sign_up_confirmed(idp, url, pool, client, username, password=PASSWORD, **values):
    """A user who signed up and confirmed with the code from the inbox."""
    idp.sign_up(ClientId=client["ClientId"], Username=username, Password=password,
                UserAttributes=attrs(**values))
    user = idp.admin_get_user(UserPoolId=pool["Id"], Username=username)
    idp.confirm_sign_up(ClientId=client["ClientId"], Username=username,
                        ConfirmationCode=last_code(url, pool, user["Username"]))
    return idp.admin_get_user(UserPoolId=pool["Id"], Username=username)


def password_works(idp, client, username, password) -> bool:
    """Whether USER_PASSWORD_AUTH accepts this password (the client must allow the flow)."""
    try:
        idp.initiate_auth(ClientId=client["ClientId"], AuthFlow="USER_PASSWORD_AUTH",
                          AuthParameters={"USERNAME": username, "PASSWORD": password})
    except idp.exceptions.NotAuthorizedException:
        return False
    return True
