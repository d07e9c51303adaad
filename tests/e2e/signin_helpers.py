"""What the sign-in tests share: the Node clients (amazon-cognito-identity-js, aws-jwt-verify)
and the usual client, user and password sign-in."""

import base64
import hashlib
import hmac
import json
import subprocess
from pathlib import Path

import pytest

import node_scripts
import prerequisites

NODE_DIR = Path(__file__).resolve().parents[1] / "node"
PASSWORD = "Corr3ct-Horse!"


@pytest.fixture(scope="session")
def node_clients():
    """The Node test scripts with their npm dependencies installed (npm ci from the lock)."""
    prerequisites.require("node", "npm", why="the JavaScript client tests")
    node_scripts.install()
    return NODE_DIR


def run_node(script: str, *args: str) -> dict:
    out = subprocess.run(["node", str(NODE_DIR / script), *args], capture_output=True,
                         text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout.strip().splitlines()[-1])


ALL_FLOWS = ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH",
             "ALLOW_ADMIN_USER_PASSWORD_AUTH"]


def make_client(idp, pool, **extra):
    return idp.create_user_pool_client(UserPoolId=pool["Id"], ClientName="app",
                                       ExplicitAuthFlows=ALL_FLOWS, **extra)["UserPoolClient"]


def make_user(idp, pool, username="alice", password=PASSWORD, **attrs):
    attributes = [{"Name": k, "Value": v} for k, v in attrs.items()]
    idp.admin_create_user(UserPoolId=pool["Id"], Username=username, MessageAction="SUPPRESS",
                          UserAttributes=attributes)
    idp.admin_set_user_password(UserPoolId=pool["Id"], Username=username, Password=password,
                                Permanent=True)


def secret_hash(client, username):
    digest = hmac.new(client["ClientSecret"].encode(),
                      (username + client["ClientId"]).encode(), hashlib.sha256).digest()
    return base64.b64encode(digest).decode()


def password_sign_in(idp, client, username="alice", password=PASSWORD):
    return idp.initiate_auth(ClientId=client["ClientId"], AuthFlow="USER_PASSWORD_AUTH",
                             AuthParameters={"USERNAME": username, "PASSWORD": password})


def error_of(call):
    with pytest.raises(Exception) as info:
        call()
    err = info.value.response["Error"]
    return err["Code"], err["Message"]
