"""PostAuthentication: the user has proved who they are, just before tokens are issued.

A failure means no tokens (UserLambdaValidationException); the sign-in itself (a changed
password, a cleared lockout) stays done.
"""

from __future__ import annotations

from cfn_cognito.idp.triggers import event, invoke

TRIGGER = "PostAuthentication"
SOURCE = "PostAuthentication_Authentication"


def run(req, user) -> None:
    ctx, pool = req.ctx, req.pool
    if not invoke.function_of(pool, TRIGGER):
        return
    # No device tracking here, so a sign-in never comes from a new remembered device.
    request = event.with_metadata({"userAttributes": event.user_attributes(ctx, pool, user),
                                   "newDeviceUsed": False}, event.answer_metadata(req))
    invoke.call(ctx, pool, TRIGGER, event.envelope(ctx, pool, SOURCE, user.username,
                                                   req.client["ClientId"], request, {}))
