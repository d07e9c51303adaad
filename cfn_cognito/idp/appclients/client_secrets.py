"""Client secret rotation: AddUserPoolClientSecret, DeleteUserPoolClientSecret,
ListUserPoolClientSecrets.

A confidential client has one or two active secrets. The secret it was created with counts
as the first (its id derived from the client's creation time); the list is kept apart from
the client document, whose ClientSecret is always the newest active secret. Every active
secret authenticates the client (SECRET_HASH, the token endpoint, RevokeToken...) until it
is deleted: that is what lets a fleet roll from one secret to the next.
"""

from __future__ import annotations

from cfn_cognito.context import Context
from cfn_cognito.idp import ids
from cfn_cognito.idp.appclients.clients import get_client
from cfn_cognito.idp.errors import (
    InvalidParameterException,
    LimitExceededException,
    ResourceNotFoundException,
)
from cfn_cognito.idp.userpools.pools import get_pool
from cfn_cognito.idp.appclients.secret_hash import ACTIVE_SECRETS

MAX_ACTIVE = 2


def _secret_id(client_id: str, created: float) -> str:
    # As AWS shapes them: "<client id>--<creation time in epoch milliseconds>".
    return f"{client_id}--{round(created * 1000)}"


def active(ctx: Context, pool_id: str, client: dict) -> list[dict]:
    """The client's active secrets, oldest first: {ClientSecretId, ClientSecretValue,
    ClientSecretCreateDate}. Empty for a public client."""
    if not client.get("ClientSecret"):
        return []
    doc = ctx.store.client_secrets.get(pool_id, client["ClientId"])
    if doc is not None:
        return doc["Secrets"]
    created = client["CreationDate"]
    return [{"ClientSecretId": _secret_id(client["ClientId"], created),
             "ClientSecretValue": client["ClientSecret"], "ClientSecretCreateDate": created}]


def _save(ctx: Context, pool_id: str, client: dict, secrets: list[dict]) -> None:
    doc = {"Secrets": secrets}
    if not ctx.store.client_secrets.replace(pool_id, client["ClientId"], doc):
        ctx.store.client_secrets.insert(pool_id, client["ClientId"], doc)
    client["ClientSecret"] = secrets[-1]["ClientSecretValue"]
    client[ACTIVE_SECRETS] = [s["ClientSecretValue"] for s in secrets]
    ctx.store.clients.replace(pool_id, client["ClientId"], client)


def add_user_pool_client_secret(ctx: Context, req: dict) -> dict:
    with ctx.store.write():
        pool = get_pool(ctx, req["UserPoolId"])
        client = get_client(ctx, pool["Id"], req["ClientId"])
        secrets = active(ctx, pool["Id"], client)
        if not secrets:
            raise InvalidParameterException(  # [U] wording
                f"Client {client['ClientId']} is not a confidential client: it has no secret.")
        if len(secrets) >= MAX_ACTIVE:
            raise LimitExceededException(  # [U] wording
                f"Client {client['ClientId']} already has {MAX_ACTIVE} active secrets.")
        value = req.get("ClientSecret")
        if value and any(s["ClientSecretValue"] == value for s in secrets):
            raise InvalidParameterException("The client secret is already in use.")  # [U]
        created = round(max(ctx.now(), secrets[-1]["ClientSecretCreateDate"] + 0.001), 3)
        secret = {"ClientSecretId": _secret_id(client["ClientId"], created),
                  "ClientSecretValue": value or ids.client_secret(ctx.rng),
                  "ClientSecretCreateDate": created}
        _save(ctx, pool["Id"], client, secrets + [secret])
    descriptor = dict(secret)
    if value:
        # AWS returns the value only of a secret it generated.
        descriptor.pop("ClientSecretValue")
    return {"ClientSecretDescriptor": descriptor}


def delete_user_pool_client_secret(ctx: Context, req: dict) -> dict:
    with ctx.store.write():
        pool = get_pool(ctx, req["UserPoolId"])
        client = get_client(ctx, pool["Id"], req["ClientId"])
        secrets = active(ctx, pool["Id"], client)
        kept = [s for s in secrets if s["ClientSecretId"] != req["ClientSecretId"]]
        if len(kept) == len(secrets):
            raise ResourceNotFoundException(  # [U] wording
                f"Client secret {req['ClientSecretId']} does not exist.")
        if not kept:
            raise InvalidParameterException(  # [U] wording
                "The last remaining client secret of an app client cannot be deleted.")
        _save(ctx, pool["Id"], client, kept)
    return {}


def list_user_pool_client_secrets(ctx: Context, req: dict) -> dict:
    pool = get_pool(ctx, req["UserPoolId"])
    client = get_client(ctx, pool["Id"], req["ClientId"])
    # Never the values, as AWS documents; at most two, so never a NextToken.
    return {"ClientSecrets": [
        {key: s[key] for key in ("ClientSecretId", "ClientSecretCreateDate")}
        for s in active(ctx, pool["Id"], client)]}
