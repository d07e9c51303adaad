"""No password is ever written down in clear: not in the database, its WAL, or the log."""

import os
from pathlib import Path

import boto3

import pytest

from cfn_cognito.testing import LocalCognito, wants_postgres
from user_helpers import attrs, inbox, make_client

# Distinctive, so a hit can only be the password itself.
SIGN_UP = "Zq8!signup-Secret"
ADMIN_SET = "Zq8!adminset-Secret"
TEMPORARY = "Zq8!temporary-Secret"
RESET = "Zq8!reset-Secret"


def _files(root: str) -> list[Path]:
    return [p for p in Path(root).rglob("*") if p.is_file()]


@pytest.mark.skipif(wants_postgres(), reason="reads SQLite's files in the data directory")
def test_passwords_never_reach_the_data_dir_in_clear():
    with LocalCognito() as server:
        idp = boto3.client("cognito-idp", endpoint_url=server.url, region_name="us-east-1")
        pool = idp.create_user_pool(PoolName="secrets", AutoVerifiedAttributes=["email"])["UserPool"]
        client = make_client(idp, pool)
        idp.sign_up(ClientId=client["ClientId"], Username="sid", Password=SIGN_UP,
                    UserAttributes=attrs(email="sid@example.com"))
        idp.confirm_sign_up(ClientId=client["ClientId"], Username="sid",
                            ConfirmationCode=inbox(server.url, pool, "sid")[-1]["code"])
        idp.admin_create_user(UserPoolId=pool["Id"], Username="tia", TemporaryPassword=TEMPORARY,
                              MessageAction="SUPPRESS")
        idp.admin_set_user_password(UserPoolId=pool["Id"], Username="tia", Password=ADMIN_SET,
                                    Permanent=True)
        idp.forgot_password(ClientId=client["ClientId"], Username="sid")
        idp.confirm_forgot_password(ClientId=client["ClientId"], Username="sid",
                                    ConfirmationCode=inbox(server.url, pool, "sid")[-1]["code"],
                                    Password=RESET)
        files = _files(server.data_dir)
        assert any(p.name.endswith("-wal") for p in files)
        everything = b"".join(p.read_bytes() for p in files)
        assert b"pbkdf2_sha256$" in everything  # the hashes are there...
        for password in (SIGN_UP, ADMIN_SET, TEMPORARY, RESET):
            assert password.encode() not in everything  # ...the passwords are not
            assert password.encode("utf-16-le") not in everything
        assert os.path.getsize(server.log_path) > 0
