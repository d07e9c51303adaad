"""How a sign-in ends once the user has proved who they are: a challenge still to answer
(NEW_PASSWORD_REQUIRED) or tokens."""

from __future__ import annotations

import json

from cfn_cognito.idp.accounts import attributes
from cfn_cognito.idp.auth import events as auth_events
from cfn_cognito.idp.accounts import devices
from cfn_cognito.idp.issuer import tokens
from cfn_cognito.idp.accounts import users
from cfn_cognito.idp.auth import device_srp, mfa, sessions
from cfn_cognito.idp.auth.request import AuthRequest
from cfn_cognito.idp.accounts.groups import precedence_rank
from cfn_cognito.idp.errors import (
    NotAuthorizedException,
    PasswordResetRequiredException,
    UserNotConfirmedException,
    UserNotFoundException,
)
from cfn_cognito.idp.triggers import post_authentication, pre_token_generation

INCORRECT = "Incorrect username or password."
NOT_CONFIRMED = "User is not confirmed."
NEW_PASSWORD_REQUIRED = "NEW_PASSWORD_REQUIRED"


def unknown_user(req: AuthRequest) -> Exception:
    """What a sign-in for a user who does not exist gets, by the client's setting."""
    if req.client.get("PreventUserExistenceErrors") == "ENABLED":
        return NotAuthorizedException(INCORRECT)
    return UserNotFoundException("User does not exist.")


def check_can_try(user, reset: bool = True) -> None:
    """Refusals that come before any proof of the password (a reset password among them,
    unless `reset` is False: SRP tells it after the proof)."""
    if not user.enabled:
        raise NotAuthorizedException("User is disabled.")
    if reset:
        check_not_reset(user)


def check_not_reset(user) -> None:
    if user.status == users.RESET_REQUIRED:
        raise PasswordResetRequiredException("Password reset required for the user")


def check_confirmed(user) -> None:
    """USER_PASSWORD_AUTH and USER_SRP_AUTH tell an unconfirmed user so before any proof of
    the password, whether the password is right or not (aws/aws-sdk-js#4608,
    aws-amplify/amplify-js#11209: "the expected behavior")."""
    if user.status == users.UNCONFIRMED:
        raise UserNotConfirmedException(NOT_CONFIRMED)


def groups_for_tokens(req: AuthRequest, user) -> list[str]:
    """The user's groups in the order tokens list them: by precedence, then name."""
    ctx, pool_id = req.ctx, req.pool["Id"]
    names = ctx.store.memberships.groups_of(pool_id, user.sub)
    docs = [g for g in (ctx.store.groups.get(pool_id, n) for n in names) if g]
    docs.sort(key=lambda g: (*precedence_rank(g), g["GroupName"]))
    return [g["GroupName"] for g in docs]


def subject(user) -> tokens.TokenSubject:
    return tokens.TokenSubject(user.username, user.sub, user.doc.get("Attributes", []))


def signed_in(req: AuthRequest, user,
              token_source: str = pre_token_generation.AUTHENTICATION,
              mfa_done: bool = False, device: dict | None = None) -> dict:
    """The proof is done: challenge NEW_PASSWORD_REQUIRED, refuse, challenge a named device
    (DEVICE_SRP_AUTH) and for MFA (unless `mfa_done`: the answer to one, or a remembered
    `device` that authenticated), or (after the PostAuthentication and PreTokenGeneration
    triggers) issue tokens."""
    ctx = req.ctx
    check_confirmed(user)
    if user.status == users.FORCE_CHANGE_PASSWORD:
        if users.temporary_password_expired(ctx, user):
            raise NotAuthorizedException(
                "Temporary password has expired and must be reset by an administrator.")
        return new_password_challenge(req, user)
    if not mfa_done:
        mfa_challenge = ((device is None and device_srp.challenge(req, user, token_source))
                         or mfa.challenge(req, user, token_source))
        if mfa_challenge:
            return mfa_challenge
    post_authentication.run(req, user)
    device_key, new_device = devices.for_tokens(ctx, req.pool, user, device)
    groups = groups_for_tokens(req, user)
    changes = pre_token_generation.changes(req, user, groups, token_source)
    result = tokens.sign_in(ctx, req.pool, req.client, subject(user), groups=groups,
                            changes=changes, device_key=device_key)
    if new_device:
        result["NewDeviceMetadata"] = new_device
    auth_events.record(ctx, req.pool, user, auth_events.SIGN_IN, auth_events.PASS, tokens=result)
    return {"ChallengeParameters": {}, "AuthenticationResult": result}


def new_password_challenge(req: AuthRequest, user) -> dict:
    visible = {a["Name"]: a["Value"] for a in user.doc.get("Attributes", []) if a["Name"] != "sub"}
    missing = [f"userAttributes.{name}" for name, spec in attributes.schema_of(req.pool).items()
               if spec.get("Required") and name != "sub" and not visible.get(name)]
    session = sessions.create(req.ctx, req.pool, req.client, user.username,
                              NEW_PASSWORD_REQUIRED, {"sub": user.sub})
    return {
        "ChallengeName": NEW_PASSWORD_REQUIRED,
        "Session": session,
        "ChallengeParameters": {
            "USER_ID_FOR_SRP": user.username,
            "requiredAttributes": json.dumps(missing),
            "userAttributes": json.dumps(visible),
        },
    }
