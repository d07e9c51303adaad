"""Fixtures for the user-lifecycle unit tests: a real store in a temporary directory and a
clock the test moves by hand (so code lifetimes can be tested without waiting)."""

import pytest

from cfn_cognito.config import Settings
from cfn_cognito.context import Context
from cfn_cognito.idp.appclients import clients
from cfn_cognito.idp.userpools import pools
from cfn_cognito.store import open_store


class FakeClock:
    def __init__(self, start: float = 1_700_000_000.0):
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def clock():
    return FakeClock()


@pytest.fixture
def ctx(tmp_path, clock):
    store = open_store(tmp_path)
    yield Context(settings=Settings(), store=store, clock=clock)
    store.close()


def make_pool(ctx, **settings) -> dict:
    return pools.create_user_pool(ctx, {"PoolName": "unit", **settings})["UserPool"]


def make_client(ctx, pool, **settings) -> dict:
    return clients.create_user_pool_client(
        ctx, {"UserPoolId": pool["Id"], "ClientName": "app", **settings})["UserPoolClient"]


def last_code(ctx, pool, kind=None) -> str:
    return ctx.store.messages.list(pool["Id"], kind=kind)[-1]["code"]
