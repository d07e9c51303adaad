"""The table of challenge answers, shared by RespondToAuthChallenge and
AdminRespondToAuthChallenge."""

from __future__ import annotations

from cfn_cognito.idp.auth import new_password, user_srp

CHALLENGES = {
    "PASSWORD_VERIFIER": user_srp.answer,
    "NEW_PASSWORD_REQUIRED": new_password.answer,
}
