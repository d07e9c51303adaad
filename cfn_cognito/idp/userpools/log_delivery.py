"""Log export settings of a pool: SetLogDeliveryConfiguration, GetLogDeliveryConfiguration.

Stored and returned with AWS's checks; the service itself logs to its own log, not to the
CloudWatch Logs group, S3 bucket or Firehose stream named here.
"""

from __future__ import annotations

import copy

from cfn_cognito.context import Context
from cfn_cognito.idp.errors import FeatureUnavailableInTierException, InvalidParameterException
from cfn_cognito.idp.userpools.pools import get_pool

DESTINATIONS = ("CloudWatchLogsConfiguration", "S3Configuration", "FirehoseConfiguration")
# Event source -> (the log level it takes, the destinations it can go to). [D] AWS API
# reference, LogConfigurationType.
_SOURCES = {
    "userNotification": ("ERROR", ("CloudWatchLogsConfiguration",)),
    "userAuthEvents": ("INFO", DESTINATIONS),
}
# The service (in an ARN) each destination must name.
_ARN_SERVICE = {"CloudWatchLogsConfiguration": ("LogGroupArn", "logs"),
                "S3Configuration": ("BucketArn", "s3"),
                "FirehoseConfiguration": ("StreamArn", "firehose")}


def _check(pool: dict, config: dict) -> None:
    source = config["EventSource"]
    level, allowed = _SOURCES[source]
    if config["LogLevel"] != level:
        # [U] wording
        raise InvalidParameterException(f"LogLevel for {source} must be {level}.")
    given = [d for d in DESTINATIONS if config.get(d)]
    if len(given) != 1:
        raise InvalidParameterException(  # [U] wording
            "Exactly one of CloudWatchLogsConfiguration, S3Configuration or "
            "FirehoseConfiguration must be specified.")
    destination = given[0]
    if destination not in allowed:
        raise InvalidParameterException(  # [U] wording
            f"{destination} is not supported for {source}.")
    member, service = _ARN_SERVICE[destination]
    arn = config[destination].get(member, "")
    if arn.split(":")[2:3] != [service]:
        raise InvalidParameterException(f"{member} must be an ARN of {service}: {arn}")  # [U]
    if source == "userAuthEvents" and pool.get("UserPoolTier", "ESSENTIALS") != "PLUS":
        raise FeatureUnavailableInTierException(  # [U] wording
            "Exporting user activity logs requires the PLUS feature plan.")


def set_log_delivery_configuration(ctx: Context, req: dict) -> dict:
    with ctx.store.write():
        pool = get_pool(ctx, req["UserPoolId"])
        configs = copy.deepcopy(req["LogConfigurations"])
        sources = [c["EventSource"] for c in configs]
        if len(set(sources)) != len(sources):
            raise InvalidParameterException(  # [U] wording
                "Only one log configuration per EventSource is allowed.")
        for config in configs:
            _check(pool, config)
        doc = {"UserPoolId": pool["Id"], "LogConfigurations": configs}
        if not ctx.store.log_delivery_configurations.replace(pool["Id"], "", doc):
            ctx.store.log_delivery_configurations.insert(pool["Id"], "", doc)
    return {"LogDeliveryConfiguration": doc}


def get_log_delivery_configuration(ctx: Context, req: dict) -> dict:
    pool = get_pool(ctx, req["UserPoolId"])
    doc = ctx.store.log_delivery_configurations.get(pool["Id"], "")
    return {"LogDeliveryConfiguration": doc or {"UserPoolId": pool["Id"], "LogConfigurations": []}}
