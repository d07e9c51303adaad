"""Helpers for the trigger end-to-end tests: real Python and Node functions registered on the
session's server (through `POST /_cfn_cognito/functions`, as `cfn-cognito function register`
does), each writing every event it receives to a directory the test reads back."""

import base64
import io
import json
import textwrap
import uuid
import zipfile
from pathlib import Path

import pytest
import requests

from user_helpers import PASSWORD, attrs, inbox, last_code, make_client  # noqa: F401

PY_RECORD = '''
import json, os, time

def record(event):
    name = f"{time.time_ns()}-{event['triggerSource']}.json"
    with open(os.path.join(os.environ["EVENTS"], name), "w") as f:
        json.dump(event, f)
'''

NODE_RECORD = '''
const fs = require("fs");
const path = require("path");
exports.record = (event) => {
  const ns = BigInt(Date.now()) * 1000000n + process.hrtime.bigint() % 1000000n;
  fs.writeFileSync(path.join(process.env.EVENTS, `${ns}-${event.triggerSource}.json`),
                   JSON.stringify(event));
};
'''


class Functions:
    """Functions registered for one test; their events land in `events_dir`."""

    def __init__(self, url: str, events_dir: Path):
        self.url = url
        self.events_dir = events_dir
        self.names: list[str] = []

    def python(self, source: str, *, timeout: int = 3, handler: str = "index.handler") -> str:
        """Register `source` as index.py (with `from record import record` available);
        returns the function's ARN."""
        return self._register("python3.12", handler, timeout,
                              {"index.py": textwrap.dedent(source), "record.py": PY_RECORD})

    def node(self, source: str, *, timeout: int = 3, handler: str = "index.handler") -> str:
        """Register `source` as index.js (with `require("./record").record`)."""
        return self._register("nodejs20.x", handler, timeout,
                              {"index.js": textwrap.dedent(source), "record.js": NODE_RECORD})

    def _register(self, runtime: str, handler: str, timeout: int, files: dict) -> str:
        name = f"trigger-{uuid.uuid4().hex[:10]}"
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            for path, text in files.items():
                archive.writestr(path, text)
        code = base64.b64encode(buffer.getvalue()).decode()
        body = {"FunctionName": name, "Runtime": runtime, "Handler": handler,
                "Timeout": timeout, "Code": {"ZipFile": code},
                "Environment": {"Variables": {"EVENTS": str(self.events_dir)}}}
        r = requests.post(self.url + "/_cfn_cognito/functions", json=body, timeout=30)
        assert r.status_code == 201, r.text
        self.names.append(name)
        return r.json()["FunctionArn"]

    def events(self, source: str | None = None) -> list[dict]:
        """The events received so far, oldest first (only those of `source` if given)."""
        found = []
        for path in sorted(self.events_dir.glob("*.json")):
            event = json.loads(path.read_text())
            if source is None or event["triggerSource"] == source:
                found.append(event)
        return found

    def event(self, source: str) -> dict:
        """The one event of `source` received."""
        found = self.events(source)
        assert len(found) == 1, [e["triggerSource"] for e in self.events()]
        return found[0]

    def delete_all(self) -> None:
        for name in self.names:
            requests.delete(f"{self.url}/_cfn_cognito/functions/{name}", timeout=30)


@pytest.fixture
def functions(cognito_url, tmp_path):
    events = tmp_path / "events"
    events.mkdir()
    made = Functions(cognito_url, events)
    yield made
    made.delete_all()


@pytest.fixture
def trigger_pool(idp):
    """Create pools with LambdaConfig (and any other settings); deleted after the test."""
    made = []

    def create(lambda_config: dict, **settings):
        pool = idp.create_user_pool(PoolName="triggers", LambdaConfig=lambda_config,
                                    **settings)["UserPool"]
        made.append(pool["Id"])
        return pool

    yield create
    for pool_id in made:
        try:
            idp.delete_user_pool(UserPoolId=pool_id)
        except idp.exceptions.ClientError:
            pass


ALL_FLOWS = ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH",
             "ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_CUSTOM_AUTH"]


def app_client(idp, pool, **settings) -> dict:
    """An app client allowing every sign-in flow (unless `settings` say otherwise)."""
    return make_client(idp, pool, **{"ExplicitAuthFlows": ALL_FLOWS, **settings})


def confirmed_user(idp, pool, username="alice", password=PASSWORD, **values) -> None:
    """A CONFIRMED user with a permanent password, made by the admin calls (no trigger of
    sign-up or confirmation runs)."""
    idp.admin_create_user(UserPoolId=pool["Id"], Username=username, MessageAction="SUPPRESS",
                          UserAttributes=attrs(**values))
    idp.admin_set_user_password(UserPoolId=pool["Id"], Username=username, Password=password,
                                Permanent=True)


def password_sign_in(idp, client, username="alice", password=PASSWORD, **kwargs) -> dict:
    return idp.initiate_auth(ClientId=client["ClientId"], AuthFlow="USER_PASSWORD_AUTH",
                             AuthParameters={"USERNAME": username, "PASSWORD": password},
                             **kwargs)


def error_of(call, *args, **kwargs) -> tuple[str, str]:
    """(code, message) of the AWS error a boto3 call raises."""
    try:
        call(*args, **kwargs)
    except Exception as err:  # botocore ClientError
        return err.response["Error"]["Code"], err.response["Error"]["Message"]
    raise AssertionError("the call succeeded")


def claims(token: str) -> dict:
    payload = token.split(".")[1]
    return json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
