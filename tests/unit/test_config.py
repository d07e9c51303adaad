"""Settings from flags over environment over defaults."""

import os

import pytest

from cfn_cognito.config import Settings, from_sources


def test_defaults():
    s = from_sources({}, {})
    assert (s.host, s.port, s.in_memory, s.region, s.account_id, s.log_level, s.threads) == \
        ("127.0.0.1", 4566, False, "us-east-1", "000000000000", "info", 8)
    assert s.workers == min(2, os.cpu_count() or 1)
    # ./.cfn-cognito, made absolute: function workers run in another working directory.
    assert s.data_dir == os.path.join(os.getcwd(), ".cfn-cognito")
    assert s.base_url == "http://localhost:4566"


def test_the_environment_overrides_defaults():
    s = from_sources({}, {"CFN_COGNITO_PORT": "5000", "CFN_COGNITO_REGION": "eu-west-1",
                          "CFN_COGNITO_IN_MEMORY": "1", "CFN_COGNITO_DATA_DIR": "/tmp/x",
                          "CFN_COGNITO_ACCOUNT_ID": "123456789012", "CFN_COGNITO_THREADS": "4"})
    assert (s.port, s.region, s.in_memory, s.data_dir, s.account_id, s.threads) == \
        (5000, "eu-west-1", True, "/tmp/x", "123456789012", 4)
    assert s.base_url == "http://localhost:5000"


def test_flags_override_the_environment():
    s = from_sources({"port": 6000, "region": "ap-south-1", "in_memory": None},
                     {"CFN_COGNITO_PORT": "5000", "CFN_COGNITO_REGION": "eu-west-1",
                      "CFN_COGNITO_IN_MEMORY": "true"})
    assert (s.port, s.region, s.in_memory) == (6000, "ap-south-1", True)


@pytest.mark.parametrize("raw,expected", [
    ("1", True), ("true", True), ("YES", True), ("on", True),
    ("0", False), ("false", False), ("no", False), ("off", False), ("", False),
])
def test_boolean_environment_values(raw, expected):
    assert from_sources({}, {"CFN_COGNITO_IN_MEMORY": raw}).in_memory is expected


@pytest.mark.parametrize("env,named", [
    ({"CFN_COGNITO_IN_MEMORY": "maybe"}, "CFN_COGNITO_IN_MEMORY"),
    ({"CFN_COGNITO_PORT": "http"}, "CFN_COGNITO_PORT"),
    ({"CFN_COGNITO_THREADS": "many"}, "CFN_COGNITO_THREADS"),
])
def test_unreadable_environment_values_name_their_variable(env, named):
    with pytest.raises(ValueError, match=named):
        from_sources({}, env)


@pytest.mark.parametrize("changes", [{"port": 0}, {"port": 65536}, {"threads": 0}, {"log_level": "loud"}])
def test_impossible_settings_are_refused(changes):
    with pytest.raises(ValueError):
        Settings(**changes)


def test_public_url_is_the_base_url_without_trailing_slash():
    assert from_sources({"public_url": "https://cognito.local:8443/"}, {}).base_url == "https://cognito.local:8443"


def test_replace_gives_a_new_immutable_settings():
    s = Settings()
    t = s.replace(region="eu-west-1")
    assert (s.region, t.region) == ("us-east-1", "eu-west-1")
    with pytest.raises(Exception):
        s.region = "x"


def test_allowed_hosts_come_from_the_flag_or_the_environment():
    from_env = from_sources({}, {"CFN_COGNITO_ALLOWED_HOSTS": "a.test,.b.test"})
    assert from_env.allowed_host_names == ("a.test", ".b.test")
    flagged = from_sources({"allowed_hosts": "C.test:4566 [fe80::1]:4566"},
                                  {"CFN_COGNITO_ALLOWED_HOSTS": "a.test"})
    assert flagged.allowed_host_names == ("c.test", "fe80::1")


@pytest.mark.parametrize("entry", ["http://a.test", "*.a.test", "user@a.test", ".", "a/b"])
def test_allowed_hosts_that_are_not_host_names_are_refused(entry):
    with pytest.raises(ValueError, match="allowed hosts"):
        Settings(allowed_hosts=entry)


def test_https_puts_the_public_url_on_the_second_port():
    s = from_sources({}, {"CFN_COGNITO_HTTPS": "1", "CFN_COGNITO_PORT": "5000"})
    assert (s.https, s.tls_port, s.base_url) == (True, 5001, "https://localhost:5001")
    s = from_sources({"https": True, "https_port": 8443}, {})
    assert (s.port, s.tls_port, s.base_url) == (4566, 8443, "https://localhost:8443")
    # --public-url still says what the public URL is.
    s = from_sources({"https": True, "public_url": "https://cognito.test:9000/"}, {})
    assert s.base_url == "https://cognito.test:9000"
    # Without --https, a port for it changes nothing.
    assert from_sources({"https_port": 8443}, {}).base_url == "http://localhost:4566"


@pytest.mark.parametrize("flags, message", [
    ({"https": True, "port": 65535}, "out of range: pass --https-port"),
    ({"https": True, "https_port": 4566}, "port of its own"),
    ({"https_port": 70000}, "between 1 and 65535"),
])
def test_https_ports_that_cannot_work_are_refused(flags, message):
    with pytest.raises(ValueError, match=message):
        from_sources(flags, {})
