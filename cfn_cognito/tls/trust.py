"""How the usual clients are told to trust the local CA (`cfn-cognito ca env`).

Node adds NODE_EXTRA_CA_CERTS to its own roots. The others (botocore's AWS_CA_BUNDLE,
requests' REQUESTS_CA_BUNDLE, OpenSSL's SSL_CERT_FILE, read by Python's ssl, curl, Ruby...)
replace the roots they trust with the file named, so they are given `bundle.pem`: the
system's roots followed by the local CA, and a shell that sets them still reaches AWS
itself and every other site.
"""

from __future__ import annotations

import os
import shlex
import ssl

from cfn_cognito.tls import files

BUNDLE_FILE = "bundle.pem"
ADDS = "NODE_EXTRA_CA_CERTS"
REPLACES = ("AWS_CA_BUNDLE", "REQUESTS_CA_BUNDLE", "SSL_CERT_FILE")


def system_roots() -> bytes:
    """The roots this machine trusts (OpenSSL's default file, else certifi's), or nothing.
    Read from OpenSSL's own default path, not SSL_CERT_FILE, which may name our bundle."""
    paths = ssl.get_default_verify_paths()
    candidates = [paths.openssl_cafile]
    try:
        import certifi
        candidates.append(certifi.where())
    except ImportError:
        pass
    for path in candidates:
        data = files.read(path) if path and os.path.isfile(path) else None
        if data:
            return data if data.endswith(b"\n") else data + b"\n"
    return b""


def bundle(tls_dir: str, ca_file: str) -> str:
    """The path of the system roots plus the local CA, written anew when either changed."""
    path = os.path.abspath(os.path.join(tls_dir, BUNDLE_FILE))
    wanted = system_roots() + (files.read(ca_file) or b"")
    with files.locked(tls_dir):
        if files.read(path) != wanted:
            files.write(path, wanted, files.PUBLIC)
    return path


def env_lines(ca_file: str, bundle_file: str) -> list[str]:
    """`export NAME=path` lines for a POSIX shell."""
    lines = [f"export {ADDS}={shlex.quote(ca_file)}"]
    lines += [f"export {name}={shlex.quote(bundle_file)}" for name in REPLACES]
    return lines
