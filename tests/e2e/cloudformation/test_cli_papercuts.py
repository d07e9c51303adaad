"""The stack commands as a user meets them at a terminal: pipes, empty files, the wrong
server on the port, help text."""

import http.server
import json
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


def test_cognito_outputs_in_aws_form_get_their_local_url(deployed, tmp_path):
    template = tmp_path / "urls.yaml"
    template.write_text(
        "Resources:\n  Logs: {Type: AWS::Logs::LogGroup}\n"
        "Outputs:\n"
        "  Issuer: {Value: https://cognito-idp.us-east-1.amazonaws.com/us-east-1_abc}\n"
        "  TokenUrl: {Value: https://shop.auth.us-east-1.amazoncognito.com/oauth2/token}\n"
        "  OldPort: {Value: http://localhost:1/us-east-1_abc}\n")
    done = cli("deploy", str(template), "--stack-name", "urls", "--json", endpoint=deployed,
              cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    port = deployed.rsplit(":", 1)[1]
    local = {o["OutputKey"]: o.get("LocalUrl") for o in json.loads(done.stdout)["Outputs"]}
    assert local == {
        "Issuer": f"http://localhost:{port}/us-east-1_abc",
        "TokenUrl": f"http://shop.auth.us-east-1.localhost:{port}/oauth2/token",
        "OldPort": f"http://localhost:{port}/us-east-1_abc"}
    shown = cli("outputs", "--stack-name", "urls", "--output", "TokenUrl", endpoint=deployed)
    assert shown.stdout.strip() == f"http://shop.auth.us-east-1.localhost:{port}/oauth2/token"
