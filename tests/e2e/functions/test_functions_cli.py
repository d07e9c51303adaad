"""`cfn-cognito function register|list|invoke|delete` against a running server."""

import json
import os
import shutil
import subprocess
import sys
import textwrap
import time
import uuid

import pytest

from cfn_cognito import lambdas
from cfn_cognito.config import Settings
from cfn_cognito.context import Context
from cfn_cognito.store import open_store
from cfn_cognito.testing import LocalCognito, free_port

HANDLER = """
import os

def handler(event, context):
    print("handled", event.get("marker"))
    return {"hello": event.get("name"), "stage": os.environ.get("STAGE"),
            "function": context.function_name}

def fail(event, context):
    raise PermissionError("not on my watch")
"""


def cli(*args: str, endpoint: str | None = None, env: dict | None = None):
    environ = {k: v for k, v in os.environ.items() if k != "CFN_COGNITO_ENDPOINT"}
    if endpoint:
        environ["CFN_COGNITO_ENDPOINT"] = endpoint
    environ.update(env or {})
    return subprocess.run([sys.executable, "-m", "cfn_cognito", "function", *args],
                          capture_output=True, text=True, env=environ, timeout=120)


@pytest.fixture
def source(tmp_path):
    folder = tmp_path / "code"
    folder.mkdir()
    (folder / "app.py").write_text(textwrap.dedent(HANDLER))
    return folder


@pytest.fixture
def name():
    return f"f-{uuid.uuid4().hex[:8]}"


def test_register_list_invoke_delete(cognito_server, source, name):
    url = cognito_server.url
    out = cli("register", "--name", name, "--runtime", "python3.12", "--handler", "app.handler",
              "--code", str(source), "--env", "STAGE=dev", "--timeout", "5", endpoint=url)
    arn = f"arn:aws:lambda:us-east-1:000000000000:function:{name}"
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == f"registered {name} (python3.12, app.handler): {arn}"

    listed = cli("list", endpoint=url)
    assert any(line.split()[0] == name and line.split()[-1] == arn
               for line in listed.stdout.splitlines())
    as_json = json.loads(cli("list", "--json", endpoint=url).stdout)
    assert {"FunctionName": name, "Timeout": 5}.items() <= \
        next(f for f in as_json if f["FunctionName"] == name).items()

    invoked = cli("invoke", "--name", arn, "--payload", '{"name": "alice"}', endpoint=url)
    assert invoked.returncode == 0, invoked.stderr
    assert json.loads(invoked.stdout) == {"hello": "alice", "stage": "dev", "function": name}

    deleted = cli("delete", "--name", name, endpoint=url)
    assert (deleted.returncode, deleted.stdout.strip()) == (0, f"deleted {name}")
    again = cli("delete", "--name", name, endpoint=url)
    assert again.returncode == 1
    assert again.stderr.strip() == \
        f"cfn-cognito: ResourceNotFoundException: Function not found: {arn}"


def test_a_registered_function_runs_through_the_library_on_the_same_store(cognito_server,
                                                                           source, name):
    out = cli("register", "--name", name, "--runtime", "python3.12", "--handler", "app.handler",
              "--code", str(source), endpoint=cognito_server.url)
    assert out.returncode == 0, out.stderr
    store = open_store(cognito_server.data_dir, cognito_server.database_url or "")
    ctx = Context(settings=Settings(), store=store)
    try:
        result = lambdas.invoke(ctx, f"arn:aws:lambda:us-east-1:000000000000:function:{name}",
                                {"name": "bob"})
        assert result == {"hello": "bob", "stage": None, "function": name}
    finally:
        lambdas.stop_workers(store.data_dir)
        store.close()


def test_prints_show_in_the_server_log(cognito_server, source, name):
    cli("register", "--name", name, "--runtime", "python3.12", "--handler", "app.handler",
        "--code", str(source), endpoint=cognito_server.url)
    marker = uuid.uuid4().hex
    out = cli("invoke", "--name", name, "--payload", json.dumps({"marker": marker}),
              endpoint=cognito_server.url)
    assert json.loads(out.stdout)["function"] == name
    expected = f"[{name}] handled {marker}"
    deadline = time.monotonic() + 10
    while expected not in cognito_server.log() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert expected in cognito_server.log()


def test_a_failing_function_prints_lambdas_error_and_exits_1(cognito_server, source, name):
    cli("register", "--name", name, "--runtime", "python3.12", "--handler", "app.fail",
        "--code", str(source), endpoint=cognito_server.url)
    out = cli("invoke", "--name", name, endpoint=cognito_server.url)
    assert out.returncode == 1
    assert json.loads(out.stdout) == {"errorType": "PermissionError",
                                      "errorMessage": "not on my watch"}


def test_the_endpoint_flag_wins_over_the_environment(cognito_server, source, name):
    nowhere = f"http://127.0.0.1:{free_port()}"
    out = cli("register", "--name", name, "--runtime", "python3.12", "--handler", "app.handler",
              "--code", str(source), "--endpoint", cognito_server.url, endpoint=nowhere)
    assert out.returncode == 0, out.stderr
    assert name in cli("list", endpoint=cognito_server.url).stdout


def test_no_service_at_the_endpoint_is_one_clear_line(source):
    nowhere = f"http://127.0.0.1:{free_port()}"
    for out in (cli("list", endpoint=nowhere),
                cli("register", "--name", "x", "--runtime", "python3.12", "--handler",
                    "app.handler", "--code", str(source), "--endpoint", nowhere)):
        assert out.returncode == 1
        assert "Traceback" not in out.stderr
        assert len(out.stderr.strip().splitlines()) == 1
        assert out.stderr.startswith(f"cfn-cognito: no cfn-cognito service answers at {nowhere}")


def test_refused_registrations_say_why(cognito_server, source, tmp_path):
    url = cognito_server.url
    out = cli("register", "--name", "j", "--runtime", "java21", "--handler", "a.b",
              "--code", str(source), endpoint=url)
    assert out.returncode == 1
    assert out.stderr.startswith("cfn-cognito: InvalidParameterValueException: Runtime 'java21'")
    out = cli("register", "--name", "x", "--runtime", "python3.12", "--handler", "a.b",
              "--code", str(tmp_path / "missing"), endpoint=url)
    assert (out.returncode, out.stderr.strip()) == \
        (1, f"cfn-cognito: --code {tmp_path / 'missing'}: not a directory or a .zip file")
    out = cli("register", "--name", "x", "--runtime", "python3.12", "--handler", "a.b",
              "--code", str(source), "--env", "NOEQUALS", endpoint=url)
    assert out.returncode == 2 and "expected K=V" in out.stderr


def test_a_restart_keeps_the_function_even_without_its_source(tmp_path, source):
    data = tmp_path / "data"
    data.mkdir()
    with LocalCognito(data_dir=str(data)) as server:
        out = cli("register", "--name", "kept", "--runtime", "python3.12", "--handler",
                  "app.handler", "--code", str(source), "--env", "STAGE=prod",
                  endpoint=server.url)
        assert out.returncode == 0, out.stderr
    shutil.rmtree(source)
    with LocalCognito(data_dir=str(data)) as server:
        out = cli("invoke", "--name", "kept", "--payload", '{"name": "carol"}', endpoint=server.url)
        assert out.returncode == 0, out.stderr
        assert json.loads(out.stdout) == {"hello": "carol", "stage": "prod", "function": "kept"}
