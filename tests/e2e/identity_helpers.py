"""Helpers for the identity pool end-to-end tests: the cognito-identity client, identity pools
cleaned up after each test, a user signed in to a local user pool, and the running server's
own store (to verify SigV4 in process, as API Gateway will, and to sign test tokens)."""

import base64
import contextlib
import json
import time
from dataclasses import dataclass

import boto3
import pytest

from cfn_cognito.config import Settings
from cfn_cognito.context import Context
from cfn_cognito.store import open_store
from user_helpers import PASSWORD, error_of  # noqa: F401

ROLE = "arn:aws:iam::000000000000:role/"
AUTH_ROLE = ROLE + "identity-auth"
UNAUTH_ROLE = ROLE + "identity-unauth"


@pytest.fixture(scope="session")
def identity(cognito_url):
    """A boto3 cognito-identity client pointed at the local service."""
    return boto3.client("cognito-identity", endpoint_url=cognito_url, region_name="us-east-1")


@pytest.fixture
def make_identity_pool(identity):
    """Create identity pools (any CreateIdentityPool settings, roles optional); deleted after
    the test."""
    made = []

    def create(roles: dict | None = None, role_mappings: dict | None = None, **settings):
        settings.setdefault("IdentityPoolName", "identity_test")
        settings.setdefault("AllowUnauthenticatedIdentities", False)
        pool = identity.create_identity_pool(**settings)
        made.append(pool["IdentityPoolId"])
        if roles is not None:
            extra = {"RoleMappings": role_mappings} if role_mappings else {}
            identity.set_identity_pool_roles(IdentityPoolId=pool["IdentityPoolId"], Roles=roles,
                                             **extra)
        return pool

    yield create
    for pool_id in made:
        try:
            identity.delete_identity_pool(IdentityPoolId=pool_id)
        except identity.exceptions.ClientError:
            pass


@dataclass
class SignedIn:
    """A user of a local user pool, signed in through an app client."""

    pool: dict
    client: dict
    username: str
    tokens: dict

    @property
    def provider(self) -> str:
        """The provider name as apps write it on AWS."""
        return f"cognito-idp.us-east-1.amazonaws.com/{self.pool['Id']}"

    @property
    def id_token(self) -> str:
        return self.tokens["IdToken"]

    @property
    def logins(self) -> dict:
        return {self.provider: self.id_token}

    def cognito_provider(self, server_side_check: bool = False) -> dict:
        """This pool and client as an identity pool's CognitoIdentityProviders entry."""
        return {"ProviderName": self.provider, "ClientId": self.client["ClientId"],
                "ServerSideTokenCheck": server_side_check}


@pytest.fixture
def sign_in(idp):
    """sign_in(username, groups=(), pool=None) -> SignedIn: a user created by the admin calls
    in a new (or the given) pool, signed in with USER_PASSWORD_AUTH."""
    made = []

    def sign_in_as(username="jane", groups=(), pool=None, client=None) -> SignedIn:
        if pool is None:
            pool = idp.create_user_pool(PoolName="identity-users")["UserPool"]
            made.append(pool["Id"])
        if client is None:
            client = idp.create_user_pool_client(
                UserPoolId=pool["Id"], ClientName="app",
                ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
            )["UserPoolClient"]
        idp.admin_create_user(UserPoolId=pool["Id"], Username=username, MessageAction="SUPPRESS")
        idp.admin_set_user_password(UserPoolId=pool["Id"], Username=username, Password=PASSWORD,
                                    Permanent=True)
        for group in groups:
            try:
                idp.create_group(UserPoolId=pool["Id"], GroupName=group)
            except idp.exceptions.GroupExistsException:
                pass
            idp.admin_add_user_to_group(UserPoolId=pool["Id"], Username=username, GroupName=group)
        tokens = idp.initiate_auth(ClientId=client["ClientId"], AuthFlow="USER_PASSWORD_AUTH",
                                   AuthParameters={"USERNAME": username, "PASSWORD": PASSWORD},
                                   )["AuthenticationResult"]
        return SignedIn(pool, client, username, tokens)

    yield sign_in_as
    for pool_id in made:
        try:
            idp.delete_user_pool(UserPoolId=pool_id)
        except idp.exceptions.ClientError:
            pass


@contextlib.contextmanager
def server_context(server, seconds_ahead: float = 0.0):
    """A service Context on the running server's own data (same settings as the server's),
    its clock `seconds_ahead` of the real one."""
    store = open_store(server.data_dir, server.database_url or "")
    try:
        yield Context(settings=Settings(port=server.port), store=store,
                      clock=lambda: time.time() + seconds_ahead)
    finally:
        store.close()


def claims(token: str) -> dict:
    payload = token.split(".")[1]
    return json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
