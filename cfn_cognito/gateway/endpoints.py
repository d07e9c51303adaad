"""Where the deployed APIs answer here, and the local equivalent of an AWS invoke URL.

An API answers at `{base}/restapis/{apiId}/{stage}/_user_request_/{path}` (any HTTP client)
and at `http://{apiId}.execute-api.localhost:{port}/{stage}/{path}` (browsers and curl resolve
`*.localhost`; Python's resolver, for one, asks DNS and gets nothing). An HTTP API's
`$default` stage answers at the host's root. AWS's form of an invoke URL,
`https://{apiId}.execute-api.{region}.amazonaws.com/{stage}/...` (what templates build with
AWS::URLSuffix, and ApiEndpoint), maps to the first form.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from cfn_cognito.context import Context
from cfn_cognito.gateway import table
from cfn_cognito.gateway.model import DEFAULT_STAGE, HTTP, Api

_AWS_URL = re.compile(r"https://([a-z0-9]+)\.execute-api\.[a-z0-9-]+\.amazonaws\.com(?:\.cn)?"
                      r"(/[^?#]*)?")


def path_url(ctx: Context, api_id: str, stage: str) -> str:
    return f"{ctx.settings.base_url}/restapis/{api_id}/{stage}/_user_request_"


def host_url(ctx: Context, api: Api, stage: str) -> str:
    parts = urlsplit(ctx.settings.base_url)
    port = f":{parts.port}" if parts.port else ""
    root = f"{parts.scheme}://{api.id}.execute-api.localhost{port}"
    return root if api.protocol == HTTP and stage == DEFAULT_STAGE else f"{root}/{stage}"


def local_url(ctx: Context, url: str) -> str | None:
    """The local URL for an AWS-form invoke URL of a deployed API, else None."""
    match = _AWS_URL.fullmatch(url.strip()) if isinstance(url, str) else None
    if match is None:
        return None
    api = table.current(ctx).apis.get(match.group(1))
    if api is None:
        return None
    path = match.group(2) or ""
    first, _, rest = path.lstrip("/").partition("/")
    if api.protocol == HTTP and (not first or first not in api.stages or first == DEFAULT_STAGE):
        return path_url(ctx, api.id, DEFAULT_STAGE) + (path if path not in ("", "/") else "")
    if not first:
        return None
    return path_url(ctx, api.id, first) + (f"/{rest}" if rest or path.endswith("/") else "")


def _route(operation) -> dict:
    authorizer = operation.authorizer
    out = {"Method": operation.method, "Path": operation.path,
           "Authorization": operation.authorization}
    if authorizer is not None:
        out["Authorizer"] = authorizer.name
    if operation.scopes:
        out["Scopes"] = list(operation.scopes)
    if operation.api_key_required:
        out["ApiKeyRequired"] = True
    return out


def describe(ctx: Context, stack_name: str | None = None) -> dict:
    """The deployed APIs (of one stack, or all): their stages' URLs and their routes."""
    apis = []
    for api in table.current(ctx).apis.values():
        if stack_name is not None and api.stack != stack_name:
            continue
        apis.append({
            "ApiId": api.id, "Name": api.name, "Protocol": api.protocol, "Stack": api.stack,
            "Stages": [dict({"Stage": name, "Url": path_url(ctx, api.id, name),
                             "HostUrl": host_url(ctx, api, name)},
                            **({"ApiKeys": sorted(api.api_keys[name])}
                               if api.api_keys.get(name) else {}))
                       for name in sorted(api.stages)],
            "Routes": [_route(op) for op in api.operations()],
        })
    return {"Apis": apis}


def outputs(ctx: Context, stack: dict) -> list[dict]:
    """The stack's outputs that are AWS-form invoke URLs, each with its local URL."""
    found = []
    for output in stack.get("Outputs") or []:
        local = local_url(ctx, output.get("OutputValue", ""))
        if local:
            found.append({"OutputKey": output["OutputKey"], "OutputValue": output["OutputValue"],
                          "LocalUrl": local})
    return found
