"""Two instances of the service on one PostgreSQL database, as behind a load balancer: each
with its own data directory and port, both with the same --public-url (the balancer's)."""

import pytest

from cfn_cognito.testing import LocalCognito, free_port


class Pair:
    def __init__(self, database_url: str):
        self.database_url = database_url
        self.public_url = f"http://localhost:{free_port()}"
        self.a = self._instance()
        self.b = self._instance()

    def _instance(self) -> LocalCognito:
        return LocalCognito("--public-url", self.public_url, database_url=self.database_url)

    def start(self) -> "Pair":
        self.a.start()
        self.b.start()
        return self

    def close(self) -> None:
        self.a.close()
        self.b.close()


@pytest.fixture
def pair(postgres_cluster):
    url = postgres_cluster.create_database()
    started = Pair(url).start()
    yield started
    started.close()
    postgres_cluster.drop_database(url)
