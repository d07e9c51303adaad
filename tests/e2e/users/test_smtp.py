"""Email delivery through a real SMTP server on loopback (aiosmtpd): plain, with STARTTLS and
a login, with implicit TLS, and with nothing listening at all.

Each test runs its own cfn-cognito with SMTP_* in its environment; the mail server's
certificate is made here and trusted through SSL_CERT_FILE, as a developer would trust a
private authority.
"""

import datetime
import email
import email.policy
import ipaddress
import queue
import re
import ssl
import time

import boto3
import pytest
import requests
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from cfn_cognito.testing import LocalCognito, free_port

PASSWORD = "Passw0rd!"
SMTP_LOGIN = ("mailer", "s3cret-pass")
MAIL_WAIT = 20


class Mailbox:
    """An aiosmtpd handler that keeps every message it is given, with its session."""

    def __init__(self):
        self.received = queue.Queue()

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
        message = email.message_from_bytes(envelope.original_content or envelope.content,
                                           policy=email.policy.default)
        self.received.put({"message": message, "rcpt_tos": envelope.rcpt_tos,
                           "mail_from": envelope.mail_from,
                           "tls": server.transport.get_extra_info("ssl_object") is not None,
                           "authenticated": session.authenticated})
        return "250 OK"

    def next(self) -> dict:
        try:
            return self.received.get(timeout=MAIL_WAIT)
        except queue.Empty:
            raise AssertionError(f"no email arrived within {MAIL_WAIT}s") from None


def _login(server, session, envelope, mechanism, auth_data):
    # handled=False: aiosmtpd itself answers a failure (535), as a real server does.
    return AuthResult(success=(auth_data.login, auth_data.password) ==
                      tuple(s.encode() for s in SMTP_LOGIN), handled=False)


@pytest.fixture(scope="module")
def certificate(tmp_path_factory):
    """(cert file, key file) of a self-signed certificate for localhost and 127.0.0.1."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "cfn-cognito test mail")])
    now = datetime.datetime.now(datetime.timezone.utc)
    cert = (
        x509.CertificateBuilder().subject_name(name).issuer_name(name)
        .public_key(key.public_key()).serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([
            x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()),
                       critical=False)
        .sign(key, hashes.SHA256())
    )
    folder = tmp_path_factory.mktemp("smtp-tls")
    cert_file, key_file = folder / "cert.pem", folder / "key.pem"
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(key.private_bytes(serialization.Encoding.PEM,
                                           serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return str(cert_file), str(key_file)


def _tls(certificate) -> ssl.SSLContext:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(*certificate)
    return context


def _start(controller: Controller):
    controller.start()
    return controller


@pytest.fixture
def plain_smtp():
    """An SMTP server that takes mail from anyone, without TLS or login."""
    mailbox = Mailbox()
    controller = _start(Controller(mailbox, hostname="127.0.0.1", port=free_port()))
    yield mailbox, controller.port
    controller.stop()


@pytest.fixture
def secure_smtp(certificate):
    """An SMTP server that insists on STARTTLS and then a login (SMTP_LOGIN)."""
    mailbox = Mailbox()
    controller = _start(Controller(mailbox, hostname="127.0.0.1", port=free_port(),
                                   tls_context=_tls(certificate), require_starttls=True,
                                   authenticator=_login, auth_required=True))
    yield mailbox, controller.port
    controller.stop()


@pytest.fixture
def smtps(certificate):
    """An SMTP server speaking TLS from the first byte (SMTPS)."""
    mailbox = Mailbox()
    controller = Controller(mailbox, hostname="127.0.0.1", port=free_port(),
                            ssl_context=_tls(certificate))
    _start(controller)
    yield mailbox, controller.port
    controller.stop()


def _idp(server: LocalCognito):
    return boto3.client("cognito-idp", endpoint_url=server.url, region_name="us-east-1")


def _pool_and_client(idp, **pool_settings):
    pool = idp.create_user_pool(PoolName="mail", AutoVerifiedAttributes=["email"],
                                **pool_settings)["UserPool"]
    client = idp.create_user_pool_client(
        UserPoolId=pool["Id"], ClientName="app",
        ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
    )["UserPoolClient"]
    return pool, client


def _sign_up(idp, client, username, address):
    return idp.sign_up(ClientId=client["ClientId"], Username=username, Password=PASSWORD,
                       UserAttributes=[{"Name": "email", "Value": address}])


def _text(message) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()


def _code(message) -> str:
    return re.search(r"\b(\d{6})\b", _text(message)).group(1)


def _wait_for_log(server: LocalCognito, text: str, timeout: float = MAIL_WAIT) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        log = server.log()
        if text in log:
            return log
        time.sleep(0.1)
    raise AssertionError(f"{text!r} not in the server log:\n{server.log()}")


def test_plain_smtp_delivers_the_sign_up_code_that_confirms_the_user(plain_smtp):
    mailbox, port = plain_smtp
    env = {"SMTP_HOST": f"127.0.0.1:{port}", "SMTP_EMAIL": "dev@cfn-cognito.test"}
    with LocalCognito(env=env) as server:
        idp = _idp(server)
        pool, client = _pool_and_client(idp)
        _sign_up(idp, client, "ada", "ada@example.com")

        mail = mailbox.next()
        message = mail["message"]
        assert mail["rcpt_tos"] == ["ada@example.com"]
        assert message["To"] == "ada@example.com"
        assert message["From"] == "dev@cfn-cognito.test"
        assert message["Subject"] == "Your verification code"
        assert not mail["tls"] and not mail["authenticated"]

        idp.confirm_sign_up(ClientId=client["ClientId"], Username="ada",
                            ConfirmationCode=_code(message))
        user = idp.admin_get_user(UserPoolId=pool["Id"], Username="ada")
        assert user["UserStatus"] == "CONFIRMED"
        log = _wait_for_log(server, "sent through 127.0.0.1")
        assert "'Your verification code' to ada@example.com" in log


def test_starttls_and_login_deliver_every_email_a_user_gets(secure_smtp, certificate):
    mailbox, port = secure_smtp
    env = {"SMTP_HOST": f"localhost:{port}", "SMTP_USER": SMTP_LOGIN[0],
           "SMTP_PASS": SMTP_LOGIN[1], "SMTP_EMAIL": "dev@cfn-cognito.test",
           "SSL_CERT_FILE": certificate[0]}
    with LocalCognito(env=env) as server:
        idp = _idp(server)
        # The pool's own sender and reply-to win over SMTP_EMAIL, as on AWS.
        pool, client = _pool_and_client(idp, EmailConfiguration={
            "EmailSendingAccount": "COGNITO_DEFAULT", "From": "Team <team@example.com>",
            "ReplyToEmailAddress": "help@example.com"})
        _sign_up(idp, client, "bo", "bo@example.com")
        mail = mailbox.next()
        assert mail["tls"] and mail["authenticated"]
        assert mail["message"]["From"] == "Team <team@example.com>"
        assert mail["message"]["Reply-To"] == "help@example.com"
        idp.resend_confirmation_code(ClientId=client["ClientId"], Username="bo")
        resent = mailbox.next()["message"]
        idp.confirm_sign_up(ClientId=client["ClientId"], Username="bo",
                            ConfirmationCode=_code(resent))

        # A forgotten password: the code in the mail sets a new one.
        idp.forgot_password(ClientId=client["ClientId"], Username="bo")
        reset = mailbox.next()["message"]
        idp.confirm_forgot_password(ClientId=client["ClientId"], Username="bo",
                                    ConfirmationCode=_code(reset), Password="N3w-Passw0rd!")
        signed_in = idp.initiate_auth(ClientId=client["ClientId"], AuthFlow="USER_PASSWORD_AUTH",
                                      AuthParameters={"USERNAME": "bo",
                                                      "PASSWORD": "N3w-Passw0rd!"})
        assert "AccessToken" in signed_in["AuthenticationResult"]

        # An invitation: the temporary password in the mail signs the user in.
        idp.admin_create_user(UserPoolId=pool["Id"], Username="cy",
                              UserAttributes=[{"Name": "email", "Value": "cy@example.com"}],
                              DesiredDeliveryMediums=["EMAIL"])
        invitation = mailbox.next()["message"]
        assert invitation["Subject"] == "Your temporary password"
        temporary = re.search(r"temporary password is (\S+)\. \s*$", _text(invitation)).group(1)
        challenge = idp.initiate_auth(ClientId=client["ClientId"], AuthFlow="USER_PASSWORD_AUTH",
                                      AuthParameters={"USERNAME": "cy", "PASSWORD": temporary})
        assert challenge["ChallengeName"] == "NEW_PASSWORD_REQUIRED"


def test_a_wrong_smtp_password_is_logged_and_the_api_carries_on(secure_smtp, certificate):
    mailbox, port = secure_smtp
    env = {"SMTP_HOST": f"localhost:{port}", "SMTP_USER": SMTP_LOGIN[0],
           "SMTP_PASS": "not-the-password", "SSL_CERT_FILE": certificate[0]}
    with LocalCognito(env=env) as server:
        idp = _idp(server)
        pool, client = _pool_and_client(idp)
        _sign_up(idp, client, "dee", "dee@example.com")
        log = _wait_for_log(server, "giving up")
        assert "to dee@example.com not sent" in log
        assert "535" in log  # the server's own answer to the login
        assert "not-the-password" not in log
        assert mailbox.received.empty()


def test_implicit_tls(smtps, certificate):
    mailbox, port = smtps
    env = {"SMTP_HOST": f"127.0.0.1:{port}", "SMTP_TLS": "1", "SSL_CERT_FILE": certificate[0]}
    with LocalCognito(env=env) as server:
        idp = _idp(server)
        pool, client = _pool_and_client(idp)
        _sign_up(idp, client, "eve", "eve@example.com")
        mail = mailbox.next()
        assert mail["tls"]
        # No SMTP_EMAIL and no sender in the pool: Cognito's own default sender.
        assert mail["message"]["From"] == "no-reply@verificationemail.com"
        idp.confirm_sign_up(ClientId=client["ClientId"], Username="eve",
                            ConfirmationCode=_code(mail["message"]))


def test_an_unreachable_smtp_server_leaves_the_api_working_and_the_code_in_the_inbox():
    closed = free_port()  # nothing listens here
    with LocalCognito(env={"SMTP_HOST": f"127.0.0.1:{closed}"}) as server:
        idp = _idp(server)
        pool, client = _pool_and_client(idp)
        answer = _sign_up(idp, client, "fay", "fay@example.com")
        assert answer["CodeDeliveryDetails"]["DeliveryMedium"] == "EMAIL"

        inbox = requests.get(server.url + "/_cfn_cognito/messages",
                             params={"username": "fay"}, timeout=10).json()["messages"]
        assert [m["kind"] for m in inbox] == ["SignUp"]
        idp.confirm_sign_up(ClientId=client["ClientId"], Username="fay",
                            ConfirmationCode=inbox[0]["code"])
        log = _wait_for_log(server, "Connection refused")
        assert f"to fay@example.com not sent (attempt 1 of 4): cannot reach SMTP server " \
               f"127.0.0.1:{closed}" in log
        assert idp.admin_get_user(UserPoolId=pool["Id"],
                                  Username="fay")["UserStatus"] == "CONFIRMED"


def test_sms_never_goes_to_the_smtp_server(plain_smtp):
    mailbox, port = plain_smtp
    with LocalCognito(env={"SMTP_HOST": f"127.0.0.1:{port}"}) as server:
        idp = _idp(server)
        pool = idp.create_user_pool(PoolName="sms", AutoVerifiedAttributes=["phone_number"])
        client = idp.create_user_pool_client(UserPoolId=pool["UserPool"]["Id"],
                                             ClientName="app")["UserPoolClient"]
        idp.sign_up(ClientId=client["ClientId"], Username="gus", Password=PASSWORD,
                    UserAttributes=[{"Name": "phone_number", "Value": "+15550100"},
                                    {"Name": "email", "Value": "gus@example.com"}])
        inbox = requests.get(server.url + "/_cfn_cognito/messages", timeout=10).json()
        assert [m["medium"] for m in inbox["messages"]] == ["SMS"]
        # An email sent after it arrives alone: the SMS never reached the mail server.
        idp.admin_create_user(UserPoolId=pool["UserPool"]["Id"], Username="hal",
                              UserAttributes=[{"Name": "email", "Value": "hal@example.com"}],
                              DesiredDeliveryMediums=["EMAIL"])
        assert mailbox.next()["rcpt_tos"] == ["hal@example.com"]
        assert mailbox.received.empty()


def test_an_untrusted_certificate_is_refused_and_the_log_says_how_to_trust_it(secure_smtp):
    mailbox, port = secure_smtp
    with LocalCognito(env={"SMTP_HOST": f"localhost:{port}"}) as server:
        idp = _idp(server)
        pool, client = _pool_and_client(idp)
        _sign_up(idp, client, "ivy", "ivy@example.com")
        log = _wait_for_log(server, "giving up after attempt 1")
        assert "certificate verify failed" in log or "self-signed certificate" in log
        assert "trust a private authority with SSL_CERT_FILE" in log
        assert mailbox.received.empty()
