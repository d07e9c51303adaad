"""USER_AUTH: choice-based sign-in. The user signs in with one of the first factors the pool
allows (Policies.SignInPolicy.AllowedFirstAuthFactors) that they can use:

- PASSWORD, for a user with a password, offered as two challenges: PASSWORD (the password
  itself, checked as in USER_PASSWORD_AUTH) and PASSWORD_SRP (its SRP proof, as in
  USER_SRP_AUTH);
- EMAIL_OTP / SMS_OTP, for a user with a verified email address / phone number: a code
  sent there (made and sent as an MFA code is: the inbox, the log, SMTP).

InitiateAuth(USER_AUTH, {USERNAME, PREFERRED_CHALLENGE, ...}) goes straight to the preferred
challenge when the user can use it; otherwise it answers SELECT_CHALLENGE, listing the
choices in the response's AvailableChallenges, and RespondToAuthChallenge(SELECT_CHALLENGE,
{USERNAME, ANSWER, ...}) picks one. Either way, PASSWORD comes with PASSWORD and PASSWORD_SRP
with SRP_A; without them the PASSWORD / PASSWORD_SRP challenge asks for them. Then:

- PASSWORD: tokens, or MFA or NEW_PASSWORD_REQUIRED, as after USER_PASSWORD_AUTH;
- PASSWORD_SRP: USER_SRP_AUTH's PASSWORD_VERIFIER challenge (with a Session);
- EMAIL_OTP / SMS_OTP: the challenge of that name, answered with EMAIL_OTP_CODE /
  SMS_OTP_CODE. The right code signs the user in with no MFA step; a wrong one is a failed
  sign-in (lockout.py) and leaves the session usable, as a wrong MFA code does.

One-time passwords and MFA do not mix: AWS's MFA prerequisites (as Amplify's passwordless
guide sums them up: "If a user has MFA configured, passwordless sign-in options will not be
available") leave no OTP first factor to a pool that requires MFA, nor, where MFA is
optional, to a user who turned MFA on. AWS also asks for the Essentials tier and, for email
codes, its own email configuration when the pool is set up; this service has neither tiers
nor mail providers to choose, so sign-in does not ask.

- WEB_AUTHN: a passkey (auth/passkeys.py), for a user who registered one: the challenge's
  CREDENTIAL_REQUEST_OPTIONS are the browser's navigator.credentials.get() options, and
  the answer's CREDENTIAL the assertion (JSON). The challenge is bound to the Session and
  used once; the assertion must come from an allowed origin, for the pool's RP ID, with a
  counter that grew, and with user verification when the pool requires it. Where MFA
  applies, a passkey is offered only when the pool counts it as multi-factor
  (FactorConfiguration MULTI_FACTOR_WITH_USER_VERIFICATION, user verification required).

With the
client's PreventUserExistenceErrors, a name nobody has is offered what the pool allows and
gets believable challenges, whose answers all fail. PreAuthentication runs once per
sign-in, when the chosen factor starts.
"""

from __future__ import annotations

import json

from cfn_cognito.idp.accounts import attributes
from cfn_cognito.idp.auth import events as auth_events
from cfn_cognito.idp.appclients import client_requests
from cfn_cognito.idp.userpools import mfa_settings as settings
from cfn_cognito.idp.appclients import secret_hash
from cfn_cognito.idp.accounts import users
from cfn_cognito.idp.auth import (
    lockout,
    mfa,
    mfa_answers,
    outcome,
    passkeys,
    sessions,
    user_password,
    user_srp,
)
from cfn_cognito.idp.auth.request import AuthRequest
from cfn_cognito.idp.errors import (
    CodeMismatchException,
    InvalidParameterException,
    NotAuthorizedException,
)
from cfn_cognito.idp.triggers import pre_authentication

PASSWORD, PASSWORD_SRP, EMAIL_OTP, SMS_OTP = "PASSWORD", "PASSWORD_SRP", "EMAIL_OTP", "SMS_OTP"
WEB_AUTHN = "WEB_AUTHN"
SELECT_CHALLENGE = "SELECT_CHALLENGE"
# Per one-time-password factor: the address it goes to, the MFA method that makes and sends
# codes the same way, and the answer's parameter.
_CONTACT = {EMAIL_OTP: "email", SMS_OTP: "phone_number"}
_METHOD = {EMAIL_OTP: settings.EMAIL, SMS_OTP: settings.SMS}
CODE_PARAMETERS = {EMAIL_OTP: "EMAIL_OTP_CODE", SMS_OTP: "SMS_OTP_CODE"}

# Keys of a challenge's session state. FIRST_FACTOR marks a one-time password of this flow
# (EMAIL_OTP is also email MFA's challenge).
SUB, USERNAME, CHOICES, FIRST_FACTOR = "sub", "username", "choices", "first_factor"
# The kind of session ConfirmSignUp gives for signing in at once (never a challenge name).
CONFIRMED_SIGN_UP = "CONFIRMED_SIGN_UP"


def allowed_factors(pool: dict) -> list[str]:
    """The pool's AllowedFirstAuthFactors (PASSWORD alone when it has none)."""
    return (pool.get("Policies", {}).get("SignInPolicy") or {}).get(
        "AllowedFirstAuthFactors") or [PASSWORD]


def available(ctx, pool: dict, user) -> list[str]:
    """The first-factor challenges `user` can choose; for None (a name nobody has, with user
    existence errors prevented), all the pool allows."""
    allowed = allowed_factors(pool)
    choices = []
    if PASSWORD in allowed and (user is None or user.doc.get("PasswordHash")):
        choices += [PASSWORD, PASSWORD_SRP]
    if WEB_AUTHN in allowed and (user is None or ctx.store.webauthn_credentials.of_user(
            pool["Id"], user.sub)) and (not _mfa_applies(ctx, pool, user)
                                        or _passkey_is_multi_factor(ctx, pool)):
        choices.append(WEB_AUTHN)
    if _mfa_applies(ctx, pool, user):
        return choices
    for factor in (EMAIL_OTP, SMS_OTP):
        if factor in allowed and (user is None or attributes.is_verified(user, _CONTACT[factor])):
            choices.append(factor)
    return choices


def _mfa_applies(ctx, pool: dict, user) -> bool:
    """Whether the user's sign-ins need MFA, which leaves them no one-time-password factor."""
    mode = settings.mode(pool)
    if mode == settings.ON:
        return True
    if mode == settings.OFF or user is None:
        return False
    return bool(mfa.usable_methods(user, settings.pool_methods(ctx, pool)))


def _passkey_is_multi_factor(ctx, pool: dict) -> bool:
    config = settings.pool_config(ctx, pool).get("WebAuthnConfiguration") or {}
    return config.get("FactorConfiguration") == "MULTI_FACTOR_WITH_USER_VERIFICATION" \
        and config.get("UserVerification") == "required"


def start(req: AuthRequest) -> dict:
    """InitiateAuth / AdminInitiateAuth with AuthFlow USER_AUTH."""
    username = req.require("USERNAME")
    secret_hash.check(req.client, username, req.params.get("SECRET_HASH"))
    if req.session:
        return _after_confirmation(req, username)
    preferred = req.params.get("PREFERRED_CHALLENGE")
    user = users.find_user(req.ctx, req.pool, username)
    if user is None and not client_requests.hides_existence(req.client) \
            and not _may_migrate(req, preferred):
        raise outcome.unknown_user(req)
    if user is not None:
        lockout.check(req.ctx, req.pool["Id"], user.sub)
        outcome.check_can_try(user)
    choices = available(req.ctx, req.pool, user)
    if preferred in choices:
        return _begin(req, user, username, preferred)
    if not choices:
        raise NotAuthorizedException(outcome.INCORRECT)
    return _choice(req, user, username, SELECT_CHALLENGE, choices)


def confirmation_session(ctx, pool: dict, client: dict, user) -> str | None:
    """The Session ConfirmSignUp answers with, which signs the user in at once through
    USER_AUTH (the code they just confirmed with was their proof); None for a client that
    does not allow USER_AUTH, which could not use it."""
    from cfn_cognito.idp.appclients.clients import auth_flows    # clients imports much of idp
    if "ALLOW_USER_AUTH" not in auth_flows(client):
        return None
    return sessions.create(ctx, pool, client, user.username, CONFIRMED_SIGN_UP,
                           {SUB: user.sub})


def _after_confirmation(req: AuthRequest, username: str) -> dict:
    """InitiateAuth(USER_AUTH) with ConfirmSignUp's Session: signed in without a challenge,
    once, by the user who confirmed, within the client's AuthSessionValidity."""
    record = sessions.find(req.ctx, req.client, req.session)
    user = users.find_user(req.ctx, req.pool, username)
    if record["challenge"] != CONFIRMED_SIGN_UP or user is None \
            or user.sub != record["state"].get(SUB):
        raise NotAuthorizedException(sessions.EXPIRED)
    outcome.check_can_try(user)
    sessions.use(req.ctx, record)
    pre_authentication.run(req, user, username)
    return outcome.signed_in(req, user)


def _may_migrate(req: AuthRequest, preferred: str | None) -> bool:
    """A password sign-in for a name the pool does not know: the UserMigration trigger's
    to settle (user_password.authenticate)."""
    return preferred == PASSWORD and bool(req.params.get("PASSWORD")) \
        and PASSWORD in allowed_factors(req.pool)


def _begin(req: AuthRequest, user, username: str, factor: str) -> dict:
    """Sign in with the chosen first factor; `username` is the name the user gave."""
    if factor == PASSWORD:
        password = req.params.get("PASSWORD")
        if not password:
            return _choice(req, user, username, PASSWORD, [PASSWORD])
        return outcome.signed_in(req, user_password.authenticate(req, username, password))
    if factor == PASSWORD_SRP:
        srp_a = req.params.get("SRP_A")
        if not srp_a:
            return _choice(req, user, username, PASSWORD_SRP, [PASSWORD_SRP])
        pre_authentication.run(req, user, username)
        return user_srp.challenge(req, username, user, srp_a, with_session=True)
    pre_authentication.run(req, user, username)
    if factor == WEB_AUTHN:
        return _passkey_challenge(req, user, username)
    return _send_code(req, user, username, factor)


# Keys of the WEB_AUTHN challenge's session state besides SUB and USERNAME.
PASSKEY_CHALLENGE = "passkey_challenge"


def _passkey_challenge(req: AuthRequest, user, username: str) -> dict:
    """The WEB_AUTHN challenge: options for navigator.credentials.get() naming the user's
    passkeys (none, for a name nobody has: no authenticator can answer)."""
    rp = passkeys.relying_party(req.ctx, req.pool)
    ids = [] if user is None else [
        r.credential_id for r in req.ctx.store.webauthn_credentials.of_user(req.pool["Id"],
                                                                              user.sub)]
    options, challenge = passkeys.authentication_options(rp, ids)
    state = {SUB: user.sub if user is not None else None, USERNAME: username,
             PASSKEY_CHALLENGE: challenge}
    shown = user.username if user is not None else username
    session = sessions.create(req.ctx, req.pool, req.client, shown, WEB_AUTHN, state)
    return {"ChallengeName": WEB_AUTHN, "Session": session,
            "ChallengeParameters": {"CREDENTIAL_REQUEST_OPTIONS": json.dumps(options)}}


def _choice(req: AuthRequest, user, username: str, name: str, choices: list[str]) -> dict:
    """A challenge that waits for the user's choice (SELECT_CHALLENGE), or for what the
    chosen factor needs (PASSWORD, PASSWORD_SRP)."""
    state = {SUB: user.sub if user is not None else None, USERNAME: username, CHOICES: choices}
    shown = user.username if user is not None else username
    session = sessions.create(req.ctx, req.pool, req.client, shown, name, state)
    if name == SELECT_CHALLENGE:
        return {"ChallengeName": name, "Session": session, "AvailableChallenges": choices}
    return {"ChallengeName": name, "Session": session, "ChallengeParameters": {}}


def _answer_choice(name: str):
    def answer(req: AuthRequest) -> dict:
        username = req.require("USERNAME")
        secret_hash.check(req.client, username, req.params.get("SECRET_HASH"))
        chosen = req.require("ANSWER") if name == SELECT_CHALLENGE else name
        record = sessions.find(req.ctx, req.client, session=req.session)
        if record["challenge"] != name:
            raise NotAuthorizedException(sessions.EXPIRED)
        state = record["state"]
        if chosen not in state[CHOICES]:
            raise InvalidParameterException(  # [U] wording
                f"The challenge {chosen} is not available to the user.")
        user = None
        if state[SUB] is not None:
            user = req.ctx.store.users.get_by_sub(req.pool["Id"], state[SUB])
            if user is None:
                raise NotAuthorizedException(outcome.INCORRECT)
            lockout.check(req.ctx, req.pool["Id"], user.sub)
            outcome.check_can_try(user)
        sessions.use(req.ctx, record)
        return _begin(req, user, state[USERNAME], chosen)
    return answer


def _send_code(req: AuthRequest, user, username: str, factor: str) -> dict:
    """The EMAIL_OTP / SMS_OTP challenge, its code sent; for None, a believable one."""
    if user is None:
        parameters, state, shown = _simulated_delivery(factor, username), {}, username
    else:
        parameters, state = mfa.send_code(req, user, _METHOD[factor])
        state[SUB], shown = user.sub, user.username
    state[FIRST_FACTOR] = True
    session = sessions.create(req.ctx, req.pool, req.client, shown, factor, state)
    return {"ChallengeName": factor, "Session": session, "ChallengeParameters": parameters}


def _simulated_delivery(factor: str, username: str) -> dict:
    contact = _CONTACT[factor]
    if contact == "email":
        initial = username[:1].lower() or "u"
        value = username if attributes.is_email(username) else f"{initial}@{initial}"
    else:
        value = username if attributes.is_phone(username) else "+" + "0" * 11
    details = attributes.delivery_details(contact, value)
    return {"CODE_DELIVERY_DELIVERY_MEDIUM": details["DeliveryMedium"],
            "CODE_DELIVERY_DESTINATION": details["Destination"]}


def is_first_factor(req: AuthRequest) -> bool:
    """Whether the answer's Session is a one-time password of this flow (not an MFA code's)."""
    if not req.session:
        return False
    try:
        record = sessions.find(req.ctx, req.client, session=req.session)
    except NotAuthorizedException:
        return False
    return bool(record["state"].get(FIRST_FACTOR))


def _answer_code(factor: str):
    def answer(req: AuthRequest) -> dict:
        record, user = mfa_answers.challenge_session(req, factor)
        code = req.require(CODE_PARAMETERS[factor])
        if not record["state"].get(FIRST_FACTOR):
            raise CodeMismatchException(mfa_answers.INVALID_CODE)
        ctx, pool_id = req.ctx, req.pool["Id"]
        lockout.check(ctx, pool_id, user.sub)
        outcome.check_can_try(user)
        if not mfa.code_matches(record["state"], code):
            lockout.record_failure(ctx, pool_id, user.sub)
            auth_events.record(ctx, req.pool, user, auth_events.SIGN_IN, auth_events.FAIL)
            raise CodeMismatchException(mfa_answers.INVALID_CODE)
        sessions.use(ctx, record)
        lockout.record_success(ctx, pool_id, user.sub)
        return outcome.signed_in(req, user, mfa_done=True)
    return answer


def passkey_challenge(req: AuthRequest, username: str) -> dict:
    """USER_AUTH started straight at WEB_AUTHN for `username` (the hosted UI's passkey
    sign-in): the WEB_AUTHN challenge, or NotAuthorizedException when the user has no
    passkey to use."""
    req.params.update({"USERNAME": username, "PREFERRED_CHALLENGE": WEB_AUTHN})
    step = start(req)
    if step.get("ChallengeName") != WEB_AUTHN:
        raise NotAuthorizedException(outcome.INCORRECT)
    return step


def _web_authn(req: AuthRequest) -> dict:
    return outcome.signed_in(req, prove_passkey(req), mfa_done=True)


def prove_passkey(req: AuthRequest):
    """The user whose passkey answers the WEB_AUTHN challenge (req.session; USERNAME and
    CREDENTIAL in req.params), checked against the session's challenge and the stored
    passkey. The session is used before the check, so an assertion (right or wrong) is
    never accepted twice. A passkey is a whole sign-in: no MFA step follows it."""
    ctx = req.ctx
    username = req.require("USERNAME")
    secret_hash.check(req.client, username, req.params.get("SECRET_HASH"))
    record = sessions.find(ctx, req.client, session=req.session)
    if record["challenge"] != WEB_AUTHN:
        raise NotAuthorizedException(sessions.EXPIRED)
    credential = req.require("CREDENTIAL")
    state = record["state"]
    user = ctx.store.users.get_by_sub(req.pool["Id"], state[SUB]) if state[SUB] else None
    if user is None:
        sessions.use(ctx, record)
        raise NotAuthorizedException(outcome.INCORRECT)
    lockout.check(ctx, req.pool["Id"], user.sub)
    outcome.check_can_try(user)
    sessions.use(ctx, record)
    rp = passkeys.relying_party(ctx, req.pool)
    stored = ctx.store.webauthn_credentials.get(req.pool["Id"], passkeys.credential_id(credential))
    try:
        if stored is None or stored.sub != user.sub:
            raise NotAuthorizedException(outcome.INCORRECT)
        verified = passkeys.verify_assertion(rp, credential, state[PASSKEY_CHALLENGE],
                                             stored.public_key, stored.sign_count)
        if not ctx.store.webauthn_credentials.advance_counter(
                req.pool["Id"], stored.credential_id, stored.sign_count,
                verified.new_sign_count):
            raise NotAuthorizedException(outcome.INCORRECT)
    except Exception:
        lockout.record_failure(ctx, req.pool["Id"], user.sub)
        auth_events.record(ctx, req.pool, user, auth_events.SIGN_IN, auth_events.FAIL)
        raise
    lockout.record_success(ctx, req.pool["Id"], user.sub)
    return user


answer_email_otp = _answer_code(EMAIL_OTP)

# Answers challenges.py dispatches to (EMAIL_OTP's it shares with email MFA).
CHALLENGES = {
    SELECT_CHALLENGE: _answer_choice(SELECT_CHALLENGE),
    PASSWORD: _answer_choice(PASSWORD),
    PASSWORD_SRP: _answer_choice(PASSWORD_SRP),
    SMS_OTP: _answer_code(SMS_OTP),
    WEB_AUTHN: _web_authn,
}
