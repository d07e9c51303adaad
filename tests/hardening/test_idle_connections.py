"""Idle keep-alive connections must not lock other clients out: a browser tab, an SDK's
connection pool or a slow client each hold connections open; with a thousand of them idle,
a new client is still answered promptly (bounded wait, not a benchmark)."""

from __future__ import annotations

import resource
import socket
import time

import pytest
import requests

from cfn_cognito.testing import LocalCognito

IDLE = 1000
ANSWER_WITHIN = 2.0     # seconds: a locked-out client waits for ever


@pytest.fixture
def enough_files():
    """This process allowed to hold the idle sockets open (the soft limit is often 1024)."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = IDLE + 200 if hard == resource.RLIM_INFINITY else min(hard, IDLE + 200)
    if wanted < IDLE + 200:
        pytest.skip(f"this process may open only {wanted} files")
    resource.setrlimit(resource.RLIMIT_NOFILE, (max(soft, wanted), hard))
    yield
    resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))


def test_a_thousand_idle_connections_do_not_lock_a_new_client_out(enough_files):
    idle: list[socket.socket] = []
    with LocalCognito() as server:
        try:
            for _ in range(IDLE):
                sock = socket.create_connection(("127.0.0.1", server.port), timeout=5)
                # A keep-alive client that sent one request and now waits, as pools do.
                sock.sendall(b"GET /_cfn_cognito/health HTTP/1.1\r\nHost: localhost\r\n\r\n")
                idle.append(sock)
            started = time.monotonic()
            answer = requests.get(server.url + "/_cfn_cognito/health", timeout=ANSWER_WITHIN)
            assert answer.status_code == 200
            assert time.monotonic() - started < ANSWER_WITHIN
        finally:
            for sock in idle:
                sock.close()
        # Once they are gone the server serves as before.
        assert requests.get(server.url + "/_cfn_cognito/health", timeout=10).status_code == 200
