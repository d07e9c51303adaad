"""Sending one email through an SMTP server with the standard library.

Plain SMTP upgrades to TLS with STARTTLS whenever the server offers it; `implicit_tls` speaks
TLS from the first byte (SMTPS). Certificates are verified against the system's authorities
(a private one is trusted through OpenSSL's SSL_CERT_FILE). Login happens when a user is set.
"""

from __future__ import annotations

import smtplib
import socket
import ssl
from dataclasses import dataclass, field
from email.message import EmailMessage

from cfn_cognito.config import Settings

TIMEOUT_SECONDS = 15.0


@dataclass(frozen=True)
class SmtpServer:
    """Where and how to send: one per distinct configuration."""
    host: str
    port: int
    user: str = ""
    password: str = field(default="", repr=False)
    implicit_tls: bool = False

    @classmethod
    def from_settings(cls, settings: Settings) -> "SmtpServer":
        host, port = settings.smtp_address
        return cls(host, port, settings.smtp_user, settings.smtp_pass, settings.smtp_tls)

    @property
    def address(self) -> str:
        return f"[{self.host}]:{self.port}" if ":" in self.host else f"{self.host}:{self.port}"


class SendFailure(Exception):
    """The message did not go out; `reason` says why, `permanent` that trying again is
    pointless (a refused login, recipient or certificate)."""

    def __init__(self, reason: str, permanent: bool = False):
        super().__init__(reason)
        self.reason = reason
        self.permanent = permanent


def send(server: SmtpServer, message: EmailMessage, timeout: float = TIMEOUT_SECONDS) -> None:
    """Deliver `message` (its From/To headers name the envelope); SendFailure when it did not
    go out."""
    try:
        _send(server, message, timeout)
    except smtplib.SMTPRecipientsRefused as err:
        refused = "; ".join(f"{rcpt}: {_reply(code, text)}"
                            for rcpt, (code, text) in err.recipients.items())
        raise SendFailure(f"recipient refused by {server.address} ({refused})",
                          all(code >= 500 for code, _ in err.recipients.values())) from None
    except smtplib.SMTPResponseException as err:
        permanent = err.smtp_code >= 500 or isinstance(err, smtplib.SMTPAuthenticationError)
        raise SendFailure(f"{server.address} answered {_reply(err.smtp_code, err.smtp_error)}",
                          permanent) from None
    except smtplib.SMTPNotSupportedError as err:
        raise SendFailure(f"{server.address}: {err}", permanent=True) from None
    except ssl.SSLCertVerificationError as err:
        raise SendFailure(f"TLS with {server.address} failed: {err.verify_message or err} "
                          "(trust a private authority with SSL_CERT_FILE)",
                          permanent=True) from None
    except ssl.SSLError as err:
        raise SendFailure(f"TLS with {server.address} failed: {err}") from None
    except smtplib.SMTPException as err:
        raise SendFailure(f"SMTP with {server.address} failed: {err}") from None
    except OSError as err:
        raise SendFailure(f"cannot reach SMTP server {server.address}: "
                          f"{err.strerror or str(err) or type(err).__name__}") from None


def _send(server: SmtpServer, message: EmailMessage, timeout: float) -> None:
    tls = ssl.create_default_context()
    # The machine's own name, without the DNS lookups smtplib's default (getfqdn) may wait on.
    me = socket.gethostname() or "localhost"
    if server.implicit_tls:
        conn = smtplib.SMTP_SSL(server.host, server.port, local_hostname=me, timeout=timeout,
                                context=tls)
    else:
        conn = smtplib.SMTP(server.host, server.port, local_hostname=me, timeout=timeout)
    with conn:
        conn.ehlo()
        if not server.implicit_tls and conn.has_extn("starttls"):
            conn.starttls(context=tls)
            conn.ehlo()
        if server.user:
            conn.login(server.user, server.password)
        conn.send_message(message)


def _reply(code: int, text) -> str:
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    return f"{code} {text}".strip()
