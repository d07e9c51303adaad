"""The local CA and the server certificate: made once per data directory, keys 0600, a
certificate that a strict (web PKI) verifier accepts for every name the service answers at,
reissued at start when near its end or when a name is missing, a new CA near the CA's end."""

import datetime
import ipaddress
import os
import stat

import pytest
from cryptography import x509
from cryptography.x509.verification import PolicyBuilder, Store, VerificationError

from cfn_cognito import tls
from cfn_cognito.config import Settings
from cfn_cognito.tls import authority, server_certificate, trust

NOW = datetime.datetime(2026, 12, 7, tzinfo=datetime.timezone.utc)


def load(path: str) -> x509.Certificate:
    with open(path, "rb") as f:
        return x509.load_pem_x509_certificate(f.read())


def issue(settings: Settings, at=NOW):
    ca = authority.ensure(tls.tls_dir(settings), at=at)
    cert = server_certificate.ensure(tls.tls_dir(settings), ca, tls.server_names(settings), at=at)
    return ca, load(cert.cert_path)


def verifies(ca: authority.Authority, leaf: x509.Certificate, name: str, at=NOW) -> bool:
    try:
        subject = x509.IPAddress(ipaddress.ip_address(name))
    except ValueError:
        subject = x509.DNSName(name)
    verifier = PolicyBuilder().store(Store([ca.certificate])).time(
        at + datetime.timedelta(hours=1)).build_server_verifier(subject)
    try:
        verifier.verify(leaf, [])
    except VerificationError:
        return False
    return True


@pytest.fixture
def settings(tmp_path):
    return Settings(data_dir=str(tmp_path), https=True)


def test_the_ca_is_made_once_with_a_private_key_only_its_owner_reads(settings):
    first = tls.ensure_authority(settings)
    again = tls.ensure_authority(settings)
    assert first.certificate.serial_number == again.certificate.serial_number
    assert first.path == os.path.join(settings.data_dir, "tls", "ca.pem")
    for name in ("ca-key.pem",):
        mode = stat.S_IMODE(os.stat(os.path.join(settings.data_dir, "tls", name)).st_mode)
        assert mode == 0o600
    constraints = first.certificate.extensions.get_extension_for_class(x509.BasicConstraints)
    assert constraints.critical and constraints.value.ca and constraints.value.path_length == 0


def test_the_server_certificate_covers_every_name_the_service_answers_at(tmp_path):
    settings = Settings(data_dir=str(tmp_path), https=True, region="eu-west-1",
                        public_url="https://cognito.test:9443")
    ca, leaf = issue(settings)
    for name in ("localhost", "127.0.0.1", "::1", "app.localhost",
                 "a1b2c3d4e5.execute-api.localhost", "shop.auth.eu-west-1.localhost",
                 "cognito.test"):
        assert verifies(ca, leaf, name), name
    for name in ("example.com", "shop.auth.us-east-1.localhost", "10.0.0.1"):
        assert not verifies(ca, leaf, name), name
    mode = stat.S_IMODE(os.stat(os.path.join(tmp_path, "tls", "server-key.pem")).st_mode)
    assert mode == 0o600


def test_the_same_certificate_is_served_until_it_nears_its_end(settings):
    _, first = issue(settings)
    _, same = issue(settings, at=NOW + datetime.timedelta(days=300))
    assert same.serial_number == first.serial_number
    _, renewed = issue(settings, at=NOW + datetime.timedelta(days=380))
    assert renewed.serial_number != first.serial_number
    assert renewed.not_valid_after_utc > first.not_valid_after_utc


def test_a_new_public_url_host_gets_a_new_certificate_from_the_same_ca(settings):
    ca, first = issue(settings)
    moved = settings.replace(public_url="https://auth.dev.test")
    ca_again, second = issue(moved)
    assert ca_again.certificate.serial_number == ca.certificate.serial_number
    assert second.serial_number != first.serial_number
    assert verifies(ca, second, "auth.dev.test")


def test_a_ca_near_its_end_is_replaced_and_signs_a_new_certificate(settings):
    ca, leaf = issue(settings)
    later = NOW + authority.CA_LIFETIME - datetime.timedelta(days=10)
    new_ca, new_leaf = issue(settings, at=later)
    assert new_ca.certificate.serial_number != ca.certificate.serial_number
    assert verifies(new_ca, new_leaf, "localhost", at=later)


def test_unreadable_files_are_replaced_not_trusted(settings):
    ca = tls.ensure_authority(settings)
    with open(ca.path, "wb") as f:
        f.write(b"not a certificate")
    again = tls.ensure_authority(settings)
    assert again.certificate.serial_number != ca.certificate.serial_number


def test_ca_env_points_node_at_the_ca_and_the_others_at_roots_plus_the_ca(settings):
    lines = tls.trust_env_lines(settings)
    ca_file = tls.ca_file(settings)
    bundle = os.path.join(settings.data_dir, "tls", "bundle.pem")
    assert lines == [f"export NODE_EXTRA_CA_CERTS={ca_file}",
                     f"export AWS_CA_BUNDLE={bundle}", f"export REQUESTS_CA_BUNDLE={bundle}",
                     f"export SSL_CERT_FILE={bundle}"]
    with open(bundle, "rb") as f:
        text = f.read()
    with open(ca_file, "rb") as f:
        assert text.endswith(f.read())
    assert text.startswith(trust.system_roots())
