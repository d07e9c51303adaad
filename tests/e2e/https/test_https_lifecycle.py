"""The HTTPS server's life: it ends with the service, even when the service is killed with
kill -9 (nothing keeps serving the port with old state); a taken https port is one clear
line at start; a restart serves the same CA and certificate, so trust given once holds."""

import signal
import socket
import subprocess
import sys
import time

from cfn_cognito.testing import LocalCognito, free_port


def accepts(port: int) -> bool:
    try:
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
    except OSError:
        return False
    return True


def test_the_https_server_ends_with_the_service_even_on_kill_9(tmp_path):
    server = LocalCognito(https=True, data_dir=str(tmp_path)).start()
    try:
        assert accepts(server.https_port)
        server.stop(signal.SIGKILL)
        deadline = time.monotonic() + 10
        while accepts(server.https_port) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not accepts(server.https_port)
    finally:
        server.close()


def test_a_restart_serves_the_same_ca_and_certificate(tmp_path):
    with LocalCognito(https=True, data_dir=str(tmp_path)) as first:
        ca = (tmp_path / "tls" / "ca.pem").read_bytes()
        certificate = (tmp_path / "tls" / "server.pem").read_bytes()
        assert "HTTPS on https://127.0.0.1:" in first.log()
    with LocalCognito(https=True, data_dir=str(tmp_path)):
        assert (tmp_path / "tls" / "ca.pem").read_bytes() == ca
        assert (tmp_path / "tls" / "server.pem").read_bytes() == certificate


def test_a_taken_https_port_is_one_clear_line(tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        out = subprocess.run([sys.executable, "-m", "cfn_cognito", "serve", "--https",
                              "--port", str(free_port()), "--https-port", str(port),
                              "--data-dir", str(tmp_path)], capture_output=True, text=True,
                             timeout=60)
    assert out.returncode == 1
    assert out.stderr.strip() == (f"cfn-cognito: cannot listen on 127.0.0.1:{port}: "
                                  "Address already in use")
