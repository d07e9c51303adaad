"""The environment a function's worker runs in, as Lambda sets it.

Nothing of the server's own environment leaks in beyond PATH, HOME and LANG: the function
sees its Environment variables, Lambda's reserved variables and fake credentials.
"""

from __future__ import annotations

import os
from pathlib import Path

from cfn_cognito.config import Settings

PASSED_THROUGH = ("PATH", "HOME", "LANG")
FAKE_CREDENTIALS = {
    "AWS_ACCESS_KEY_ID": "test",
    "AWS_SECRET_ACCESS_KEY": "test",
    "AWS_SESSION_TOKEN": "test",
}


def log_group(name: str) -> str:
    return f"/aws/lambda/{name}"


def worker_env(config: dict, code_dir: Path, settings: Settings, log_stream: str) -> dict:
    name = config["FunctionName"]
    env = {key: os.environ[key] for key in PASSED_THROUGH if key in os.environ}
    env.update({
        # An SDK inside the function talks to this service, not to AWS, unless told otherwise.
        "AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER": settings.base_url,
        "TZ": ":UTC",
    })
    env.update(config.get("Environment", {}).get("Variables", {}))
    # Lambda's own variables last: a function cannot override them (registration refuses it).
    env.update(FAKE_CREDENTIALS)
    env.update({
        "AWS_LAMBDA_FUNCTION_NAME": name,
        "AWS_LAMBDA_FUNCTION_VERSION": config["Version"],
        "AWS_LAMBDA_FUNCTION_MEMORY_SIZE": str(config["MemorySize"]),
        "AWS_LAMBDA_LOG_GROUP_NAME": log_group(name),
        "AWS_LAMBDA_LOG_STREAM_NAME": log_stream,
        "AWS_LAMBDA_INITIALIZATION_TYPE": "on-demand",
        "AWS_REGION": settings.region,
        "AWS_DEFAULT_REGION": settings.region,
        "AWS_EXECUTION_ENV": f"AWS_Lambda_{config['Runtime']}",
        "_HANDLER": config["Handler"],
        "LAMBDA_TASK_ROOT": str(code_dir),
    })
    return env
