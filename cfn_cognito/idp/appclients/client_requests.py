"""Calls an app client makes for a user without any token (SignUp, ForgotPassword, ...):
which pool and client they address, their SECRET_HASH, and how much they may reveal about
who exists (the client's PreventUserExistenceErrors)."""

from __future__ import annotations

from cfn_cognito.context import Context
from cfn_cognito.idp.accounts import attributes
from cfn_cognito.idp.appclients import secret_hash
from cfn_cognito.idp.appclients.clients import find_client
from cfn_cognito.idp.userpools.pools import get_pool


def resolve(ctx: Context, req: dict) -> tuple[dict, dict]:
    """(pool, client) of a request naming ClientId and Username, its SecretHash checked."""
    client = find_client(ctx, req["ClientId"])
    pool = get_pool(ctx, client["UserPoolId"])
    secret_hash.check(client, req["Username"], req.get("SecretHash"))
    return pool, client


def hides_existence(client: dict) -> bool:
    """Whether the client must not reveal that a user does not exist (or is disabled)."""
    return client.get("PreventUserExistenceErrors") == "ENABLED"


def simulated_delivery(pool: dict, username: str) -> dict:
    """A believable CodeDeliveryDetails for a user who does not exist, shaped by the name
    given and the pool's verification settings, as AWS answers with errors prevented."""
    if attributes.is_phone(username):
        return attributes.delivery_details("phone_number", username)
    if attributes.is_email(username):
        return attributes.delivery_details("email", username)
    auto = pool.get("AutoVerifiedAttributes") or []
    if "phone_number" in auto and "email" not in auto:
        return attributes.delivery_details("phone_number", "+" + "0" * 7 + "0000")
    initial = username[:1].lower() or "u"
    return attributes.delivery_details("email", f"{initial}@{initial}")
