"""USER_SRP_AUTH: the PASSWORD_VERIFIER challenge, and its answer.

The client's answer carries the SECRET_BLOCK back (and no Session), so the challenge's state
is found again by the secret block's hash. CUSTOM_AUTH uses the same challenge for its SRP
step (`challenge(..., then=...)`); challenges.py sends the answer on to whichever flow
started it.
"""

from __future__ import annotations

from cfn_cognito.idp.auth import events as auth_events
from cfn_cognito.idp.appclients import secret_hash
from cfn_cognito.idp.auth import srp
from cfn_cognito.idp.auth import srp_math
from cfn_cognito.idp.accounts import users
from cfn_cognito.idp.auth import lockout, outcome, sessions
from cfn_cognito.idp.auth.request import AuthRequest
from cfn_cognito.idp.errors import InvalidParameterException, NotAuthorizedException
from cfn_cognito.idp.triggers import pre_authentication

PASSWORD_VERIFIER = "PASSWORD_VERIFIER"
# In a challenge's state: what the flow that started it needs to go on after the proof.
THEN = "then"


def start(req: AuthRequest) -> dict:
    username = req.require("USERNAME")
    srp_a = req.require("SRP_A")
    secret_hash.check(req.client, username, req.params.get("SECRET_HASH"))
    # Not by sub: AWS answers a sub as USERNAME as it answers an unknown name.
    user = users.find_user(req.ctx, req.pool, username, by_sub=False)
    if user is None and req.client.get("PreventUserExistenceErrors") != "ENABLED":
        raise outcome.unknown_user(req)
    if user is not None:
        lockout.check(req.ctx, req.pool["Id"], user.sub)
        outcome.check_can_try(user, reset=False)
        outcome.check_confirmed(user)
    pre_authentication.run(req, user, username)
    return challenge(req, username, user, srp_a)


def challenge(req: AuthRequest, username: str, user, srp_a: str,
              then: dict | None = None, with_session: bool = False) -> dict:
    """The PASSWORD_VERIFIER challenge for `user`; for None (nobody of that name, with user
    existence errors prevented) a believable one whose answer can never verify. `then` is
    kept for the flow that goes on after the proof, and the reply then carries a Session
    (as it does `with_session`: USER_AUTH's clients pass it back)."""
    ctx = req.ctx
    if user is None:
        user_id = username
        salt, verifier = _unanswerable(req, user_id)
    else:
        user_id = user.username
        salt, verifier = user.doc.get("SrpSalt"), user.doc.get("SrpVerifier")
        if not verifier:
            # A user with no password (passwordless) cannot answer SRP.
            salt, verifier = _unanswerable(req, user_id)
    part, state = srp.start(req.pool["Id"], user_id, salt, verifier, srp_a, ctx.rng)
    if then is not None:
        state[THEN] = then
    session = sessions.create(ctx, req.pool, req.client, user_id, PASSWORD_VERIFIER, state,
                              secret_block_id=srp.secret_block_id(part["SECRET_BLOCK"]))
    reply = {"ChallengeName": PASSWORD_VERIFIER}
    if then is not None or with_session:
        reply["Session"] = session
    reply["ChallengeParameters"] = {
        "SALT": part["SALT"],
        "SECRET_BLOCK": part["SECRET_BLOCK"],
        "SRP_B": part["SRP_B"],
        "USERNAME": user_id,
        "USER_ID_FOR_SRP": user_id,
    }
    return reply


def _unanswerable(req: AuthRequest, user_id: str) -> tuple[str, str]:
    """A salt and verifier for a random password nobody knows."""
    return srp_math.make_verifier(req.pool["Id"], user_id, req.ctx.rng.randbytes(32).hex(),
                                  req.ctx.rng)


def prove(req: AuthRequest):
    """Check RespondToAuthChallenge(PASSWORD_VERIFIER)'s proof of the password: (the user,
    the challenge's session record); NotAuthorizedException (a counted failure) if wrong."""
    # Asked for in the order AWS names them when several are missing (measured).
    username = req.require("USERNAME")
    timestamp = req.require("TIMESTAMP")
    signature = req.require("PASSWORD_CLAIM_SIGNATURE")
    block = req.require("PASSWORD_CLAIM_SECRET_BLOCK")
    if srp.b64(signature) is None:
        raise InvalidParameterException(
            "Invalid PASSWORD_CLAIM_SIGNATURE format. Must be a Base64 string.")
    secret_hash.check(req.client, username, req.params.get("SECRET_HASH"))
    ctx = req.ctx
    # A SECRET_BLOCK that names no challenge (altered, made up) is a failed proof to AWS.
    record = sessions.consume(ctx, req.client, session=req.session,
                              secret_block_id=srp.secret_block_id(block),
                              unknown=outcome.INCORRECT)
    user = users.find_user(ctx, req.pool, record["username"])
    if user is None or record["pool_id"] != req.pool["Id"]:
        raise NotAuthorizedException(outcome.INCORRECT)
    ok = srp.verify(req.pool["Id"], user.username, record["state"], block, timestamp, signature,
                    ctx.clock())
    if not ok:
        lockout.record_failure(ctx, req.pool["Id"], user.sub)
        auth_events.record(ctx, req.pool, user, auth_events.SIGN_IN, auth_events.FAIL)
        raise NotAuthorizedException(outcome.INCORRECT)
    lockout.record_success(ctx, req.pool["Id"], user.sub)
    # A reset password is told after the proof, not at the first step (measured).
    outcome.check_not_reset(user)
    return user, record

