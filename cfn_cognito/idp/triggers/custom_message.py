"""CustomMessage: the function rewrites a code or invitation message before it is sent.

It receives placeholders, not the secret: `codeParameter` "{####}" (the code, or the
temporary password of an invitation) and, for an invitation, `usernameParameter`
"{username}". Its smsMessage / emailMessage / emailSubject replace the pool's template for
that medium, and the placeholders are then filled in. A message that leaves out a
placeholder it must carry ({####}; for an invitation {username} too) could never deliver
what it is for: [U] it is set aside for the template's message, with a warning in the log,
as AWS is reported to fall back to its default message then. A failing function fails the
operation, after whatever it had stored (a new user, a new code) and before anything is
recorded or sent.
"""

from __future__ import annotations

import logging

from cfn_cognito.context import Context
from cfn_cognito.idp.triggers import event, fields, invoke

LOG = logging.getLogger(__name__)

TRIGGER = "CustomMessage"
CODE = "{####}"
USERNAME = "{username}"
INVITATION = "AdminCreateUser"


def render(ctx: Context, pool: dict, user, kind: str, medium: str, code: str,
           default: tuple[str, str], *, client_id: str | None = None,
           client_metadata: dict | None = None) -> tuple[str, str]:
    """(subject, body) of the message of `kind` (SignUp, ForgotPassword, ... as the trigger
    sources name them) going to `user` by `medium` (EMAIL / SMS): the function's, filled in,
    or `default` (the template's, already filled in) for whatever it left alone."""
    if not invoke.function_of(pool, TRIGGER):
        return default
    invitation = kind == INVITATION
    request = event.with_metadata({
        "userAttributes": event.user_attributes(ctx, pool, user),
        "codeParameter": CODE,
        "usernameParameter": USERNAME if invitation else None,
    }, client_metadata)
    response = {"smsMessage": None, "emailMessage": None, "emailSubject": None}
    answer = invoke.call(ctx, pool, TRIGGER, event.envelope(
        ctx, pool, f"{TRIGGER}_{kind}", user.username, client_id, request, response))
    sms, email, subject = (fields.string(answer, key)
                           for key in ("smsMessage", "emailMessage", "emailSubject"))
    body = sms if medium == "SMS" else email
    needed = (CODE, USERNAME) if invitation else (CODE,)
    if body is not None and not all(placeholder in body for placeholder in needed):
        LOG.warning("the %s message of the CustomMessage trigger leaves out %s: the pool's "
                    "message is sent instead", kind, " or ".join(needed))
        body = None

    def fill(text: str) -> str:
        text = text.replace(CODE, code)
        return text.replace(USERNAME, user.username) if invitation else text

    default_subject, default_body = default
    if medium == "SMS":
        return default_subject, fill(body) if body is not None else default_body
    return (fill(subject) if subject is not None else default_subject,
            fill(body) if body is not None else default_body)
