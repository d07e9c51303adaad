"""PreAuthentication: when a sign-in starts, before the password is checked.

It runs even when the password will turn out wrong, so its refusal is what the caller sees
(reference §4.1). With PreventUserExistenceErrors on it also runs for a user who does not
exist, with `userNotFound: true`; otherwise an unknown user never reaches it.
"""

from __future__ import annotations

from cfn_cognito.idp.triggers import event, invoke

TRIGGER = "PreAuthentication"
SOURCE = "PreAuthentication_Authentication"


def run(req, user, username: str) -> None:
    """`user` None: the name given matched nobody."""
    ctx, pool = req.ctx, req.pool
    hidden = event.hides_existence(req.client)
    if not invoke.function_of(pool, TRIGGER) or (user is None and not hidden):
        return
    request = {"userAttributes": event.user_attributes(ctx, pool, user),
               "validationData": event.initiate_metadata(req)}
    if hidden:
        request["userNotFound"] = user is None
    name = user.username if user is not None else username
    invoke.call(ctx, pool, TRIGGER, event.envelope(ctx, pool, SOURCE, name,
                                                   req.client["ClientId"], request, {}))
