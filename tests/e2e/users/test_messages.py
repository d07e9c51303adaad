"""The inbox API (`/_cfn_cognito/messages`: filters, DELETE) and `cfn-cognito messages`."""

import os
import queue
import signal
import subprocess
import sys
import threading
from datetime import datetime, timezone

import boto3
import pytest
import requests

from cfn_cognito.testing import LocalCognito, free_port
from user_helpers import PASSWORD, attrs, make_client, make_pool  # noqa: F401

LINE_WAIT = 20


def _get(url, **params):
    r = requests.get(url + "/_cfn_cognito/messages", params=params, timeout=10)
    assert r.status_code == 200, r.text
    return r.json()["messages"]


def _sign_up(idp, client, username, email):
    idp.sign_up(ClientId=client["ClientId"], Username=username, Password=PASSWORD,
                UserAttributes=attrs(email=email))


def test_the_inbox_narrows_by_pool_user_address_kind_and_time(idp, cognito_url, make_pool):
    pool = make_pool(AutoVerifiedAttributes=["email"])
    other = make_pool(AutoVerifiedAttributes=["email"])
    client, other_client = make_client(idp, pool), make_client(idp, other)
    _sign_up(idp, client, "ann", "Ann@Example.com")
    _sign_up(idp, other_client, "ann", "ann@other.example")
    first = _get(cognito_url, pool=pool["Id"])[-1]
    idp.resend_confirmation_code(ClientId=client["ClientId"], Username="ann")
    _sign_up(idp, client, "ben", "ben@example.com")

    assert [(m["username"], m["kind"]) for m in _get(cognito_url, pool=pool["Id"])] == [
        ("ann", "SignUp"), ("ann", "ResendCode"), ("ben", "SignUp")]
    assert [m["pool"] for m in _get(cognito_url, username="ann", kind="SignUp")][-2:] == [
        pool["Id"], other["Id"]]
    assert [m["kind"] for m in _get(cognito_url, to="ann@example.com")][-2:] == [
        "SignUp", "ResendCode"]
    assert [m["username"] for m in _get(cognito_url, pool=pool["Id"], kind="SignUp")] == [
        "ann", "ben"]

    # since: at or after a time, as epoch seconds or ISO 8601 (UTC without a zone).
    later = _get(cognito_url, pool=pool["Id"], since=str(first["time"]))
    assert [m["id"] for m in later][0] == first["id"]
    iso = datetime.fromtimestamp(first["time"], timezone.utc).isoformat()
    assert _get(cognito_url, pool=pool["Id"], since=iso) == later
    assert _get(cognito_url, pool=pool["Id"], since="2999-01-01T00:00:00") == []

    bad = requests.get(cognito_url + "/_cfn_cognito/messages", params={"since": "yesterday"},
                       timeout=10)
    assert bad.status_code == 400
    assert "since must be epoch seconds or an ISO 8601 time" in bad.json()["message"]


def test_delete_empties_the_inbox_or_the_part_named(idp, cognito_url, make_pool):
    pool = make_pool(AutoVerifiedAttributes=["email"])
    other = make_pool(AutoVerifiedAttributes=["email"])
    _sign_up(idp, make_client(idp, pool), "cat", "cat@example.com")
    _sign_up(idp, make_client(idp, other), "dan", "dan@example.com")

    r = requests.delete(cognito_url + "/_cfn_cognito/messages", params={"pool": pool["Id"]},
                        timeout=10)
    assert r.status_code == 200 and r.json() == {"deleted": 1}
    assert _get(cognito_url, pool=pool["Id"]) == []
    assert [m["username"] for m in _get(cognito_url, pool=other["Id"])] == ["dan"]


def test_a_page_of_another_origin_gets_no_leave_to_delete(cognito_url):
    # A cross-origin DELETE needs a CORS preflight; the inbox grants none.
    r = requests.options(cognito_url + "/_cfn_cognito/messages", timeout=10, headers={
        "Origin": "http://evil.example", "Access-Control-Request-Method": "DELETE"})
    assert "Access-Control-Allow-Origin" not in r.headers


@pytest.fixture(scope="module")
def own_server():
    with LocalCognito() as server:
        yield server


def _cli(*args, endpoint=None, **popen):
    env = {**os.environ, "CFN_COGNITO_ENDPOINT": endpoint or ""}
    return subprocess.Popen([sys.executable, "-m", "cfn_cognito", "messages", *args],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
                            **popen)


def test_cli_prints_the_inbox_and_follows_new_messages(own_server):
    idp = boto3.client("cognito-idp", endpoint_url=own_server.url, region_name="us-east-1")
    requests.delete(own_server.url + "/_cfn_cognito/messages", timeout=10)
    pool = idp.create_user_pool(PoolName="cli", AutoVerifiedAttributes=["email"])["UserPool"]
    client = make_client(idp, pool)
    empty = _cli(endpoint=own_server.url)
    assert empty.communicate(timeout=30) == ("no messages\n", "")

    _sign_up(idp, client, "eli", "eli@example.com")
    code = _get(own_server.url, username="eli")[0]["code"]
    once = _cli(endpoint=own_server.url)
    out, err = once.communicate(timeout=30)
    assert once.returncode == 0, err
    assert out.count("\n") == 1
    assert "SignUp" in out and f"eli ({pool['Id']}) -> eli@example.com [EMAIL]  code {code}" in out

    follow = _cli("--follow", "--endpoint", own_server.url, endpoint="http://127.0.0.1:1")
    lines = queue.Queue()
    threading.Thread(target=lambda: [lines.put(line) for line in follow.stdout],
                     daemon=True).start()
    try:
        assert "eli (" in lines.get(timeout=LINE_WAIT)
        _sign_up(idp, client, "fox", "fox@example.com")
        idp.resend_confirmation_code(ClientId=client["ClientId"], Username="fox")
        codes = [m["code"] for m in _get(own_server.url, username="fox")]
        assert f"code {codes[0]}" in lines.get(timeout=LINE_WAIT)
        second = lines.get(timeout=LINE_WAIT)
        assert "ResendCode" in second and f"code {codes[1]}" in second
    finally:
        follow.send_signal(signal.SIGINT)
        follow.wait(timeout=30)
    assert follow.returncode == 0
    assert lines.empty()


def test_cli_says_so_in_one_line_when_nothing_answers():
    port = free_port()
    run = _cli(endpoint=f"http://127.0.0.1:{port}")
    out, err = run.communicate(timeout=30)
    assert run.returncode == 1 and out == ""
    assert err.count("\n") == 1
    assert err.startswith(f"cfn-cognito: no cfn-cognito service answers at http://127.0.0.1:{port}")


def test_email_as_username_pools_are_looked_up_by_the_email_signed_up_with(idp, cognito_url,
                                                                          make_pool):
    # Messages carry the internal username (a sub) in such pools; a developer types the email.
    pool = make_pool(UsernameAttributes=["email"], AutoVerifiedAttributes=["email"])
    client = make_client(idp, pool)
    idp.sign_up(ClientId=client["ClientId"], Username="Dee@Example.com", Password=PASSWORD,
                UserAttributes=attrs(email="Dee@Example.com"))
    found = _get(cognito_url, username="Dee@Example.com")
    assert [(m["pool"], m["kind"], m["to"]) for m in found] == [
        (pool["Id"], "SignUp", "Dee@Example.com")]
    shown = subprocess.run(
        [sys.executable, "-m", "cfn_cognito", "messages", "--username", "Dee@Example.com",
         "--endpoint", cognito_url], capture_output=True, text=True, timeout=60)
    assert shown.returncode == 0 and found[0]["code"] in shown.stdout, shown.stdout
    gone = requests.delete(cognito_url + "/_cfn_cognito/messages",
                           params={"username": "Dee@Example.com"}, timeout=10)
    assert gone.json() == {"deleted": 1}
