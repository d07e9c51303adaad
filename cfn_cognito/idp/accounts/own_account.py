"""What a signed-in user does to their own account with an access token: GetUser,
ChangePassword, DeleteUser. (UpdateUserAttributes, DeleteUserAttributes and the attribute
verification calls are in attribute_updates.) The caller checks the token and finds the
user; these functions do the rest."""

from __future__ import annotations

from cfn_cognito.context import Context
from cfn_cognito.idp.accounts import passwords, users
from cfn_cognito.idp.errors import NotAuthorizedException, PasswordResetRequiredException


def get_user(user, client: dict | None = None) -> dict:
    """The GetUser response."""
    return users.to_get_user(user, client)


def change_password(ctx: Context, pool: dict, user, previous: str | None, proposed: str) -> None:
    """ChangePassword: the current password must be right (a user without one may leave it
    out); the new one must pass the policy and the history. A user an administrator has
    reset (RESET_REQUIRED) must go through the forgot-password flow instead: ChangePassword's
    errors in the service model include PasswordResetRequiredException (message as sign-in's,
    facts 3.2)."""
    if user.status == users.RESET_REQUIRED:
        raise PasswordResetRequiredException("Password reset required for the user")
    if user.doc.get("PasswordHash") and not passwords.verify(user, previous or ""):
        raise NotAuthorizedException("Incorrect username or password.")
    creds = users.prepare_password(ctx, pool, user, user.username, proposed)
    users.modify(ctx, pool, user,
                 lambda u: users.apply_credentials(ctx, pool, u, creds, permanent=True))


def delete_user(ctx: Context, pool: dict, user) -> None:
    """DeleteUser: the user and everything that points at it."""
    users.delete(ctx, pool, user)
