"""Fixtures for the identity pool unit tests: a real store in a temporary directory, a clock
the test moves by hand (starting at the real time, as SigV4 signers stamp requests with it),
and an identity pool whose unauthenticated identity has credentials."""

import time

import pytest

from cfn_cognito.config import Settings
from cfn_cognito.context import Context
from cfn_cognito.identity import operations
from cfn_cognito.store import open_store

AUTH_ROLE = "arn:aws:iam::000000000000:role/identity-auth"
UNAUTH_ROLE = "arn:aws:iam::000000000000:role/identity-unauth"


class FakeClock:
    def __init__(self, start: float):
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def clock():
    return FakeClock(time.time())


@pytest.fixture
def ctx(tmp_path, clock):
    store = open_store(tmp_path)
    yield Context(settings=Settings(), store=store, clock=clock)
    store.close()


@pytest.fixture
def identity_pool(ctx) -> dict:
    """An identity pool allowing unauthenticated identities, with both roles set."""
    pool = operations.create_identity_pool(ctx, {"IdentityPoolName": "unit",
                                                 "AllowUnauthenticatedIdentities": True})
    operations.set_identity_pool_roles(ctx, {"IdentityPoolId": pool["IdentityPoolId"], "Roles": {
        "authenticated": AUTH_ROLE, "unauthenticated": UNAUTH_ROLE}})
    return pool


@pytest.fixture
def issued(ctx, identity_pool) -> dict:
    """GetCredentialsForIdentity's answer for a new unauthenticated identity."""
    identity_id = operations.get_id(ctx, {"IdentityPoolId": identity_pool["IdentityPoolId"]})
    return operations.get_credentials_for_identity(ctx, identity_id)
