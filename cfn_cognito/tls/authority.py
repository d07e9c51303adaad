"""The local certificate authority: one per data directory (`<data-dir>/tls/ca.pem`, its key
`ca-key.pem` readable by its owner only), made the first time HTTPS or `cfn-cognito ca` needs
it, kept across restarts so that a client told once to trust it keeps trusting it, and
replaced only when it comes near its end (ten years on).

Each CA has a name of its own (a random serial in its subject), so that two data
directories' CAs trusted on one machine are never mistaken for one another.
"""

from __future__ import annotations

import datetime
import logging
import os
import secrets
from dataclasses import dataclass

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from cfn_cognito.tls import files

LOG = logging.getLogger(__name__)

CA_FILE = "ca.pem"
CA_KEY_FILE = "ca-key.pem"
CA_LIFETIME = datetime.timedelta(days=3650)
# A certificate is replaced when less than this is left of it, at the next start.
RENEW_BEFORE = datetime.timedelta(days=30)


@dataclass(frozen=True)
class Authority:
    certificate: x509.Certificate
    key: ec.EllipticCurvePrivateKey
    path: str           # the CA certificate's file: what clients are told to trust


def now() -> datetime.datetime:
    return datetime.datetime.now(datetime.timezone.utc)


def ca_path(tls_dir: str) -> str:
    return os.path.abspath(os.path.join(tls_dir, CA_FILE))


def ensure(tls_dir: str, at: datetime.datetime | None = None) -> Authority:
    """The directory's CA, made (or renewed near its end) if need be."""
    at = at or now()
    with files.locked(tls_dir):
        found = _load(tls_dir)
        if found is not None and found.certificate.not_valid_after_utc - at > RENEW_BEFORE:
            return found
        if found is not None:
            LOG.warning("the local CA %s expires on %s: a new one replaces it; clients must be "
                        "told to trust the new one", found.path,
                        found.certificate.not_valid_after_utc.date())
        return _make(tls_dir, at)


def _load(tls_dir: str) -> Authority | None:
    cert_pem = files.read(os.path.join(tls_dir, CA_FILE))
    key_pem = files.read(os.path.join(tls_dir, CA_KEY_FILE))
    if cert_pem is None or key_pem is None:
        return None
    try:
        certificate = x509.load_pem_x509_certificate(cert_pem)
        key = serialization.load_pem_private_key(key_pem, password=None)
    except ValueError:
        LOG.warning("the local CA's files in %s are unreadable: a new CA replaces them", tls_dir)
        return None
    if not isinstance(key, ec.EllipticCurvePrivateKey) or \
            key.public_key().public_numbers() != certificate.public_key().public_numbers():
        LOG.warning("the local CA's key in %s does not match its certificate: a new CA "
                    "replaces them", tls_dir)
        return None
    return Authority(certificate, key, ca_path(tls_dir))


def _make(tls_dir: str, at: datetime.datetime) -> Authority:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, "cfn-cognito"),
        x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, "local development only"),
        x509.NameAttribute(NameOID.COMMON_NAME, f"cfn-cognito local CA {secrets.token_hex(4)}"),
    ])
    public = key.public_key()
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name).issuer_name(name).public_key(public)
        .serial_number(x509.random_serial_number())
        .not_valid_before(at - datetime.timedelta(minutes=5))   # a client's clock a bit behind
        .not_valid_after(at + CA_LIFETIME)
        # A CA that signs server certificates and nothing below them (path length 0). These
        # extensions, with both key identifiers, are what strict verifiers (OpenSSL's
        # X509_STRICT, Python 3.13's default) require of a CA.
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(x509.KeyUsage(digital_signature=True, key_cert_sign=True, crl_sign=True,
                                     content_commitment=False, key_encipherment=False,
                                     data_encipherment=False, key_agreement=False,
                                     encipher_only=False, decipher_only=False), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(public), critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(public), critical=False)
        .sign(key, hashes.SHA256())
    )
    files.write(os.path.join(tls_dir, CA_KEY_FILE), key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption()), files.PRIVATE)
    files.write(os.path.join(tls_dir, CA_FILE),
                certificate.public_bytes(serialization.Encoding.PEM), files.PUBLIC)
    LOG.info("made a local certificate authority: %s", ca_path(tls_dir))
    return Authority(certificate, key, ca_path(tls_dir))
