"""USER_SRP_AUTH: the PASSWORD_VERIFIER challenge, and its answer.

The client's answer carries the SECRET_BLOCK back (and no Session), so the challenge's state
is found again by the secret block's hash.
"""

from __future__ import annotations

from cfn_cognito.idp import secret_hash, srp, srp_math, users
from cfn_cognito.idp.auth import lockout, outcome, sessions
from cfn_cognito.idp.auth.request import AuthRequest
from cfn_cognito.idp.errors import NotAuthorizedException

PASSWORD_VERIFIER = "PASSWORD_VERIFIER"


def start(req: AuthRequest) -> dict:
    username = req.require("USERNAME")
    srp_a = req.require("SRP_A")
    secret_hash.check(req.client, username, req.params.get("SECRET_HASH"))
    ctx = req.ctx
    user = users.find_user(ctx, req.pool, username)
    if user is None:
        if req.client.get("PreventUserExistenceErrors") != "ENABLED":
            raise outcome.unknown_user(req)
        # A believable challenge for nobody: its answer can never verify.
        user_id = username
        salt, verifier = _unanswerable(req, user_id)
    else:
        lockout.check(ctx, req.pool["Id"], user.sub)
        outcome.check_can_try(user)
        user_id = user.username
        salt, verifier = user.doc.get("SrpSalt"), user.doc.get("SrpVerifier")
        if not verifier:
            # A user with no password (passwordless) cannot answer SRP.
            salt, verifier = _unanswerable(req, user_id)
    part, state = srp.start(req.pool["Id"], user_id, salt, verifier, srp_a, ctx.rng)
    sessions.create(ctx, req.pool, req.client, user_id, PASSWORD_VERIFIER, state,
                    secret_block_id=srp.secret_block_id(part["SECRET_BLOCK"]))
    return {
        "ChallengeName": PASSWORD_VERIFIER,
        "ChallengeParameters": {
            "SALT": part["SALT"],
            "SECRET_BLOCK": part["SECRET_BLOCK"],
            "SRP_B": part["SRP_B"],
            "USERNAME": user_id,
            "USER_ID_FOR_SRP": user_id,
        },
    }


def _unanswerable(req: AuthRequest, user_id: str) -> tuple[str, str]:
    """A salt and verifier for a random password nobody knows."""
    return srp_math.make_verifier(req.pool["Id"], user_id, req.ctx.rng.randbytes(32).hex(),
                                  req.ctx.rng)


def answer(req: AuthRequest) -> dict:
    """RespondToAuthChallenge(PASSWORD_VERIFIER)."""
    username = req.require("USERNAME")
    block = req.require("PASSWORD_CLAIM_SECRET_BLOCK")
    signature = req.require("PASSWORD_CLAIM_SIGNATURE")
    timestamp = req.require("TIMESTAMP")
    secret_hash.check(req.client, username, req.params.get("SECRET_HASH"))
    ctx = req.ctx
    record = sessions.consume(ctx, req.client, session=req.session,
                              secret_block_id=srp.secret_block_id(block))
    user = users.find_user(ctx, req.pool, record["username"])
    if user is None or record["pool_id"] != req.pool["Id"]:
        raise NotAuthorizedException(outcome.INCORRECT)
    ok = srp.verify(req.pool["Id"], user.username, record["state"], block, timestamp, signature,
                    ctx.clock())
    if not ok:
        lockout.record_failure(ctx, req.pool["Id"], user.sub)
        raise NotAuthorizedException(outcome.INCORRECT)
    lockout.record_success(ctx, req.pool["Id"], user.sub)
    return outcome.signed_in(req, user)

