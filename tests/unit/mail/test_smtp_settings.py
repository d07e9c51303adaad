"""SMTP settings: LocalStack's environment names, SMTP_HOST forms, the password kept out of
sight."""

import pytest

from cfn_cognito import config
from cfn_cognito.mail.smtp import SendFailure, SmtpServer, send
from cfn_cognito.testing import free_port


def test_smtp_settings_come_from_the_unprefixed_environment():
    settings = config.from_sources({}, {"SMTP_HOST": "mail.test:2525", "SMTP_USER": "u",
                                        "SMTP_PASS": "hush", "SMTP_EMAIL": "dev@example.com",
                                        "SMTP_TLS": "1", "CFN_COGNITO_SMTP_HOST": "ignored"})
    server = SmtpServer.from_settings(settings)
    assert server == SmtpServer("mail.test", 2525, "u", "hush", True)
    assert settings.smtp_email == "dev@example.com"
    assert "hush" not in repr(settings) and "hush" not in repr(server)


@pytest.mark.parametrize("host, tls, expected", [
    ("mail.test", False, ("mail.test", 25)),
    ("mail.test", True, ("mail.test", 465)),
    ("127.0.0.1:1025", False, ("127.0.0.1", 1025)),
    ("[::1]:1025", False, ("::1", 1025)),
    ("::1", False, ("::1", 25)),
])
def test_smtp_host_is_a_host_with_an_optional_port(host, tls, expected):
    assert config.Settings(smtp_host=host, smtp_tls=tls).smtp_address == expected


@pytest.mark.parametrize("environ, named", [
    ({"SMTP_HOST": "mail.test:smtp"}, "SMTP_HOST"),
    ({"SMTP_HOST": "mail.test:70000"}, "SMTP_HOST"),
    ({"SMTP_TLS": "maybe"}, "SMTP_TLS"),
])
def test_a_bad_smtp_setting_is_refused_at_start_naming_it(environ, named):
    with pytest.raises(ValueError, match=named):
        config.from_sources({}, environ)


def test_a_closed_port_is_a_failure_worth_retrying():
    port = free_port()
    with pytest.raises(SendFailure) as failure:
        send(SmtpServer("127.0.0.1", port), None, timeout=5)
    assert not failure.value.permanent
    assert failure.value.reason.startswith(f"cannot reach SMTP server 127.0.0.1:{port}: ")
