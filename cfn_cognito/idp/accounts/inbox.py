"""Sending a user a message: the one place every code and invitation goes out.

Each message is rendered from the pool's templates, recorded in the dev inbox (readable at
`GET /_cfn_cognito/messages`) and announced in the server log, e.g.
`Confirmation code for Cognito user alice: 123456`. Email delivery over SMTP and the
CustomMessage trigger hook in here.
"""

from __future__ import annotations

import logging
from urllib.parse import urlencode

from cfn_cognito import mail
from cfn_cognito.context import Context
from cfn_cognito.idp.accounts import attributes, users
from cfn_cognito.idp.triggers import custom_message, senders

LOG = logging.getLogger("cfn_cognito.inbox")

# Kinds of message, named as the CustomMessage trigger sources name them.
SIGN_UP = "SignUp"
RESEND_CODE = "ResendCode"
FORGOT_PASSWORD = "ForgotPassword"
ADMIN_CREATE_USER = "AdminCreateUser"
UPDATE_USER_ATTRIBUTE = "UpdateUserAttribute"
VERIFY_USER_ATTRIBUTE = "VerifyUserAttribute"
AUTHENTICATION = "Authentication"  # an MFA code (SMS_MFA, EMAIL_OTP)

DEFAULT_VERIFICATION = {"EmailSubject": "Your verification code",
                        "EmailMessage": "Your verification code is {####}. ",
                        "SmsMessage": "Your verification code is {####}. "}
DEFAULT_LINK = {"EmailSubjectByLink": "Your verification link",
                "EmailMessageByLink": "Please click the link below to verify your email "
                                      "address. {##Verify Email##} "}
DEFAULT_INVITATION = {"EmailSubject": "Your temporary password",
                      "EmailMessage": "Your username is {username} and temporary password is "
                                      "{####}. ",
                      "SMSMessage": "Your username is {username} and temporary password is "
                                    "{####}. "}
DEFAULT_AUTHENTICATION = {"Subject": "Your authentication code",
                          "Message": "Your authentication code is {####}. ",
                          "SmsAuthenticationMessage": "Your authentication code is {####}. "}

_LOG_LINES = {
    SIGN_UP: "Confirmation code for Cognito user {username}: {code}",
    RESEND_CODE: "Confirmation code for Cognito user {username}: {code}",
    FORGOT_PASSWORD: "Password reset code for Cognito user {username}: {code}",
    ADMIN_CREATE_USER: "Temporary password for Cognito user {username}: {code}",
    UPDATE_USER_ATTRIBUTE: "Verification code for {attribute} of Cognito user {username}: {code}",
    VERIFY_USER_ATTRIBUTE: "Verification code for {attribute} of Cognito user {username}: {code}",
    AUTHENTICATION: "Authentication code for Cognito user {username}: {code}",
}


def _fill(template: str, username: str, code: str) -> str:
    return template.replace("{####}", code).replace("{username}", username)


def _link(ctx: Context, client_id: str, username: str, code: str) -> str:
    query = urlencode({"client_id": client_id, "user_name": username, "confirmation_code": code})
    return f"{ctx.settings.base_url}/confirmUser?{query}"


def _render(ctx: Context, pool: dict, kind: str, medium: str, username: str, code: str,
            client_id: str | None) -> tuple[str, str]:
    """(subject, body) of a message from the pool's templates."""
    if kind == AUTHENTICATION:
        # The pool's SMS MFA message, or its EmailMfaConfiguration (SetUserPoolMfaConfig).
        given = (ctx.store.mfa_configs.get(pool["Id"], "") or {}).get("EmailMfaConfiguration") or {}
        template = {**DEFAULT_AUTHENTICATION, **{k: v for k, v in given.items() if v}}
        if medium == "SMS":
            sms = pool.get("SmsAuthenticationMessage") or template["SmsAuthenticationMessage"]
            return "", _fill(sms, username, code)
        return template["Subject"], _fill(template["Message"], username, code)
    if kind == ADMIN_CREATE_USER:
        given = (pool.get("AdminCreateUserConfig") or {}).get("InviteMessageTemplate") or {}
        template = {**DEFAULT_INVITATION, **{k: v for k, v in given.items() if v}}
        if medium == "SMS":
            return "", _fill(template["SMSMessage"], username, code)
        return template["EmailSubject"], _fill(template["EmailMessage"], username, code)
    given = pool.get("VerificationMessageTemplate") or {}
    template = {**DEFAULT_VERIFICATION, **DEFAULT_LINK, **{k: v for k, v in given.items() if v}}
    if medium == "SMS":
        return "", _fill(template["SmsMessage"], username, code)
    by_link = (given.get("DefaultEmailOption") == "CONFIRM_WITH_LINK"
               and kind in (SIGN_UP, RESEND_CODE) and client_id)
    if by_link:
        body = template["EmailMessageByLink"]
        start, end = body.find("{##"), body.find("##}")
        if start >= 0 and end > start:
            text = body[start + 3:end]
            body = body[:start] + f'<a href="{_link(ctx, client_id, username, code)}">{text}</a>' \
                + body[end + 3:]
        return template["EmailSubjectByLink"], _fill(body, username, code)
    return template["EmailSubject"], _fill(template["EmailMessage"], username, code)


def deliver(ctx: Context, pool: dict, user, kind: str, code: str, contact: str | None, *,
            address: str | None = None, client_id: str | None = None,
            client_metadata: dict | None = None) -> dict | None:
    """Send `code` (or a temporary password) to the user's `contact` attribute (email /
    phone_number), record it in the inbox and log it. Returns the CodeDeliveryDetails
    when it went to an attribute; None when `contact` is None (no address AWS would send
    to: the message is still recorded and logged, with an empty `to`, so a developer can
    carry on). `address` overrides the attribute's value (a new address awaiting
    verification). The pool's CustomMessage trigger (given the request's `client_metadata`)
    rewrites a message that has somewhere to go (a custom sender function is refused: see
    triggers/senders.py); call this outside any transaction."""
    value = (address or attributes.get(user, contact)) if contact else None
    medium = attributes.MEDIUM[contact] if value else "EMAIL"
    subject, body = _render(ctx, pool, kind, medium, user.username, code, client_id)
    if value:
        senders.refuse(pool, medium)
        subject, body = custom_message.render(ctx, pool, user, kind, medium, code, (subject, body),
                                              client_id=client_id, client_metadata=client_metadata)
    ctx.store.messages.add(time=ctx.now(), pool_id=pool["Id"], username=user.username,
                           destination=value or "", medium=medium, kind=kind, subject=subject,
                           body=body, code=code)
    LOG.info(_LOG_LINES[kind].format(username=user.username, code=code, attribute=contact))
    mail.send_email(ctx, pool, medium, value, subject, body)
    if not value:
        return None
    return attributes.delivery_details(contact, value)


def messages(ctx: Context, pool_id: str | None = None, username: str | None = None,
             kind: str | None = None, to: str | None = None, since: float | None = None,
             limit: int | None = None) -> list[dict]:
    """The inbox, oldest first, in its JSON form: all of it, or the messages of one pool,
    user, kind or address (`to`, any case), or sent at or after `since` (epoch seconds);
    with `limit`, only the newest ones."""
    return [{"id": m["id"], "time": m["time"], "pool": m["pool_id"], "username": m["username"],
             "to": m["destination"], "medium": m["medium"], "kind": m["kind"],
             "subject": m["subject"], "body": m["body"], "code": m["code"]}
            for m in ctx.store.messages.list(pool_id, username, kind, to, since, limit,
                                             _owners(ctx, pool_id, username))]


def clear(ctx: Context, pool_id: str | None = None, username: str | None = None,
          kind: str | None = None, to: str | None = None, since: float | None = None) -> int:
    """Empty the inbox (or the part `messages` would select with these filters); how many
    messages went."""
    return ctx.store.messages.delete(pool_id, username, kind, to, since,
                                     _owners(ctx, pool_id, username))


def _owners(ctx: Context, pool_id: str | None, name: str | None) -> list[tuple[str, str]]:
    """(pool id, username) of the users `name` stands for in each pool (or in `pool_id`):
    in an email-as-username pool a message carries the internal username (the sub), while a
    developer looks it up by the email they signed up with."""
    if not name:
        return []
    pools = ([ctx.store.pools.get("", pool_id)] if pool_id else ctx.store.pools.all(""))
    found = [(pool["Id"], users.find_user(ctx, pool, name)) for pool in pools if pool]
    return [(pool_id_, user.username) for pool_id_, user in found if user is not None]


# -- where a code goes --------------------------------------------------------------------

def verification_contact(pool: dict, user) -> str | None:
    """Where a sign-up code goes: an auto-verified attribute the user has (SMS first, as AWS
    prefers it when both are auto-verified), else nowhere."""
    auto = pool.get("AutoVerifiedAttributes") or []
    for contact in ("phone_number", "email"):
        if contact in auto and attributes.get(user, contact):
            return contact
    return None


# What ForgotPassword and AdminResetUserPassword answer when recovery_contact finds nothing.
NO_RECOVERY_CONTACT = ("Cannot reset password for the user as there is no registered/verified "
                       "email or phone_number")


def recovery_contact(pool: dict, user) -> str | None:
    """Where a password-reset code goes: the first verified address in the pool's
    AccountRecoverySetting order (without one: a verified phone, then a verified email)."""
    mechanisms = (pool.get("AccountRecoverySetting") or {}).get("RecoveryMechanisms")
    if mechanisms:
        order = [m["Name"] for m in sorted(mechanisms, key=lambda m: m.get("Priority", 0))]
    else:
        order = ["verified_phone_number", "verified_email"]
    for name in order:
        contact = {"verified_email": "email", "verified_phone_number": "phone_number"}.get(name)
        if contact and attributes.is_verified(user, contact):
            return contact
    return None
