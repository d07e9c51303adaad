"""The stack commands as a user meets them at a terminal: pipes, empty files, the wrong
server on the port, help text."""

import http.server
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[3]
QUICKSTART = ROOT / "templates" / "quickstart.yaml"


def cli(*args, endpoint=None, **kw):
    extra = ["--endpoint", endpoint] if endpoint else []
    environ = {k: v for k, v in os.environ.items() if k != "CFN_COGNITO_ENDPOINT"}
    return subprocess.run([sys.executable, "-m", "cfn_cognito", *args, *extra],
                          capture_output=True, text=True, env=environ, timeout=180, **kw)


@pytest.fixture(scope="module")
def deployed(cognito_url):
    done = cli("deploy", str(QUICKSTART), "--stack-name", "papercuts", endpoint=cognito_url)
    assert done.returncode == 0, done.stderr
    return cognito_url


def test_piping_into_head_prints_no_traceback(deployed):
    for command in ("outputs --stack-name papercuts --template", "stacks --json"):
        piped = subprocess.run(
            f"{sys.executable} -m cfn_cognito {command} --endpoint {deployed} | head -c 10",
            shell=True, capture_output=True, text=True, timeout=120)
        assert "Traceback" not in piped.stderr and "BrokenPipe" not in piped.stderr, piped.stderr
        assert len(piped.stdout) == 10


def test_one_output_for_scripts(deployed):
    pool = cli("outputs", "--stack-name", "papercuts", "--output", "UserPoolId", endpoint=deployed)
    assert pool.returncode == 0 and pool.stdout.strip().startswith("us-east-1_"), pool.stderr
    missing = cli("outputs", "--stack-name", "papercuts", "--output", "Nope", endpoint=deployed)
    assert missing.returncode == 1
    assert "has no output Nope (it has: UserPoolId" in missing.stderr


def test_an_empty_template_is_named(deployed, tmp_path):
    empty = tmp_path / "empty.yaml"
    empty.write_text("\n")
    done = cli("deploy", str(empty), "--stack-name", "e", endpoint=deployed)
    assert done.returncode == 1
    assert done.stderr.strip() == f"cfn-cognito: {empty}: the template is empty (a template " \
                                  "needs at least Resources)"


def test_another_server_on_the_port_is_told_apart():
    # http.server answers PUT with a bare 501, as a server that is not cfn-cognito would.
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), http.server.BaseHTTPRequestHandler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}"
        done = cli("deploy", str(QUICKSTART), "--stack-name", "x", endpoint=url)
    finally:
        server.shutdown()
    assert done.returncode == 1
    assert "answered HTTP 501" in done.stderr and "not as cfn-cognito does" in done.stderr
    assert "Traceback" not in done.stderr


def test_every_flag_of_stacks_has_help():
    shown = cli("stacks", "--help")
    assert "print the stacks as a JSON list" in shown.stdout
