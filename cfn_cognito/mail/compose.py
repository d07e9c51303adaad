"""The email a user gets: headers from the pool's EmailConfiguration, the rendered body.

The sender is the pool's `From`, else the address of its SES identity (`SourceArn`), else
SMTP_EMAIL, else Cognito's own default sender. Bodies are HTML, as Cognito sends them
(templates may hold tags such as the confirmation link), with a plain-text alternative.
"""

from __future__ import annotations

import html
import re
from email.message import EmailMessage
from email.utils import formatdate, make_msgid, parseaddr

from cfn_cognito.config import Settings

# What AWS sends from when a pool names no sender (EmailSendingAccount COGNITO_DEFAULT).
COGNITO_SENDER = "no-reply@verificationemail.com"

_TAG = re.compile(r"<[^>]*>")
_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)


def sender(settings: Settings, pool: dict) -> str:
    config = pool.get("EmailConfiguration") or {}
    if config.get("From"):
        return config["From"]
    # arn:aws:ses:<region>:<account>:identity/<address or domain>
    identity = (config.get("SourceArn") or "").partition(":identity/")[2]
    if "@" in identity:
        return identity
    return settings.smtp_email or COGNITO_SENDER


def plain_text(body: str) -> str:
    """The body without its tags, as a mail client without HTML shows it."""
    return html.unescape(_TAG.sub("", _BREAK.sub("\n", body)))


def compose(settings: Settings, pool: dict, to: str, subject: str, body: str) -> EmailMessage:
    """The message to `to`; ValueError when a header cannot be written (a malformed From)."""
    message = EmailMessage()
    from_ = sender(settings, pool)
    message["From"] = from_
    message["To"] = to
    reply_to = (pool.get("EmailConfiguration") or {}).get("ReplyToEmailAddress")
    if reply_to:
        message["Reply-To"] = reply_to
    # A subject template may hold line breaks, which a header cannot.
    message["Subject"] = " ".join(subject.split())
    message["Date"] = formatdate(localtime=False)
    domain = parseaddr(from_)[1].rpartition("@")[2] or "localhost"
    message["Message-ID"] = make_msgid(domain=domain)
    message.set_content(plain_text(body))
    message.add_alternative(body, subtype="html")
    return message
