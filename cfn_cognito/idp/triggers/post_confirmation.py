"""PostConfirmation: after ConfirmSignUp / AdminConfirmSignUp (and a SignUp that PreSignUp
auto-confirmed) or ConfirmForgotPassword has changed the user.

The change is stored before the function runs, so its failure is reported to the caller
(UserLambdaValidationException) but does not undo the confirmation or the new password.
"""

from __future__ import annotations

from cfn_cognito.context import Context
from cfn_cognito.idp.triggers import event, invoke

TRIGGER = "PostConfirmation"
CONFIRM_SIGN_UP = "PostConfirmation_ConfirmSignUp"
CONFIRM_FORGOT_PASSWORD = "PostConfirmation_ConfirmForgotPassword"


def run(ctx: Context, pool: dict, user, source: str, client_id: str | None = None,
        client_metadata: dict | None = None) -> None:
    if not invoke.function_of(pool, TRIGGER):
        return
    request = event.with_metadata({"userAttributes": event.user_attributes(ctx, pool, user)},
                                  client_metadata)
    invoke.call(ctx, pool, TRIGGER, event.envelope(ctx, pool, source, user.username, client_id,
                                                   request, {}))
