"""The function registry: register (create or replace), look up, list and delete functions.

A function's configuration is kept in the store as Lambda's FunctionConfiguration; its code
in the store too (a zip per revision) and unpacked in the data directory (see code.py).
"""

from __future__ import annotations

import re
import time
import uuid

from cfn_cognito.context import Context
from cfn_cognito.lambdas import arns, code, runtimes, workers
from cfn_cognito.lambdas.errors import FunctionExists, InvalidFunction
from cfn_cognito.lambdas.workers import LocalFunction

MIN_TIMEOUT, MAX_TIMEOUT = 1, 900
MIN_MEMORY, MAX_MEMORY = 128, 10240
_HANDLER = re.compile(r"[^\s]{1,128}")
_ENV_KEY = re.compile(r"[a-zA-Z][a-zA-Z0-9_]+")
# Variables Lambda sets itself and refuses in a function's Environment.
RESERVED_ENV = frozenset({
    "_HANDLER", "_X_AMZN_TRACE_ID", "AWS_DEFAULT_REGION", "AWS_REGION", "AWS_EXECUTION_ENV",
    "AWS_LAMBDA_FUNCTION_NAME", "AWS_LAMBDA_FUNCTION_MEMORY_SIZE",
    "AWS_LAMBDA_FUNCTION_VERSION", "AWS_LAMBDA_INITIALIZATION_TYPE",
    "AWS_LAMBDA_LOG_GROUP_NAME", "AWS_LAMBDA_LOG_STREAM_NAME", "AWS_ACCESS_KEY",
    "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN",
    "AWS_LAMBDA_RUNTIME_API", "LAMBDA_TASK_ROOT", "LAMBDA_RUNTIME_DIR",
})


def register(ctx: Context, name: str, runtime: str, handler: str, *, code_dir=None,
             zip_bytes: bytes | None = None, inline_code: str | None = None,
             environment: dict | None = None, timeout: int = 3, memory: int = 128,
             description: str = "", role: str | None = None, replace: bool = True) -> dict:
    """Register a function and return its configuration. With replace=False a taken name
    raises FunctionExists (Lambda's CreateFunction); otherwise the function is redeployed."""
    name = _function_name(name)
    _check(runtime, handler, environment, timeout, memory, description)
    settings = ctx.settings
    revision = str(uuid.UUID(int=ctx.rng.getrandbits(128), version=4))
    data_dir = ctx.store.data_dir
    installed = code.install(data_dir, name, revision, runtime, code_dir=code_dir,
                             zip_bytes=zip_bytes, inline_code=inline_code)
    config = {
        "FunctionName": name,
        "FunctionArn": arns.function_arn(settings.region, settings.account_id, name),
        "Runtime": runtime,
        "Role": role or f"arn:aws:iam::{settings.account_id}:role/cfn-cognito-lambda",
        "Handler": handler,
        "CodeSize": installed.size,
        "Description": description,
        "Timeout": timeout,
        "MemorySize": memory,
        "LastModified": _lambda_time(ctx.clock()),
        "CodeSha256": installed.sha256,
        "Version": "$LATEST",
        **({"Environment": {"Variables": dict(environment)}} if environment else {}),
        "TracingConfig": {"Mode": "PassThrough"},
        "RevisionId": revision,
        "State": "Active",
        "LastUpdateStatus": "Successful",
        "PackageType": "Zip",
        "Architectures": ["x86_64"],
        "EphemeralStorage": {"Size": 512},
        "LoggingConfig": {"LogFormat": "Text", "LogGroup": f"/aws/lambda/{name}"},
    }
    try:
        with ctx.store.write():
            previous = ctx.store.functions.get(name)
            if previous and not replace:
                raise FunctionExists(name)
            ctx.store.functions.put(name, config, installed.path, installed.zip)
    except BaseException:
        code.remove(data_dir, installed.path)
        raise
    workers.retire(data_dir, name)
    if previous:
        # Each registration removes exactly the code it replaced, so racing ones stay whole.
        code.remove(data_dir, previous[1])
    return config


def find(ctx: Context, name_or_arn: str) -> LocalFunction | None:
    ref = arns.parse(name_or_arn)
    found = ctx.store.functions.get(ref.name) if ref else None
    if found is None:
        return None
    config, code_path = found
    if not (ctx.store.data_dir / code_path).is_dir():
        # Deployed by another instance sharing the database (or this data directory lost
        # its files): unpack the revision's code from the store.
        packed = ctx.store.functions.code(config["RevisionId"])
        if packed is not None:
            code.materialize(ctx.store.data_dir, code_path, packed)
    return LocalFunction(config, ctx.store.data_dir / code_path)


def get(ctx: Context, name_or_arn: str) -> dict | None:
    found = find(ctx, name_or_arn)
    return found.config if found else None


def list_functions(ctx: Context) -> list[dict]:
    return ctx.store.functions.all()


def delete(ctx: Context, name_or_arn: str) -> bool:
    ref = arns.parse(name_or_arn)
    if ref is None:
        return False
    with ctx.store.write():
        found = ctx.store.functions.get(ref.name)
        if found is None:
            return False
        ctx.store.functions.delete(ref.name)
    workers.retire(ctx.store.data_dir, ref.name)
    code.remove(ctx.store.data_dir, found[1])
    return True


def _function_name(name: str) -> str:
    ref = arns.parse(name) if isinstance(name, str) else None
    if ref is None or ref.qualifier:
        raise InvalidFunction(f"Invalid function name {name!r}: a name is 1 to 64 letters, "
                              "digits, hyphens or underscores, or an unqualified function ARN.")
    return ref.name


def _check(runtime, handler, environment, timeout, memory, description) -> None:
    if not isinstance(runtime, str) or not runtimes.is_supported(runtime):
        raise InvalidFunction(f"Runtime {runtime!r} is not supported: cfn-cognito runs "
                              "python3.x and nodejs* functions.")
    if not isinstance(handler, str) or not _HANDLER.fullmatch(handler):
        raise InvalidFunction(f"Invalid handler {handler!r}: expected e.g. app.handler "
                              "(1 to 128 characters, no spaces).")
    if not isinstance(timeout, int) or not MIN_TIMEOUT <= timeout <= MAX_TIMEOUT:
        raise InvalidFunction(f"Timeout must be between {MIN_TIMEOUT} and {MAX_TIMEOUT} "
                              f"seconds, got {timeout!r}.")
    if not isinstance(memory, int) or not MIN_MEMORY <= memory <= MAX_MEMORY:
        raise InvalidFunction(f"MemorySize must be between {MIN_MEMORY} and {MAX_MEMORY} "
                              f"MB, got {memory!r}.")
    if not isinstance(description, str) or len(description) > 256:
        raise InvalidFunction("Description must be a string of at most 256 characters.")
    environment = environment or {}
    if not isinstance(environment, dict):
        raise InvalidFunction("Environment variables must be a mapping of names to strings.")
    for key, value in environment.items():
        if not isinstance(key, str) or not _ENV_KEY.fullmatch(key) or not isinstance(value, str):
            raise InvalidFunction(f"Invalid environment variable {key!r}: names are a letter "
                                  "then letters, digits or underscores; values are strings.")
    reserved = sorted(RESERVED_ENV.intersection(environment))
    if reserved:
        raise InvalidFunction(
            "Lambda was unable to configure your environment variables because the "
            "environment variables you have provided contains reserved keys that are currently "
            f"not supported for modification. Reserved keys used in this request: {', '.join(reserved)}")


def _lambda_time(epoch: float) -> str:
    """Lambda's LastModified form: 2024-05-01T12:00:00.123+0000."""
    millis = int(round(epoch * 1000)) % 1000
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(epoch)) + f".{millis:03d}+0000"
