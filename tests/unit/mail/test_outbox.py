"""The outbox: sending off the caller's thread, retries, giving up, shutting down."""

import logging
import threading
from email.message import EmailMessage

from cfn_cognito.mail.outbox import Outbox
from cfn_cognito.mail.smtp import SendFailure, SmtpServer

SERVER = SmtpServer("mail.test", 25)
WAIT = 10


def _message(to: str) -> EmailMessage:
    message = EmailMessage()
    message["To"], message["Subject"] = to, "Your verification code"
    message.set_content("Your verification code is 123456.")
    return message


class FakeServer:
    """Fails each address the given number of times (then takes its mail) or for good."""

    def __init__(self, failures=None, permanent=(), crash=()):
        self.failures = dict(failures or {})
        self.permanent, self.crash = set(permanent), set(crash)
        self.tries, self.delivered = [], []
        self.done = threading.Event()
        self.expected = 1

    def send(self, server, message):
        to = message["To"]
        self.tries.append(to)
        try:
            if to in self.crash:
                raise RuntimeError("a bug")
            if to in self.permanent:
                raise SendFailure("535 authentication failed", permanent=True)
            if self.failures.get(to, 0) > 0:
                self.failures[to] -= 1
                raise SendFailure("cannot reach SMTP server mail.test:25: Connection refused")
            self.delivered.append(to)
        finally:
            if len(self.tries) >= self.expected:
                self.done.set()


def _run(fake: FakeServer, *addresses, expected_tries: int) -> None:
    fake.expected = expected_tries
    box = Outbox(SERVER, send=fake.send, retry_delays=(0, 0, 0))
    for to in addresses:
        box.post(_message(to))
    assert fake.done.wait(WAIT), f"only {fake.tries} tried"
    box.stop()


def test_a_failed_send_is_retried_until_it_goes_out(caplog):
    fake = FakeServer(failures={"ada@example.com": 2})
    with caplog.at_level(logging.INFO, "cfn_cognito.mail"):
        _run(fake, "ada@example.com", expected_tries=3)
    assert fake.delivered == ["ada@example.com"]
    assert "not sent (attempt 1 of 4): cannot reach SMTP server mail.test:25" in caplog.text
    assert "Email 'Your verification code' to ada@example.com sent through mail.test:25" \
        in caplog.text


def test_it_gives_up_after_four_tries_and_says_so(caplog):
    fake = FakeServer(failures={"bo@example.com": 99})
    with caplog.at_level(logging.INFO, "cfn_cognito.mail"):
        _run(fake, "bo@example.com", expected_tries=4)
    assert fake.tries == ["bo@example.com"] * 4 and not fake.delivered
    assert "giving up after attempt 4: cannot reach SMTP server" in caplog.text


def test_a_permanent_failure_is_not_retried_and_later_mail_still_goes(caplog):
    fake = FakeServer(permanent={"cy@example.com"}, crash={"dee@example.com"})
    with caplog.at_level(logging.INFO, "cfn_cognito.mail"):
        _run(fake, "cy@example.com", "dee@example.com", "eve@example.com", expected_tries=3)
    assert fake.tries == ["cy@example.com", "dee@example.com", "eve@example.com"]
    assert fake.delivered == ["eve@example.com"]
    assert "to cy@example.com not sent, giving up after attempt 1: 535" in caplog.text


def test_a_retry_waits_without_holding_up_the_mail_behind_it():
    fake = FakeServer(failures={"fay@example.com": 1})
    fake.expected = 2
    box = Outbox(SERVER, send=fake.send, retry_delays=(3600,))
    box.post(_message("fay@example.com"))
    box.post(_message("gus@example.com"))
    assert fake.done.wait(WAIT)
    assert fake.delivered == ["gus@example.com"]
    assert box.pending() == 1
    box.stop()
    assert box.pending() == 0


def test_after_stop_nothing_is_sent(caplog):
    fake = FakeServer()
    box = Outbox(SERVER, send=fake.send)
    box.stop()
    with caplog.at_level(logging.WARNING, "cfn_cognito.mail"):
        box.post(_message("hal@example.com"))
    assert "to hal@example.com not sent: shutting down" in caplog.text
    assert fake.tries == []
