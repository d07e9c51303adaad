"""Which MFA challenge, if any, comes between a proven password and the tokens.

With the pool's MfaConfiguration OFF: none. Otherwise the user's preferred method, or their
only one, or SELECT_MFA_TYPE among several. A user with none gets nothing when MFA is
OPTIONAL; when it is ON: an SMS code to their phone, else an email code (when the pool
offers these), else MFA_SETUP to set up an authenticator.

SMS and email codes are made here, sent through the inbox, and kept (salted and hashed) in
the challenge's session state, so each challenge has its own code.
"""

from __future__ import annotations

import hashlib
import hmac
import json

from cfn_cognito.idp.accounts import inbox
from cfn_cognito.idp.userpools import mfa_settings as settings
from cfn_cognito.idp.auth import sessions
from cfn_cognito.idp.auth.request import AuthRequest
from cfn_cognito.idp.errors import InvalidParameterException

SELECT_MFA_TYPE = "SELECT_MFA_TYPE"
MFA_SETUP = "MFA_SETUP"
CODE_DIGITS = {settings.SMS: 6, settings.EMAIL: 8}
_CONTACT = {settings.SMS: "phone_number", settings.EMAIL: "email"}

# Keys of a challenge's session state.
SUB, SOURCE, CODE, METHODS = "sub", "token_source", "code", "methods"


def challenge(req: AuthRequest, user, token_source: str) -> dict | None:
    """The MFA challenge reply for `user`, or None when they go straight to tokens."""
    mode = settings.mode(req.pool)
    if mode == settings.OFF:
        return None
    offered = settings.pool_methods(req.ctx, req.pool)
    mine = usable_methods(user, offered)
    if mine:
        chosen = settings.preferred(user)
        if chosen in mine:
            return ask(req, user, chosen, token_source)
        if len(mine) == 1:
            return ask(req, user, mine[0], token_source)
        return _reply(req, user, SELECT_MFA_TYPE, token_source,
                      {"MFAS_CAN_CHOOSE": json.dumps(mine)}, {METHODS: mine})
    if mode == settings.OPTIONAL:
        return None
    for method in (settings.SMS, settings.EMAIL):
        if method in offered and settings.can_use(user, method):
            return ask(req, user, method, token_source)
    can_set_up = [m for m in (settings.SMS, settings.TOTP) if m in offered]
    return _reply(req, user, MFA_SETUP, token_source,
                  {"MFAS_CAN_SETUP": json.dumps(can_set_up)}, {})


def ask(req: AuthRequest, user, method: str, token_source: str) -> dict:
    """The challenge for one method: SOFTWARE_TOKEN_MFA, or a code sent by SMS / email."""
    if method == settings.TOTP:
        return _reply(req, user, settings.TOTP, token_source, {}, {})
    if method not in _CONTACT:
        raise InvalidParameterException(f"Invalid MFA type {method}")  # [U] wording
    parameters, state = send_code(req, user, method)
    return _reply(req, user, method, token_source, parameters, state)


def usable_methods(user, offered: list[str]) -> list[str]:
    """The MFA methods the user turned on that are `offered` (the pool's) and they can use."""
    return [m for m in settings.user_methods(user) if m in offered and settings.can_use(user, m)]


def send_code(req: AuthRequest, user, method: str) -> tuple[dict, dict]:
    """Make a code and send it by SMS (SMS_MFA) or email (EMAIL_OTP): the challenge's
    CODE_DELIVERY_* parameters, and the session state that `code_matches` checks answers
    against. (USER_AUTH's passwordless codes are made and sent the same way.)"""
    code = f"{req.ctx.rng.randrange(10 ** CODE_DIGITS[method]):0{CODE_DIGITS[method]}d}"
    details = inbox.deliver(req.ctx, req.pool, user, inbox.AUTHENTICATION, code,
                            _CONTACT[method], client_id=req.client["ClientId"],
                            client_metadata=req.client_metadata)
    parameters = {"CODE_DELIVERY_DELIVERY_MEDIUM": details["DeliveryMedium"],
                  "CODE_DELIVERY_DESTINATION": details["Destination"]}
    return parameters, {CODE: _hash(req, code)}


def code_matches(state: dict, code: str) -> bool:
    salt, _, digest = (state.get(CODE) or "").partition("$")
    return bool(salt) and hmac.compare_digest(digest, _digest(salt, code or ""))


def _hash(req: AuthRequest, code: str) -> str:
    salt = f"{req.ctx.rng.getrandbits(64):016x}"
    return f"{salt}${_digest(salt, code)}"


def _digest(salt: str, code: str) -> str:
    return hashlib.sha256(f"{salt}${code}".encode()).hexdigest()


def _reply(req: AuthRequest, user, name: str, token_source: str, parameters: dict,
           state: dict) -> dict:
    state = {SUB: user.sub, SOURCE: token_source, **state}
    session = sessions.create(req.ctx, req.pool, req.client, user.username, name, state)
    return {"ChallengeName": name, "Session": session,
            "ChallengeParameters": {**parameters, "USER_ID_FOR_SRP": user.username}}
