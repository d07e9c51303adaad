"""What the HTTPS tests share: a service started with `--https` and the trust settings a user
gets from `cfn-cognito ca env`, applied to one client at a time."""

import os
import subprocess
import sys

import pytest

from cfn_cognito.testing import LocalCognito

# Every variable through which a client could have been told to trust something: each test
# starts from none of them, so that what it sets is the only trust there is.
TRUST_VARIABLES = ("NODE_EXTRA_CA_CERTS", "AWS_CA_BUNDLE", "REQUESTS_CA_BUNDLE", "SSL_CERT_FILE",
                   "SSL_CERT_DIR", "CURL_CA_BUNDLE", "NODE_OPTIONS", "NODE_TLS_REJECT_UNAUTHORIZED")


@pytest.fixture(scope="module")
def https_server():
    """`cfn-cognito serve --https` on two free ports (http and https), fresh data dir."""
    server = LocalCognito(https=True).start()
    try:
        yield server
    finally:
        server.close()


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "cfn_cognito", *args], capture_output=True,
                          text=True, timeout=60)


def ca_env(data_dir: str) -> dict:
    """The variables `cfn-cognito ca env` tells a shell to export."""
    out = cli("ca", "env", "--data-dir", data_dir)
    assert out.returncode == 0, out.stderr
    found = {}
    for line in out.stdout.splitlines():
        assert line.startswith("export "), line
        name, _, value = line[len("export "):].partition("=")
        found[name] = value
    return found


def environ(**trust) -> dict:
    """This process's environment without any trust setting, plus `trust`."""
    clean = {k: v for k, v in os.environ.items() if k not in TRUST_VARIABLES}
    return {**clean, **trust}
