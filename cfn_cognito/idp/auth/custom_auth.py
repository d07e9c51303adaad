"""CUSTOM_AUTH: a sign-in whose steps the pool's DefineAuthChallenge, CreateAuthChallenge and
VerifyAuthChallengeResponse triggers decide (reference §4.4).

InitiateAuth(CUSTOM_AUTH, {USERNAME}) runs PreAuthentication, then asks DefineAuthChallenge
what comes next, given the challenges so far (`session`, empty at first). Its answer:

- failAuthentication: NotAuthorizedException "Incorrect username or password.";
- issueTokens: the tokens (after PostAuthentication and PreTokenGeneration, as any sign-in);
- CUSTOM_CHALLENGE: CreateAuthChallenge makes it; its public parameters (and USERNAME) go to
  the client with a Session. RespondToAuthChallenge(CUSTOM_CHALLENGE, {USERNAME, ANSWER})
  hands the answer and the private parameters to VerifyAuthChallengeResponse, whose verdict
  joins the session, and DefineAuthChallenge is asked again;
- PASSWORD_VERIFIER, when the client began with {CHALLENGE_NAME: SRP_A, SRP_A} (the session
  then starts with SRP_A, true): USER_SRP_AUTH's SRP challenge; a right proof adds
  PASSWORD_VERIFIER, true to the session and the loop goes on, a wrong one fails the
  sign-in as in USER_SRP_AUTH.

ClientMetadata reaches the three triggers from RespondToAuthChallenge only, never from
InitiateAuth. With PreventUserExistenceErrors on, a name nobody has still gets its
challenges (`userNotFound: true`), and can never be issued tokens.
"""

from __future__ import annotations

from cfn_cognito.errors import UnsupportedOperationException
from cfn_cognito.idp.appclients import client_requests
from cfn_cognito.idp.appclients import secret_hash
from cfn_cognito.idp.accounts import users
from cfn_cognito.idp.auth import lockout, outcome, sessions, user_srp
from cfn_cognito.idp.auth.request import AuthRequest
from cfn_cognito.idp.errors import InvalidParameterException, NotAuthorizedException
from cfn_cognito.idp.triggers import (
    create_auth_challenge,
    define_auth_challenge,
    fields,
    invoke,
    pre_authentication,
    verify_auth_challenge,
)

CUSTOM_CHALLENGE = "CUSTOM_CHALLENGE"
SRP_A = "SRP_A"
NOT_CONFIGURED = "Custom auth lambda trigger is not configured for the user pool."
# Challenges AWS lets DefineAuthChallenge name that this service does not pose.
_NOT_HERE = frozenset({"SMS_MFA", "SOFTWARE_TOKEN_MFA", "EMAIL_OTP", "SELECT_MFA_TYPE",
                       "MFA_SETUP", "DEVICE_SRP_AUTH", "DEVICE_PASSWORD_VERIFIER"})


def start(req: AuthRequest) -> dict:
    """InitiateAuth / AdminInitiateAuth with AuthFlow CUSTOM_AUTH."""
    username = req.require("USERNAME")
    secret_hash.check(req.client, username, req.params.get("SECRET_HASH"))
    _require(req, define_auth_challenge.TRIGGER)
    srp_a = req.require(SRP_A) if req.params.get("CHALLENGE_NAME") == SRP_A else None
    user = users.find_user(req.ctx, req.pool, username)
    if user is None and not client_requests.hides_existence(req.client):
        raise outcome.unknown_user(req)
    if user is not None:
        lockout.check(req.ctx, req.pool["Id"], user.sub)
        outcome.check_can_try(user)
    pre_authentication.run(req, user, username)
    return _next(req, user, username, [_result(SRP_A, True)] if srp_a else [], srp_a)


def answer(req: AuthRequest) -> dict:
    """RespondToAuthChallenge(CUSTOM_CHALLENGE, {USERNAME, ANSWER})."""
    username = req.require("USERNAME")
    reply = req.require("ANSWER")
    secret_hash.check(req.client, username, req.params.get("SECRET_HASH"))
    record = sessions.find(req.ctx, req.client, session=req.session)
    if record["challenge"] != CUSTOM_CHALLENGE:
        raise NotAuthorizedException(sessions.EXPIRED)
    sessions.use(req.ctx, record)
    state = record["state"]
    user = None
    if state["sub"] is not None:
        user = req.ctx.store.users.get_by_sub(req.pool["Id"], state["sub"])
        if user is None:
            raise NotAuthorizedException(outcome.INCORRECT)
        outcome.check_can_try(user)
    _require(req, verify_auth_challenge.TRIGGER)
    correct = verify_auth_challenge.run(req, user, state["username"], state["private"], reply)
    session = state["session"] + [_result(CUSTOM_CHALLENGE, correct, state["metadata"])]
    return _next(req, user, state["username"], session)


def began_with_srp(record: dict) -> bool:
    """Whether a PASSWORD_VERIFIER challenge's record is the SRP step of a CUSTOM_AUTH."""
    return user_srp.THEN in record["state"]


def after_password(req: AuthRequest, user, record: dict) -> dict:
    """The SRP proof of a CUSTOM_AUTH's SRP step was right: the loop goes on."""
    then = record["state"][user_srp.THEN]
    session = then["session"] + [_result(user_srp.PASSWORD_VERIFIER, True)]
    return _next(req, user, then["username"], session)


def _next(req: AuthRequest, user, username: str, session: list[dict],
          srp_a: str | None = None) -> dict:
    decision = define_auth_challenge.run(req, user, username, session)
    if decision.fail_authentication:
        raise NotAuthorizedException(outcome.INCORRECT)
    if decision.issue_tokens:
        if user is None:
            raise NotAuthorizedException(outcome.INCORRECT)
        return outcome.signed_in(req, user)
    name = decision.challenge_name
    if name == CUSTOM_CHALLENGE:
        return _custom_challenge(req, user, username, session)
    if name == user_srp.PASSWORD_VERIFIER and srp_a:
        return user_srp.challenge(req, username, user, srp_a,
                                  then={"username": username, "session": session})
    if name in _NOT_HERE:
        raise UnsupportedOperationException(
            f"DefineAuthChallenge asked for the {name} challenge, which cfn-cognito does not "
            "pose in a custom auth flow (CUSTOM_CHALLENGE and, after SRP_A, "
            "PASSWORD_VERIFIER are supported).")
    raise fields.invalid()


def _custom_challenge(req: AuthRequest, user, username: str, session: list[dict]) -> dict:
    _require(req, create_auth_challenge.TRIGGER)
    made = create_auth_challenge.run(req, user, username, session, CUSTOM_CHALLENGE)
    shown = user.username if user is not None else username
    state = {"sub": user.sub if user is not None else None, "username": username,
             "session": session, "private": made.private, "metadata": made.metadata}
    token = sessions.create(req.ctx, req.pool, req.client, shown, CUSTOM_CHALLENGE, state)
    return {"ChallengeName": CUSTOM_CHALLENGE, "Session": token,
            "ChallengeParameters": {**made.public, "USERNAME": shown}}


def _result(name: str, correct: bool, metadata: str | None = None) -> dict:
    """One entry of the `session` the challenge triggers see."""
    entry = {"challengeName": name, "challengeResult": correct}
    if name == CUSTOM_CHALLENGE:
        entry["challengeMetadata"] = metadata
    return entry


def _require(req: AuthRequest, trigger: str) -> None:
    if not invoke.function_of(req.pool, trigger):
        raise InvalidParameterException(NOT_CONFIGURED)
