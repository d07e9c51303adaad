"""Which Host names the service answers (DNS rebinding): its own local names, IP addresses,
the public URL's host and the allowed hosts, matched without the port; anything else gets a
plain 403 without the application being called."""

import pytest

from cfn_cognito.config import Settings
from cfn_cognito.web.host_guard import HostGuard


def _answer(host, **settings):
    called = []

    def app(environ, start_response):
        called.append(environ)
        start_response("200 OK", [])
        return [b"served"]

    statuses = []
    guard = HostGuard(app, Settings(**settings))
    environ = {} if host is None else {"HTTP_HOST": host}
    body = b"".join(guard(environ, lambda status, headers: statuses.append(status)))
    return statuses[0], bool(called), body


@pytest.mark.parametrize("host", [
    "localhost", "localhost:4566", "LOCALHOST", "localhost.", "127.0.0.1:4566", "127.1.2.3",
    "[::1]:4566", "[::1]", "10.0.0.7:4566", "abc.execute-api.localhost:4566",
    "app.auth.us-east-1.localhost", None])
def test_local_names_and_addresses_are_served(host):
    assert _answer(host) == ("200 OK", True, b"served")


@pytest.mark.parametrize("host", [
    "rebind.evil.example:4566", "rebind.evil.example", "localhost.evil.example",
    "evil-localhost", "127.0.0.1.evil.example", "", "[::1].evil.example", "0x7f000001",
    "abc.execute-api.evil.example:4566"])
def test_other_names_get_a_plain_403_and_the_app_is_not_called(host):
    status, called, body = _answer(host)
    assert (status, called) == ("403 Forbidden", False)
    assert body.startswith(b"Blocked request") and b"--allowed-hosts" in body


def test_the_public_url_host_is_served_whatever_the_port():
    settings = {"public_url": "https://cognito.dev.test"}
    assert _answer("cognito.dev.test:8443", **settings)[1]
    assert not _answer("dev.test", **settings)[1]


@pytest.mark.parametrize("host,served", [
    ("box.lan", True), ("box.lan:4566", True), ("BOX.LAN", True), ("other.box.lan", False),
    ("corp.test", True), ("a.b.corp.test:80", True), ("xcorp.test", False),
    ("fe80::1", True), ("evil.example", False)])
def test_allowed_hosts_names_and_domains(host, served):
    assert _answer(host, allowed_hosts="box.lan:9999, .corp.test")[1] is served


def test_a_forged_host_is_not_echoed_raw():
    status, _, body = _answer("evil\u00e9.example<script>")
    assert status == "403 Forbidden"
    assert b"<script>" in body and body.isascii()   # text/plain, nosniff: shown, not run


@pytest.mark.parametrize("host", ["localhost:abc", "localhost:", "[::1]x", "[::1]:80x",
                                  "[::1"])
def test_malformed_host_headers_are_refused(host):
    assert not _answer(host)[1]
