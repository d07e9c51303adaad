"""DefineAuthChallenge: the custom auth flow asks the function what comes next, given the
challenges so far (`session`): tokens, failure, or the next challenge's name."""

from __future__ import annotations

from dataclasses import dataclass

from cfn_cognito.idp.triggers import event, fields, invoke

TRIGGER = "DefineAuthChallenge"
SOURCE = "DefineAuthChallenge_Authentication"


@dataclass(frozen=True)
class Decision:
    challenge_name: str | None
    issue_tokens: bool
    fail_authentication: bool


def run(req, user, username: str, session: list[dict]) -> Decision:
    """`user` None: nobody of that name (PreventUserExistenceErrors on). `session` is the
    list of {challengeName, challengeResult[, challengeMetadata]} so far."""
    ctx, pool = req.ctx, req.pool
    request = event.challenge_request(req, user, session=list(session))
    response = {"challengeName": None, "issueTokens": None, "failAuthentication": None}
    name = user.username if user is not None else username
    answer = invoke.call(ctx, pool, TRIGGER, event.envelope(
        ctx, pool, SOURCE, name, req.client["ClientId"], request, response))
    return Decision(fields.string(answer, "challengeName"),
                    bool(fields.boolean(answer, "issueTokens")),
                    bool(fields.boolean(answer, "failAuthentication")))
