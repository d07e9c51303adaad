"""Invoke a function by name or ARN: a local one in a warm worker, else at the remote endpoint."""

from __future__ import annotations

import uuid

from cfn_cognito.context import Context
from cfn_cognito.lambdas import arns, registry, remote, workers
from cfn_cognito.lambdas.errors import FunctionNotFound


def invoke(ctx: Context, name_or_arn: str, event, *, timeout: float | None = None):
    settings = ctx.settings
    ref = arns.parse(name_or_arn)
    arn = arns.arn_for(ref, name_or_arn, settings.region, settings.account_id)
    function = registry.find(ctx, name_or_arn)
    if function is None:
        if settings.lambda_endpoint and ref is not None:
            return remote.invoke(settings, name_or_arn, arn, event, timeout)
        raise FunctionNotFound(arn)
    seconds = function.config["Timeout"]
    if timeout is not None:
        seconds = min(seconds, timeout)
    # The ARN the caller used, qualifier included, as Lambda gives it to the handler.
    invoked_arn = function.config["FunctionArn"] + (f":{ref.qualifier}" if ref.qualifier else "")
    request_id = str(uuid.UUID(int=ctx.rng.getrandbits(128), version=4))
    pool = workers.for_data_dir(ctx.store.data_dir).for_function(function, settings)
    return pool.invoke(event, request_id, invoked_arn, seconds)
