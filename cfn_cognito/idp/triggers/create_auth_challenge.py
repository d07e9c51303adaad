"""CreateAuthChallenge: the function makes the custom challenge DefineAuthChallenge asked
for: public parameters for the client, private ones for VerifyAuthChallengeResponse, and a
name for it (`challengeMetadata`) that later `session` entries carry."""

from __future__ import annotations

from dataclasses import dataclass

from cfn_cognito.idp.triggers import event, fields, invoke

TRIGGER = "CreateAuthChallenge"
SOURCE = "CreateAuthChallenge_Authentication"


@dataclass(frozen=True)
class Challenge:
    public: dict
    private: dict
    metadata: str | None


def run(req, user, username: str, session: list[dict], challenge_name: str) -> Challenge:
    ctx, pool = req.ctx, req.pool
    request = event.challenge_request(req, user, challengeName=challenge_name,
                                      session=list(session))
    response = {"publicChallengeParameters": None, "privateChallengeParameters": None,
                "challengeMetadata": None}
    name = user.username if user is not None else username
    answer = invoke.call(ctx, pool, TRIGGER, event.envelope(
        ctx, pool, SOURCE, name, req.client["ClientId"], request, response))
    return Challenge(fields.string_map(answer, "publicChallengeParameters") or {},
                     fields.string_map(answer, "privateChallengeParameters") or {},
                     fields.string(answer, "challengeMetadata"))
