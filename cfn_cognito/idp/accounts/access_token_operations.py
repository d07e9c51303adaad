"""Operations a signed-in user makes with an access token: GetUser, ChangePassword,
UpdateUserAttributes, DeleteUser, DeleteUserAttributes, GetUserAttributeVerificationCode,
VerifyUserAttribute, GlobalSignOut.

Each checks the token fully (signature, expiry, issuer, kind, the
aws.cognito.signin.user.admin scope and revocation) before anything else; the work itself
is in own_account and attribute_updates.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from cfn_cognito.context import Context
from cfn_cognito.idp.accounts import attribute_updates
from cfn_cognito.idp.accounts import own_account
from cfn_cognito.idp.issuer import refresh_tokens
from cfn_cognito.idp.issuer import tokens
from cfn_cognito.idp.errors import NotAuthorizedException, UserNotFoundException
from cfn_cognito.idp.userpools.pools import check_pool, get_pool


@dataclass
class Caller:
    ctx: Context
    pool_id: str
    client: dict | None
    user: object
    claims: dict

    @functools.cached_property
    def pool(self) -> dict:
        # Read when an operation needs it: GetUser, the most frequent call, does not.
        return get_pool(self.ctx, self.pool_id)


def _caller(ctx: Context, access_token: str) -> Caller:
    claims = tokens.verify_access_token(ctx, access_token, required_scope=tokens.ADMIN_SCOPE)
    pool_id = claims["iss"].rsplit("/", 1)[1]
    check_pool(ctx, pool_id)
    user = ctx.store.users.get_by_sub(pool_id, claims["sub"])
    if user is None:
        raise UserNotFoundException("User does not exist.")
    if not user.enabled:
        raise NotAuthorizedException("User is disabled.")
    client = ctx.store.clients.get(pool_id, str(claims.get("client_id", "")))
    return Caller(ctx, pool_id, client, user, claims)


def caller(ctx: Context, access_token: str) -> Caller:
    """The pool, client, user and claims of a fully checked access token (the MFA and device
    operations take one too)."""
    return _caller(ctx, access_token)


def get_user(ctx: Context, req: dict) -> dict:
    c = _caller(ctx, req["AccessToken"])
    return own_account.get_user(c.user, c.client)


def change_password(ctx: Context, req: dict) -> dict:
    c = _caller(ctx, req["AccessToken"])
    own_account.change_password(ctx, c.pool, c.user, req.get("PreviousPassword"),
                                req["ProposedPassword"])
    return {}


def delete_user(ctx: Context, req: dict) -> dict:
    c = _caller(ctx, req["AccessToken"])
    own_account.delete_user(ctx, c.pool, c.user)
    return {}


def update_user_attributes(ctx: Context, req: dict) -> dict:
    c = _caller(ctx, req["AccessToken"])
    details = attribute_updates.update_attributes(ctx, c.pool, c.user, req["UserAttributes"],
                                                  client=c.client or {},
                                                  client_metadata=req.get("ClientMetadata"))
    return {"CodeDeliveryDetailsList": details}


def delete_user_attributes(ctx: Context, req: dict) -> dict:
    c = _caller(ctx, req["AccessToken"])
    attribute_updates.delete_attributes(ctx, c.pool, c.user, req["UserAttributeNames"],
                                        client=c.client or {})
    return {}


def get_user_attribute_verification_code(ctx: Context, req: dict) -> dict:
    c = _caller(ctx, req["AccessToken"])
    details = attribute_updates.start_attribute_verification(
        ctx, c.pool, c.user, req["AttributeName"], client=c.client,
        client_metadata=req.get("ClientMetadata"))
    return {"CodeDeliveryDetails": details}


def verify_user_attribute(ctx: Context, req: dict) -> dict:
    c = _caller(ctx, req["AccessToken"])
    attribute_updates.verify_attribute(ctx, c.pool, c.user, req["AttributeName"], req["Code"])
    return {}


def global_sign_out(ctx: Context, req: dict) -> dict:
    c = _caller(ctx, req["AccessToken"])
    refresh_tokens.revoke_all_for_user(ctx, c.pool["Id"], c.user.sub)
    return {}
