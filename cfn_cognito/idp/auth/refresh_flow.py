"""REFRESH_TOKEN_AUTH (alias REFRESH_TOKEN), and GetTokensFromRefreshToken which also rotates
the refresh token when the client asks for rotation."""

from __future__ import annotations

from cfn_cognito.idp.accounts import devices
from cfn_cognito.idp.issuer import refresh_tokens
from cfn_cognito.idp.appclients import secret_hash
from cfn_cognito.idp.issuer import tokens
from cfn_cognito.idp.auth import outcome
from cfn_cognito.idp.auth.request import AuthRequest
from cfn_cognito.idp.errors import NotAuthorizedException, ResourceNotFoundException
from cfn_cognito.idp.triggers import pre_token_generation


def _check_secret_hash(client: dict, record, given: str | None) -> None:
    """A secret client proves itself with SECRET_HASH over the user's (internal) username;
    the sub is accepted too, as clients that only know the sub send it."""
    if not client.get("ClientSecret"):
        return
    if any(secret_hash.matches(client, name, given) for name in (record.username, record.sub)):
        return
    if given:
        # A refresh words a wrong hash its own way (real answers in NabuCasa/pycognito#196,
        # aws/aws-sdk-net-extensions-cognito#94 and #122).
        raise NotAuthorizedException(
            f"SecretHash does not match for the client: {client['ClientId']}")
    secret_hash.check(client, record.username, given)


def _device_key(req: AuthRequest, user) -> str | None:
    """The DEVICE_KEY a refresh names, when it is one of the user's devices: the new access
    token carries it as `device_key`, as the sign-in's did (Amplify and
    amazon-cognito-identity-js send it with every refresh)."""
    key = req.params.get("DEVICE_KEY")
    if not key:
        return None
    try:
        devices.find(req.ctx, req.pool, user, key)
    except ResourceNotFoundException:
        return None
    return key


def renew(req: AuthRequest, token: str, *, rotate: bool, secret_hash_due: bool = True) -> dict:
    """New tokens from a refresh token: the AuthenticationResult. `secret_hash_due` is False
    where the caller authenticated the client by its secret itself."""
    ctx = req.ctx
    record = refresh_tokens.lookup(ctx, token, req.client["ClientId"])
    if secret_hash_due:
        _check_secret_hash(req.client, record, req.params.get("SECRET_HASH"))
    user = ctx.store.users.get_by_sub(req.pool["Id"], record.sub)
    if user is None:
        raise NotAuthorizedException("The user has been deleted for the associated refresh token")
    if not user.enabled:
        raise NotAuthorizedException("User is disabled.")
    groups = outcome.groups_for_tokens(req, user)
    scopes = ctx.store.oauth.grant_scopes(req.pool["Id"], record.origin_jti)
    changes = pre_token_generation.changes(req, user, groups, pre_token_generation.REFRESH_TOKENS,
                                           scopes)
    new_token = refresh_tokens.replace(ctx, record, req.client) if rotate else None
    return tokens.refreshed(ctx, req.pool, req.client, outcome.subject(user), record,
                            groups=groups, refresh_token=new_token, changes=changes,
                            device_key=_device_key(req, user))


def sign_in(req: AuthRequest) -> dict:
    result = renew(req, req.require("REFRESH_TOKEN"), rotate=False)
    return {"ChallengeParameters": {}, "AuthenticationResult": result}
