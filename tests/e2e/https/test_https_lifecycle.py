"""The HTTPS server's life: it ends with the service, even when the service is killed with
kill -9 (nothing keeps serving the port with old state); a taken https port is one clear
line at start; a restart serves the same CA and certificate, so trust given once holds."""

import os
import signal
import socket
import stat
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


def test_ca_path_makes_the_ca_once_and_follows_the_data_dir_setting(tmp_path):
    env = {**os.environ, "CFN_COGNITO_DATA_DIR": str(tmp_path / "state")}
    first = subprocess.run([sys.executable, "-m", "cfn_cognito", "ca", "path"], env=env,
                           capture_output=True, text=True, timeout=60, cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    path = tmp_path / "state" / "tls" / "ca.pem"
    assert first.stdout.strip() == str(path)
    made = path.read_bytes()
    assert stat.S_IMODE((tmp_path / "state" / "tls" / "ca-key.pem").stat().st_mode) == 0o600
    again = subprocess.run([sys.executable, "-m", "cfn_cognito", "ca", "path", "--data-dir",
                            "state"], capture_output=True, text=True, timeout=60, cwd=tmp_path)
    assert again.stdout.strip() == str(path)
    assert path.read_bytes() == made
    bare = subprocess.run([sys.executable, "-m", "cfn_cognito", "ca"], capture_output=True,
                          text=True, timeout=60, cwd=tmp_path)
    assert bare.returncode == 2 and "path" in bare.stderr and "env" in bare.stderr
