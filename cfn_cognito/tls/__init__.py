"""The local certificate authority and the server certificate it signs, for HTTPS.

Everything lives in `<data-dir>/tls/` (the configured data directory, also with
--in-memory, so that a CA a client was told to trust outlives the throwaway state):
`ca.pem` (what clients trust), `ca-key.pem` (0600), `server.pem`, `server-key.pem` (0600),
`bundle.pem` (the system's roots plus the CA, for clients that replace their roots).
"""

from __future__ import annotations

import os

from cfn_cognito.config import Settings
from cfn_cognito.tls import authority, server_certificate, trust
from cfn_cognito.tls.authority import Authority
from cfn_cognito.tls.names import server_names
from cfn_cognito.tls.server_certificate import ServerCertificate

__all__ = ["Authority", "ServerCertificate", "tls_dir", "ca_file", "ensure_authority",
           "ensure_server_certificate", "trust_env_lines", "server_names"]


def tls_dir(settings: Settings) -> str:
    return os.path.join(settings.data_dir, "tls")


def ca_file(settings: Settings) -> str:
    """Where the CA certificate is (or will be, once made)."""
    return authority.ca_path(tls_dir(settings))


def ensure_authority(settings: Settings) -> Authority:
    """The data directory's CA, made if it has none yet."""
    return authority.ensure(tls_dir(settings))


def ensure_server_certificate(settings: Settings) -> ServerCertificate:
    """The CA and a server certificate for every name the service answers at."""
    ca = ensure_authority(settings)
    return server_certificate.ensure(tls_dir(settings), ca, server_names(settings))


def trust_env_lines(settings: Settings) -> list[str]:
    """The shell lines that make Node, botocore, requests and OpenSSL trust the CA."""
    ca = ensure_authority(settings)
    return trust.env_lines(ca.path, trust.bundle(tls_dir(settings), ca.path))
