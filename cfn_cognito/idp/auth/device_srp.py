"""Signing in with a confirmed device: DEVICE_SRP_AUTH, then DEVICE_PASSWORD_VERIFIER.

After the user's own proof, a request naming one of their confirmed devices (DEVICE_KEY)
is challenged to prove the device's secret by SRP (the device group key and device key in
place of the pool and user). A remembered device then skips MFA when the pool's
ChallengeRequiredOnNewDevice is on (idp/accounts/devices.py).
"""

from __future__ import annotations

from cfn_cognito.idp.accounts import devices
from cfn_cognito.idp.appclients import secret_hash
from cfn_cognito.idp.auth import srp
from cfn_cognito.idp.auth import outcome, sessions
from cfn_cognito.idp.auth.request import AuthRequest
from cfn_cognito.idp.errors import NotAuthorizedException

DEVICE_SRP_AUTH = "DEVICE_SRP_AUTH"
DEVICE_PASSWORD_VERIFIER = "DEVICE_PASSWORD_VERIFIER"
SUB, SOURCE, KEY = "sub", "token_source", "device_key"


def challenge(req: AuthRequest, user, token_source: str) -> dict | None:
    """DEVICE_SRP_AUTH when the request names a confirmed device of `user`, else None."""
    key = req.params.get("DEVICE_KEY")
    if not key or not devices.tracking(req.pool):
        return None
    found = req.ctx.store.devices.get(req.pool["Id"], key)
    if found is None or found[0] != user.sub or not found[1].get("Verifier"):
        return None
    session = sessions.create(req.ctx, req.pool, req.client, user.username, DEVICE_SRP_AUTH,
                              {SUB: user.sub, SOURCE: token_source, KEY: key})
    return {"ChallengeName": DEVICE_SRP_AUTH, "Session": session, "ChallengeParameters": {}}


def _user_and_device(req: AuthRequest, record: dict, key: str):
    user = req.ctx.store.users.get_by_sub(req.pool["Id"], record["state"].get(SUB, ""))
    if user is None or record["state"].get(KEY) != key:
        raise NotAuthorizedException(outcome.INCORRECT)
    return user, devices.find(req.ctx, req.pool, user, key)


def answer_srp(req: AuthRequest) -> dict:
    """DEVICE_SRP_AUTH's answer (SRP_A): the DEVICE_PASSWORD_VERIFIER challenge."""
    username = req.require("USERNAME")
    key = req.require("DEVICE_KEY")
    srp_a = req.require("SRP_A")
    secret_hash.check(req.client, username, req.params.get("SECRET_HASH"))
    ctx = req.ctx
    record = sessions.find(ctx, req.client, session=req.session)
    if record["challenge"] != DEVICE_SRP_AUTH:
        raise NotAuthorizedException(sessions.EXPIRED)
    user, device = _user_and_device(req, record, key)
    part, state = srp.start_device(device["DeviceGroupKey"], key, device["Salt"],
                                   device["Verifier"], srp_a, ctx.rng)
    sessions.use(ctx, record)
    state.update({SUB: user.sub, SOURCE: record["state"][SOURCE], KEY: key})
    session = sessions.create(ctx, req.pool, req.client, user.username,
                              DEVICE_PASSWORD_VERIFIER, state,
                              secret_block_id=srp.secret_block_id(part["SECRET_BLOCK"]))
    return {"ChallengeName": DEVICE_PASSWORD_VERIFIER, "Session": session,
            "ChallengeParameters": {"SALT": part["SALT"], "SRP_B": part["SRP_B"],
                                    "SECRET_BLOCK": part["SECRET_BLOCK"],
                                    "USERNAME": user.username, "DEVICE_KEY": key}}


def answer_verifier(req: AuthRequest) -> dict:
    """DEVICE_PASSWORD_VERIFIER's answer: the device's proof, then MFA (unless the device
    is remembered and the pool lets it skip) and tokens."""
    username = req.require("USERNAME")
    key = req.require("DEVICE_KEY")
    block = req.require("PASSWORD_CLAIM_SECRET_BLOCK")
    signature = req.require("PASSWORD_CLAIM_SIGNATURE")
    timestamp = req.require("TIMESTAMP")
    secret_hash.check(req.client, username, req.params.get("SECRET_HASH"))
    ctx = req.ctx
    record = sessions.find(ctx, req.client, session=req.session,
                           secret_block_id=srp.secret_block_id(block))
    if record["challenge"] != DEVICE_PASSWORD_VERIFIER:
        raise NotAuthorizedException(sessions.EXPIRED)
    user, device = _user_and_device(req, record, key)
    if not srp.verify_device(device["DeviceGroupKey"], key, record["state"], block, timestamp,
                             signature, ctx.clock()):
        raise NotAuthorizedException(outcome.INCORRECT)
    sessions.use(ctx, record)
    devices.authenticated(ctx, req.pool, device)
    return outcome.signed_in(req, user, record["state"][SOURCE],
                             mfa_done=devices.skips_mfa(req.pool, device), device=device)


CHALLENGES = {DEVICE_SRP_AUTH: answer_srp, DEVICE_PASSWORD_VERIFIER: answer_verifier}
