"""A pytest plugin: a real local Cognito for a test session, in one line.

    def test_sign_up(cognito_url):
        idp = boto3.client("cognito-idp", endpoint_url=cognito_url, region_name="us-east-1",
                           aws_access_key_id="x", aws_secret_access_key="x")

`cognito_server` starts `cfn-cognito serve` in a subprocess on a free loopback port with a
fresh data directory, waits until it answers, and stops it (SIGTERM) at the end of the session.
`LocalCognito` does the same outside pytest.

With `CFN_COGNITO_TEST_DATABASE=postgresql` in the environment, every LocalCognito keeps its
state in a fresh database of a throwaway PostgreSQL cluster (cfn_cognito.testing_postgres)
instead of SQLite: the same tests then run against PostgreSQL.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import tempfile
import time
import urllib.request

import pytest

from cfn_cognito import testing_postgres

TEST_DATABASE = "CFN_COGNITO_TEST_DATABASE"

START_TIMEOUT = 30.0


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class LocalCognito:
    """A `cfn-cognito serve` process on a free port with its own data directory."""

    def __init__(self, *extra_args: str, env: dict | None = None, data_dir: str | None = None,
                 port: int | None = None, database_url: str | None = None,
                 https: bool = False):
        self.port = port or free_port()
        self._own_dir = data_dir is None
        self.data_dir = data_dir or tempfile.mkdtemp(prefix="cfn-cognito-test-")
        self.url = f"http://127.0.0.1:{self.port}"
        # With `https`, also `serve --https` on a second free port: `https_url` (localhost, a
        # name the certificate has), the CA that signs it in `ca_file`.
        self.https_port = free_port() if https else None
        self.https_url = f"https://localhost:{self.https_port}" if https else None
        self.ca_file = os.path.join(self.data_dir, "tls", "ca.pem")
        if https:
            extra_args = ("--https", "--https-port", str(self.https_port), *extra_args)
        self.extra_args = extra_args
        self.env = env
        self.process: subprocess.Popen | None = None
        self.log_path = os.path.join(self.data_dir, "server.log")
        # When the run asks for PostgreSQL and the caller named no database: the database of
        # this data directory (another LocalCognito on the same directory finds the same
        # state, as with SQLite), dropped with the directory when it is ours.
        self._own_database = None
        if database_url is None and wants_postgres() and "--database-url" not in extra_args \
                and "CFN_COGNITO_DATABASE_URL" not in (env or {}):
            database_url = testing_postgres.cluster().database_for(
                os.path.realpath(self.data_dir))
            self._own_database = database_url if self._own_dir else None
        self.database_url = database_url

    def start(self) -> "LocalCognito":
        cmd = [sys.executable, "-m", "cfn_cognito", "serve", "--port", str(self.port),
               "--data-dir", self.data_dir, *self.extra_args]
        if self.database_url:
            cmd += ["--database-url", self.database_url]
        env = {**os.environ, **(self.env or {})}
        self._log = open(self.log_path, "ab")
        self.process = subprocess.Popen(cmd, stdout=self._log, stderr=subprocess.STDOUT, env=env)
        self.wait_ready()
        return self

    def wait_ready(self, timeout: float = START_TIMEOUT) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process and self.process.poll() is not None:
                raise RuntimeError(f"cfn-cognito exited early:\n{self.log()}")
            try:
                if all(self._healthy(url) for url in (self.url, self.https_url) if url):
                    return
            except OSError:
                pass
            time.sleep(0.05)
        raise RuntimeError(f"cfn-cognito did not answer within {timeout}s:\n{self.log()}")

    def _healthy(self, base: str) -> bool:
        context = ssl.create_default_context(cafile=self.ca_file) if base.startswith("https") \
            else None
        with urllib.request.urlopen(base + "/_cfn_cognito/health", timeout=1,
                                    context=context) as r:
            return r.status == 200

    def log(self) -> str:
        try:
            with open(self.log_path, encoding="utf-8", errors="replace") as f:
                return f.read()
        except OSError:
            return ""

    def stop(self, sig: int = signal.SIGTERM) -> int | None:
        if self.process is None:
            return None
        if self.process.poll() is None:
            self.process.send_signal(sig)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self._log.close()
        code = self.process.returncode
        self.process = None
        return code

    def reset(self) -> None:
        req = urllib.request.Request(self.url + "/_cfn_cognito/reset", method="POST", data=b"")
        urllib.request.urlopen(req, timeout=10).close()

    def close(self) -> None:
        self.stop()
        if self._own_dir:
            shutil.rmtree(self.data_dir, ignore_errors=True)
        if self._own_database:
            testing_postgres.cluster().drop_database(self._own_database)
            self._own_database = None

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.close()


def wants_postgres() -> bool:
    """Whether this test run keeps every server's state in PostgreSQL."""
    return os.environ.get(TEST_DATABASE, "sqlite").lower() in ("postgresql", "postgres")


@pytest.fixture(scope="session")
def postgres_cluster():
    """A throwaway PostgreSQL cluster for the session (skips when PostgreSQL is missing)."""
    if not testing_postgres.available():
        pytest.skip("PostgreSQL is not installed (apt-get install postgresql)")
    return testing_postgres.cluster()


@pytest.fixture(scope="session")
def cognito_server():
    """A running LocalCognito for the whole test session."""
    server = LocalCognito().start()
    try:
        yield server
    finally:
        server.close()


@pytest.fixture(scope="session")
def cognito_url(cognito_server) -> str:
    """The endpoint URL of the session's local Cognito (for `endpoint_url=`)."""
    return cognito_server.url
