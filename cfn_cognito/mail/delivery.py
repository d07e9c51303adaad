"""Handing a user's message to SMTP, when SMTP_HOST is set: the one call inbox.deliver makes."""

from __future__ import annotations

import logging

from cfn_cognito.context import Context
from cfn_cognito.mail.compose import compose
from cfn_cognito.mail.outbox import outbox_for
from cfn_cognito.mail.smtp import SmtpServer

LOG = logging.getLogger("cfn_cognito.mail")


def send_email(ctx: Context, pool: dict, medium: str, to: str, subject: str, body: str) -> None:
    """Queue the email for the SMTP server and return at once. Does nothing for SMS (which
    never leaves the inbox), a message with no address, or when no SMTP server is set."""
    if medium != "EMAIL" or not to or not ctx.settings.smtp_host:
        return
    try:
        message = compose(ctx.settings, pool, to, subject, body)
    except (ValueError, TypeError) as err:
        # A sender or address no header can carry: the request still succeeds, as on AWS
        # an undeliverable email does not fail the call that sent it.
        LOG.error("Email %r to %s not sent: %s (the message is in the inbox)", subject, to, err)
        return
    outbox_for(SmtpServer.from_settings(ctx.settings)).post(message)
