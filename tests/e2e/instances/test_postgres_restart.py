"""PostgreSQL restarted under a running service (an upgrade, a crash, a container restart):
the pooled connections it ended are replaced, and no request a client makes afterwards fails."""

from concurrent.futures import ThreadPoolExecutor

import boto3
import pytest
from botocore.config import Config

from cfn_cognito import testing_postgres
from cfn_cognito.testing import LocalCognito

PARALLEL = 12


@pytest.fixture
def cluster():
    if not testing_postgres.available():
        pytest.skip("PostgreSQL is not installed (apt-get install postgresql)")
    own = testing_postgres.PostgresCluster().start()   # its own: a restart ends every client's
    yield own
    own.stop()


def test_every_call_after_a_restart_succeeds_at_the_first_attempt(cluster):
    with LocalCognito(database_url=cluster.create_database()) as service:
        # No retry in the client: amazon-cognito-identity-js and browsers make one attempt.
        idp = boto3.client("cognito-idp", endpoint_url=service.url, region_name="us-east-1",
                           config=Config(retries={"total_max_attempts": 1},
                                         max_pool_connections=PARALLEL))
        pool = idp.create_user_pool(PoolName="through-a-restart")["UserPool"]["Id"]

        def create(name):
            return idp.admin_create_user(UserPoolId=pool, Username=name)["User"]["Username"]

        def read(name):
            return idp.admin_get_user(UserPoolId=pool, Username=name)["Username"]

        names = [f"before-{i}" for i in range(PARALLEL)]
        with ThreadPoolExecutor(PARALLEL) as parallel:
            # Parallel calls leave the service holding several pooled connections.
            assert list(parallel.map(create, names)) == names
            cluster.restart()
            assert list(parallel.map(read, names * 2)) == names * 2
            later = [f"after-{i}" for i in range(PARALLEL)]
            assert list(parallel.map(create, later)) == later
        listed = idp.list_users(UserPoolId=pool, Limit=60)["Users"]
        assert sorted(u["Username"] for u in listed) == sorted(names + later)
