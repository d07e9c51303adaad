"""Threat protection settings: SetRiskConfiguration, DescribeRiskConfiguration.

A pool has one configuration for all its app clients and may have one per client, which
then replaces the pool's for that client. cfn-cognito stores and returns them with AWS's
checks; it assesses no risk, so every sign-in event it records is NoRisk (auth_events).
"""

from __future__ import annotations

import copy
import ipaddress

from cfn_cognito.context import Context
from cfn_cognito.idp.appclients.clients import get_client
from cfn_cognito.idp.errors import InvalidParameterException
from cfn_cognito.idp.userpools.pools import get_pool

POOL_KEY = ""  # the key of the configuration for all the pool's clients
_SETTINGS = ("CompromisedCredentialsRiskConfiguration", "AccountTakeoverRiskConfiguration",
             "RiskExceptionConfiguration")


def _check_takeover(config: dict) -> None:
    actions = config.get("Actions") or {}
    notify = config.get("NotifyConfiguration")
    if any((actions.get(level) or {}).get("Notify") for level in actions) and not notify:
        raise InvalidParameterException(  # [U] wording
            "NotifyConfiguration is required when an account takeover action notifies users.")
    if notify:
        arn = notify["SourceArn"]
        if arn.split(":")[2:3] != ["ses"]:
            raise InvalidParameterException(  # [U] wording
                f"SourceArn must be an Amazon SES identity ARN: {arn}")


def _check_ip_ranges(config: dict) -> None:
    for member in ("BlockedIPRangeList", "SkippedIPRangeList"):
        for cidr in config.get(member) or []:
            try:
                ipaddress.ip_network(cidr, strict=False)
            except ValueError:
                raise InvalidParameterException(  # [U] wording
                    f"{cidr} in {member} is not a valid CIDR range.") from None


def _client_key(ctx: Context, pool: dict, client_id: str | None) -> str:
    if not client_id:
        return POOL_KEY
    get_client(ctx, pool["Id"], client_id)
    return client_id


def set_risk_configuration(ctx: Context, req: dict) -> dict:
    table = ctx.store.risk_configurations
    with ctx.store.write():
        pool = get_pool(ctx, req["UserPoolId"])
        key = _client_key(ctx, pool, req.get("ClientId"))
        if req.get("AccountTakeoverRiskConfiguration"):
            _check_takeover(req["AccountTakeoverRiskConfiguration"])
        if req.get("RiskExceptionConfiguration"):
            _check_ip_ranges(req["RiskExceptionConfiguration"])
        doc = {"UserPoolId": pool["Id"]}
        if key:
            doc["ClientId"] = key
        settings = {m: copy.deepcopy(req[m]) for m in _SETTINGS if req.get(m)}
        doc.update(settings)
        doc["LastModifiedDate"] = ctx.now()
        if not settings:
            # Only the pool (and client) named: back to the defaults, or for a client back
            # to the pool's configuration, as AWS documents.
            table.delete(pool["Id"], key)
        elif not table.replace(pool["Id"], key, doc):
            table.insert(pool["Id"], key, doc)
    return {"RiskConfiguration": doc}


def effective(ctx: Context, pool_id: str, client_id: str | None) -> dict | None:
    """The configuration that applies to a client (its own, else the pool's), or None."""
    table = ctx.store.risk_configurations
    return (client_id and table.get(pool_id, client_id)) or table.get(pool_id, POOL_KEY)


def describe_risk_configuration(ctx: Context, req: dict) -> dict:
    pool = get_pool(ctx, req["UserPoolId"])
    client_id = req.get("ClientId")
    _client_key(ctx, pool, client_id)
    found = effective(ctx, pool["Id"], client_id)
    if found is None:
        found = {"UserPoolId": pool["Id"]}
        if client_id:
            found["ClientId"] = client_id
    return {"RiskConfiguration": found}
