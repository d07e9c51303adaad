"""VerifyAuthChallengeResponse: the function judges the user's answer to a custom challenge
against the private parameters CreateAuthChallenge made."""

from __future__ import annotations

from cfn_cognito.idp.triggers import event, fields, invoke

TRIGGER = "VerifyAuthChallengeResponse"
SOURCE = "VerifyAuthChallengeResponse_Authentication"


def run(req, user, username: str, private: dict, answer: str) -> bool:
    """Whether the function found `answer` correct."""
    ctx, pool = req.ctx, req.pool
    request = event.challenge_request(req, user, privateChallengeParameters=dict(private),
                                      challengeAnswer=answer)
    name = user.username if user is not None else username
    result = invoke.call(ctx, pool, TRIGGER, event.envelope(
        ctx, pool, SOURCE, name, req.client["ClientId"], request, {"answerCorrect": None}))
    return bool(fields.boolean(result, "answerCorrect"))
