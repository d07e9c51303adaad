"""Which pool a Host header names: a domain prefix under .auth.{region}.localhost, a custom
domain, or the service's own address."""

import pytest

from cfn_cognito.config import Settings
from cfn_cognito.context import Context
from cfn_cognito.oauth import hosts
from cfn_cognito.store import open_store


@pytest.fixture
def ctx(tmp_path):
    store = open_store(tmp_path)
    store.domains.insert("us-east-1_Pool1", "shop", {"Domain": "shop"})
    store.domains.insert("us-east-1_Pool2", "auth.example.com", {
        "Domain": "auth.example.com",
        "CustomDomainConfig": {"CertificateArn": "arn:aws:acm:us-east-1:1:certificate/x"}})
    yield Context(settings=Settings(port=4566), store=store)
    store.close()


@pytest.mark.parametrize("header, name", [
    ("shop.auth.us-east-1.localhost:4566", "shop.auth.us-east-1.localhost"),
    ("LOCALHOST:4566", "localhost"),
    ("[::1]:4566", "::1"),
    ("127.0.0.1", "127.0.0.1"),
])
def test_hostname(header, name):
    assert hosts.hostname(header) == name


def test_a_domain_prefix_names_its_pool(ctx):
    assert hosts.pool_of_host(ctx, "shop.auth.us-east-1.localhost:4566") == "us-east-1_Pool1"
    assert hosts.pool_of_host(ctx, "auth.example.com") == "us-east-1_Pool2"


@pytest.mark.parametrize("header", ["localhost:4566", "127.0.0.1:4566", "[::1]:4566",
                                    "cognito", "api.example.org"])
def test_the_services_own_address_names_no_pool(ctx, header):
    assert hosts.pool_of_host(ctx, header) is None


@pytest.mark.parametrize("header", ["nobody.auth.us-east-1.localhost:4566",
                                    "shop.auth.eu-west-1.localhost:4566"])
def test_an_unknown_domain_is_refused(ctx, header):
    assert hosts.is_domain_host(header)
    with pytest.raises(hosts.UnknownDomain):
        hosts.pool_of_host(ctx, header)


def test_a_prefix_domain_is_served_with_the_services_scheme_and_port(ctx):
    assert hosts.pool_domain_url(ctx, "us-east-1_Pool1") == \
        "http://shop.auth.us-east-1.localhost:4566"
    assert hosts.pool_domain_url(ctx, "us-east-1_Pool2") is None
