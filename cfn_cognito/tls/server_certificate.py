"""The server's certificate (`<data-dir>/tls/server.pem`, key `server-key.pem`, 0600), signed
by the local CA for the names the service answers at. It is issued again at start when it
is missing, signed by another CA, near its end, or lacks a name now asked for (a new
--public-url host, another region's hosted-UI domains); otherwise the same one is served.

Its lifetime, 397 days, is within what every browser accepts of a server certificate.
"""

from __future__ import annotations

import datetime
import ipaddress
import os
from dataclasses import dataclass

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from cfn_cognito.tls import files
from cfn_cognito.tls.authority import RENEW_BEFORE, Authority, now

CERT_FILE = "server.pem"
KEY_FILE = "server-key.pem"
LIFETIME = datetime.timedelta(days=397)


@dataclass(frozen=True)
class ServerCertificate:
    cert_path: str
    key_path: str
    names: tuple[str, ...]


def ensure(tls_dir: str, authority: Authority, names: list[str],
           at: datetime.datetime | None = None) -> ServerCertificate:
    """A certificate for `names` (DNS names, wildcards and IP addresses), issued anew if the
    one on disk does not do."""
    at = at or now()
    cert_path = os.path.abspath(os.path.join(tls_dir, CERT_FILE))
    key_path = os.path.abspath(os.path.join(tls_dir, KEY_FILE))
    wanted = _alt_names(names)
    with files.locked(tls_dir):
        current = _load(cert_path)
        if current is None or not _still_good(current, authority, wanted, at) \
                or files.read(key_path) is None:
            _issue(authority, wanted, at, cert_path, key_path)
    return ServerCertificate(cert_path, key_path, tuple(names))


def _alt_names(names: list[str]) -> list[x509.GeneralName]:
    out: list[x509.GeneralName] = []
    for name in dict.fromkeys(names):
        try:
            out.append(x509.IPAddress(ipaddress.ip_address(name)))
        except ValueError:
            out.append(x509.DNSName(name))
    return out


def _load(path: str) -> x509.Certificate | None:
    pem = files.read(path)
    try:
        return x509.load_pem_x509_certificates(pem)[0] if pem else None
    except ValueError:
        return None


def _still_good(cert: x509.Certificate, authority: Authority,
                wanted: list[x509.GeneralName], at: datetime.datetime) -> bool:
    try:
        cert.verify_directly_issued_by(authority.certificate)     # issuer name and signature
    except (InvalidSignature, ValueError, TypeError):
        return False
    if cert.not_valid_after_utc - at <= RENEW_BEFORE:
        return False
    try:
        present = set(cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value)
    except x509.ExtensionNotFound:
        return False
    return set(wanted) <= present


def _issue(authority: Authority, alt_names: list[x509.GeneralName], at: datetime.datetime,
           cert_path: str, key_path: str) -> None:
    key = ec.generate_private_key(ec.SECP256R1())
    first = alt_names[0].value if alt_names else "localhost"
    certificate = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "cfn-cognito"),
            x509.NameAttribute(NameOID.COMMON_NAME, str(first))]))
        .issuer_name(authority.certificate.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(at - datetime.timedelta(minutes=5))
        .not_valid_after(min(at + LIFETIME, authority.certificate.not_valid_after_utc))
        # Clients match names against the subjectAltName only (RFC 6125), never the CN.
        .add_extension(x509.SubjectAlternativeName(alt_names), critical=False)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.KeyUsage(digital_signature=True, key_encipherment=False,
                                     content_commitment=False, data_encipherment=False,
                                     key_agreement=False, key_cert_sign=False, crl_sign=False,
                                     encipher_only=False, decipher_only=False), critical=True)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()),
                       critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(
            authority.key.public_key()), critical=False)
        .sign(authority.key, hashes.SHA256())
    )
    files.write(key_path, key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption()), files.PRIVATE)
    files.write(cert_path, certificate.public_bytes(serialization.Encoding.PEM), files.PUBLIC)
