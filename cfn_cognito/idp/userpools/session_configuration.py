"""Session settings: Get/SetUserPoolSessionConfiguration (tracking on or off, MaxPerUser) and
Get/SetUserPoolClientSessionConfiguration (a client's SSO session validity).

The pool-level setting drives issuer/user_sessions.py. A client's SSO MaxValidityMinutes
limits how long a hosted UI session signs users in to that client without the form
(user_sessions.sso_reusable); the cookie itself keeps AWS's hour (issuer/hosted_sessions.py).
"""

from __future__ import annotations

from cfn_cognito.context import Context
from cfn_cognito.idp.appclients.clients import find_client
from cfn_cognito.idp.errors import FeatureUnavailableInTierException, ResourceNotFoundException
from cfn_cognito.idp.issuer import user_sessions
from cfn_cognito.idp.userpools.pools import get_pool

# [D] GetUserPoolClientSessionConfiguration: a client never configured.
DEFAULT_SSO_MINUTES = 60


def _check_tier(pool: dict) -> None:
    # [D] Set*SessionConfiguration: "The user pool must be in the Essentials or Plus tier."
    if pool.get("UserPoolTier", "ESSENTIALS") == "LITE":
        raise FeatureUnavailableInTierException(  # [U] wording
            "Session management requires the ESSENTIALS or PLUS feature plan.")


def get_user_pool_session_configuration(ctx: Context, req: dict) -> dict:
    pool = get_pool(ctx, req["UserPoolId"])
    return user_sessions.pool_configuration(ctx, pool["Id"])


def set_user_pool_session_configuration(ctx: Context, req: dict) -> dict:
    with ctx.store.write():
        pool = get_pool(ctx, req["UserPoolId"])
        _check_tier(pool)
        doc = {"UserPoolId": pool["Id"], "UserSessionTracking": req["UserSessionTracking"],
               "TokenSession": {"MaxPerUser": req["TokenSession"]["MaxPerUser"]}}
        _save(ctx, pool["Id"], "", doc)
    return doc


def _client(ctx: Context, pool: dict, client_id: str) -> dict:
    client = find_client(ctx, client_id)
    if client["UserPoolId"] != pool["Id"]:
        raise ResourceNotFoundException(f"User pool client {client_id} does not exist.")
    return client


def get_user_pool_client_session_configuration(ctx: Context, req: dict) -> dict:
    pool = get_pool(ctx, req["UserPoolId"])
    client = _client(ctx, pool, req["ClientId"])
    doc = ctx.store.session_configurations.get(pool["Id"], client["ClientId"])
    return doc or {"UserPoolId": pool["Id"], "ClientId": client["ClientId"],
                   "SSOSession": {"MaxValidityMinutes": DEFAULT_SSO_MINUTES}}


def set_user_pool_client_session_configuration(ctx: Context, req: dict) -> dict:
    with ctx.store.write():
        pool = get_pool(ctx, req["UserPoolId"])
        client = _client(ctx, pool, req["ClientId"])
        _check_tier(pool)
        # [D] SetUserPoolClientSessionConfiguration: "session tracking must be enabled for the
        # user pool".
        user_sessions.require_tracking(ctx, pool["Id"])
        doc = {"UserPoolId": pool["Id"], "ClientId": client["ClientId"],
               "SSOSession": {"MaxValidityMinutes": req["SSOSession"]["MaxValidityMinutes"]}}
        _save(ctx, pool["Id"], client["ClientId"], doc)
    return doc


def _save(ctx: Context, pool_id: str, key: str, doc: dict) -> None:
    if not ctx.store.session_configurations.replace(pool_id, key, doc):
        ctx.store.session_configurations.insert(pool_id, key, doc)
