"""Outbound email: SMTP delivery of the messages a user would get, when SMTP_HOST is set.

Every message is first recorded in the dev inbox and the log (cfn_cognito.idp.accounts.inbox); this
package only adds delivery of the emails among them:

    mail.send_email(ctx, pool, medium, to, subject, body)
        Queue an email for the SMTP server of ctx.settings and return at once (no-op for SMS,
        an empty address, or no SMTP_HOST). A background thread sends it, logging and
        retrying failures; nothing is ever raised to the caller.
    mail.stop()
        End the sending threads (at shutdown).
"""

from cfn_cognito.mail.delivery import send_email
from cfn_cognito.mail.outbox import stop_all as stop

__all__ = ["send_email", "stop"]
