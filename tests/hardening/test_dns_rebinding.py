"""DNS rebinding: a page of `http://rebind.evil.example:PORT` whose name was re-pointed at
127.0.0.1 sends the developer's browser's requests with `Host` and `Origin` both its own.
Every surface refuses them with a plain 403 before anything runs, and changes nothing; the
same requests addressed to the service's own names are served. Sent on raw sockets, as a
browser would write them."""

from __future__ import annotations

import base64
import io
import json
import socket
import uuid
import zipfile
from urllib.parse import urlencode

import boto3
import pytest
import requests

from cfn_cognito.testing import LocalCognito, free_port

EVIL = "rebind.evil.example"
TARGET = "AWSCognitoIdentityProviderService."


def raw(port: int, method: str, path: str, host: str, *, origin: str | None = None,
        headers: dict | None = None, body: bytes = b"") -> tuple[int, bytes]:
    """(status, body) of one request written byte by byte on a fresh connection."""
    lines = [f"{method} {path} HTTP/1.1", f"Host: {host}", "Connection: close",
             f"Content-Length: {len(body)}"]
    if origin:
        lines.append(f"Origin: {origin}")
    lines += [f"{k}: {v}" for k, v in (headers or {}).items()]
    with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
        sock.sendall("\r\n".join(lines).encode() + b"\r\n\r\n" + body)
        answer = b""
        while chunk := sock.recv(65536):
            answer += chunk
    head, _, payload = answer.partition(b"\r\n\r\n")
    return int(head.split(b" ", 2)[1]), payload


def _zip(source: str) -> str:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("index.py", source)
    return base64.b64encode(buffer.getvalue()).decode()


@pytest.fixture(scope="module")
def scene(hard_server):
    idp = boto3.client("cognito-idp", endpoint_url=hard_server.url, region_name="us-east-1")
    pool = idp.create_user_pool(PoolName=f"rebind-{uuid.uuid4().hex[:6]}")["UserPool"]
    client = idp.create_user_pool_client(
        UserPoolId=pool["Id"], ClientName="web", AllowedOAuthFlows=["code"],
        AllowedOAuthFlowsUserPoolClient=True, AllowedOAuthScopes=["openid"],
        CallbackURLs=["http://localhost:3000/cb"],
        SupportedIdentityProviders=["COGNITO"])["UserPoolClient"]
    return {"idp": idp, "pool": pool, "client": client, "port": hard_server.port}


def _attacks(scene) -> list[tuple[str, str, str, dict, bytes]]:
    """(what, method, path, headers, body) of one request per surface."""
    pool_id, client_id = scene["pool"]["Id"], scene["client"]["ClientId"]
    json_11 = {"Content-Type": "application/x-amz-json-1.1"}
    create_user = json.dumps({"UserPoolId": pool_id, "Username": "mallory"}).encode()
    function = json.dumps({"FunctionName": "rebound", "Runtime": "python3.12",
                           "Handler": "index.handler", "Role": "arn:aws:iam::000000000000:role/x",
                           "Code": {"ZipFile": _zip("import os\ndef handler(e, c):\n"
                                                    "    return os.getuid()\n")}}).encode()
    stack = urlencode({"Action": "CreateStack", "Version": "2010-05-15", "StackName": "rebound",
                       "TemplateBody": "Resources:\n  P:\n    Type: AWS::Cognito::UserPool\n"})
    form = {"Content-Type": "application/x-www-form-urlencoded"}
    login = urlencode({"response_type": "code", "client_id": client_id,
                       "redirect_uri": "http://localhost:3000/cb"})
    return [
        ("AWS JSON (fast path)", "POST", "/",
         {**json_11, "X-Amz-Target": TARGET + "AdminCreateUser"}, create_user),
        ("AWS JSON listing", "POST", "/",
         {**json_11, "X-Amz-Target": TARGET + "ListUsers"},
         json.dumps({"UserPoolId": pool_id}).encode()),
        ("query API (CloudFormation)", "POST", "/", form, stack.encode()),
        ("Lambda API", "POST", "/2015-03-31/functions", {"Content-Type": "application/json"},
         function),
        ("Lambda invoke", "POST", "/2015-03-31/functions/rebound/invocations", {}, b"{}"),
        ("function registry", "GET", "/_cfn_cognito/functions", {}, b""),
        ("console", "GET", "/_cfn_cognito/", {}, b""),
        ("inbox", "GET", "/_cfn_cognito/messages", {}, b""),
        ("inbox emptied", "DELETE", "/_cfn_cognito/messages", {}, b""),
        ("reset", "POST", "/_cfn_cognito/reset", {}, b""),
        ("health", "GET", "/_cfn_cognito/health", {}, b""),
        ("hosted UI", "GET", "/login?" + login, {}, b""),
        ("OAuth token", "POST", "/oauth2/token", form,
         urlencode({"grant_type": "authorization_code", "client_id": client_id,
                    "code": "x"}).encode()),
        ("JWKS", "GET", f"/{pool_id}/.well-known/jwks.json", {}, b""),
        ("gateway, path form", "GET", "/restapis/abc123/dev/_user_request_/items", {}, b""),
        ("gateway listing", "GET", "/_cfn_cognito/apis", {}, b""),
    ]


@pytest.mark.parametrize("with_origin", [True, False], ids=["Host+Origin", "Host only"])
def test_every_surface_refuses_a_rebound_host_before_anything_runs(scene, with_origin, tally):
    port = scene["port"]
    for host in (f"{EVIL}:{port}", EVIL, f"{EVIL.upper()}.:{port}",
                 f"localhost.{EVIL}:{port}"):
        origin = f"http://{host}" if with_origin else None
        for what, method, path, headers, body in _attacks(scene):
            status, payload = raw(port, method, path, host, origin=origin, headers=headers,
                                  body=body)
            assert status == 403, (what, host, status, payload[:200])
            assert payload.startswith(b"Blocked request"), (what, payload[:200])
            tally["rebinding"]["refused"] += 1
    # Nothing ran: no user, no function, no stack; the pool (reset refused) is still there.
    idp = scene["idp"]
    users = idp.list_users(UserPoolId=scene["pool"]["Id"])["Users"]
    assert [u["Username"] for u in users] == []
    assert raw(port, "GET", "/2015-03-31/functions/rebound", f"127.0.0.1:{port}")[0] == 404
    cfn = boto3.client("cloudformation", endpoint_url=f"http://127.0.0.1:{port}",
                       region_name="us-east-1")
    assert "rebound" not in [s["StackName"] for s in cfn.list_stacks()["StackSummaries"]]


def test_a_gateway_host_under_another_domain_is_refused(scene):
    port = scene["port"]
    status, _ = raw(port, "GET", "/dev/items", f"abc123.execute-api.{EVIL}:{port}")
    assert status == 403


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "[::1]", "127.8.9.10",
                                  "LocalHost."])
def test_the_service_own_names_are_served(scene, host):
    port = scene["port"]
    status, payload = raw(port, "GET", "/_cfn_cognito/health", f"{host}:{port}",
                          origin=f"http://{host}:{port}")
    assert (status, json.loads(payload)["status"]) == (200, "ok")
    status, payload = raw(port, "POST", "/", host,
                          headers={"Content-Type": "application/x-amz-json-1.1",
                                   "X-Amz-Target": TARGET + "DescribeUserPool"},
                          body=json.dumps({"UserPoolId": scene["pool"]["Id"]}).encode())
    assert status == 200 and json.loads(payload)["UserPool"]["Id"] == scene["pool"]["Id"]


@pytest.mark.parametrize("host,answer", [
    ("abc123.execute-api.localhost", b"No API with id abc123"),
    ("nobody.auth.us-east-1.localhost", b"No user pool has this domain"),
])
def test_names_under_localhost_reach_the_gateway_and_hosted_ui_domains(scene, host, answer):
    status, payload = raw(scene["port"], "GET", "/dev/items", f"{host}:{scene['port']}")
    assert status == 404 and answer in payload, payload[:200]


def test_allowed_hosts_and_the_public_url_host_are_served():
    port = free_port()
    with LocalCognito("--allowed-hosts", "cognito.dev.test, .corp.test",
                      "--public-url", f"http://auth.public.test:{port}", port=port) as server:
        def health(host: str) -> int:
            return raw(server.port, "GET", "/_cfn_cognito/health", host,
                       origin=f"http://{host}")[0]
        for host in (f"cognito.dev.test:{port}", "COGNITO.DEV.TEST", "corp.test",
                     f"x.y.corp.test:{port}", f"auth.public.test:{port}"):
            assert health(host) == 200, host
        for host in ("dev.test", "xcorp.test", "cognito.dev.test.evil.example",
                     f"public.test:{port}", EVIL):
            assert health(host) == 403, host
        # What the public URL puts in tokens answers there too.
        idp = boto3.client("cognito-idp", endpoint_url=server.url, region_name="us-east-1")
        pool = idp.create_user_pool(PoolName="p")["UserPool"]
        jwks = requests.get(f"{server.url}/{pool['Id']}/.well-known/jwks.json",
                            headers={"Host": f"auth.public.test:{port}"}, timeout=10)
        assert jwks.status_code == 200 and jwks.json()["keys"]


def test_allowed_hosts_from_the_environment():
    with LocalCognito(env={"CFN_COGNITO_ALLOWED_HOSTS": "box.lan"}) as server:
        assert raw(server.port, "GET", "/_cfn_cognito/health", "box.lan:4566")[0] == 200
        assert raw(server.port, "GET", "/_cfn_cognito/health", "other.lan")[0] == 403
