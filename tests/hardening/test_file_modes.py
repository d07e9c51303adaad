"""Who on the machine can read what `cfn-cognito serve` keeps: only the user who runs it.
The data directory (signing keys, password hashes, refresh tokens, function code) is
created 0700 and every file in it 0600 (0700 for executables and folders), on a fresh data
directory and on one an older version left readable by everyone; that one is kept, with a
warning in the log."""

from __future__ import annotations

import base64
import io
import os
import stat
import zipfile

import boto3
import pytest
import requests

from cfn_cognito.testing import LocalCognito

HANDLER = "def handler(event, context):\n    return {'ok': True}\n"


def _zip() -> str:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("index.py", HANDLER)
    return base64.b64encode(buffer.getvalue()).decode()


def _use(server: LocalCognito) -> None:
    """What writes to the data directory: a pool (its keys), a user, a function run."""
    idp = boto3.client("cognito-idp", endpoint_url=server.url, region_name="us-east-1")
    pool = idp.create_user_pool(PoolName="modes")["UserPool"]
    idp.admin_create_user(UserPoolId=pool["Id"], Username="alice",
                          TemporaryPassword="Passw0rd!long")
    created = requests.post(server.url + "/2015-03-31/functions", timeout=30, json={
        "FunctionName": "modes", "Runtime": "python3.12", "Handler": "index.handler",
        "Role": "arn:aws:iam::000000000000:role/x", "Code": {"ZipFile": _zip()}})
    assert created.status_code == 201, created.text
    run = requests.post(server.url + "/2015-03-31/functions/modes/invocations", data=b"{}",
                        timeout=60)
    assert run.json() == {"ok": True}


def _readable_by_others(data_dir) -> list[str]:
    found = []
    for folder, dirs, files in os.walk(data_dir):
        for name in dirs + files:
            path = os.path.join(folder, name)
            if stat.S_IMODE(os.lstat(path).st_mode) & 0o077:
                found.append(f"{os.path.relpath(path, data_dir)} "
                             f"{oct(stat.S_IMODE(os.lstat(path).st_mode))}")
    return found


@pytest.fixture
def umask_022():
    previous = os.umask(0o022)      # the usual umask, under which files come out 0644
    yield
    os.umask(previous)


def _server(data_dir, log_path) -> LocalCognito:
    server = LocalCognito(data_dir=str(data_dir))
    server.log_path = str(log_path)         # the harness's log, outside the data directory
    return server


def test_a_fresh_data_dir_is_the_owners_alone(tmp_path, umask_022):
    data_dir = tmp_path / "project" / ".cfn-cognito"
    with _server(data_dir, tmp_path / "server.log") as server:
        _use(server)
        assert stat.S_IMODE(os.stat(data_dir).st_mode) == 0o700
        names = set(os.listdir(data_dir))
        assert {"cognito.db", "cognito.db-wal", "cognito.db-shm", "functions"} <= names
        assert _readable_by_others(data_dir) == []
        assert "readable by other users" not in server.log()


def test_an_existing_wide_data_dir_is_warned_about_and_its_files_tightened(tmp_path,
                                                                           umask_022):
    data_dir = tmp_path / ".cfn-cognito"
    log = tmp_path / "server.log"
    with _server(data_dir, log) as server:
        _use(server)
    # As an older version (or a copy, or a chmod -R) left it: everything readable by all.
    for folder, dirs, files in os.walk(data_dir):
        for name in dirs:
            os.chmod(os.path.join(folder, name), 0o755)
        for name in files:
            os.chmod(os.path.join(folder, name), 0o644)
    os.chmod(data_dir, 0o755)
    with _server(data_dir, log) as server:
        assert "readable by other users" in server.log() and "chmod 700" in server.log()
        _use_again = requests.post(server.url + "/2015-03-31/functions/modes/invocations",
                                   data=b"{}", timeout=60)
        assert _use_again.json() == {"ok": True}
        assert stat.S_IMODE(os.stat(data_dir).st_mode) == 0o755     # the user's to change
        assert [entry for entry in _readable_by_others(data_dir) if entry != ". 0o755"] == []
