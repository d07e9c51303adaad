"""What `cfn-cognito deploy` and `up` print about a stack's APIs: each stage's local URLs (the
`/restapis/...` form first: every HTTP client can call it), its routes with their
authorization, and the local URL of each output written in AWS's form."""

from __future__ import annotations

import re
import sys
import urllib.parse

from cfn_cognito.cli import http


# Cognito URLs in AWS's form (a pool's issuer, a domain's endpoints) and this service's own
# URLs written when it served on another port (`up --port`, a restart).
_ISSUER = re.compile(r"^https://cognito-idp\.[a-z0-9-]+\.amazonaws\.com(/.*)$")
_DOMAIN = re.compile(r"^https://([a-z0-9-]+)\.auth\.([a-z0-9-]+)\.amazoncognito\.com(/.*)?$")
_LOCAL = re.compile(r"^(https?://(?:[a-z0-9.-]+\.)?(?:localhost|127\.0\.0\.1)):(\d+)(/.*)?$")


def local_url(value: str, endpoint: str) -> str | None:
    """What an output's URL is at this service now, when that differs from the value."""
    here = urllib.parse.urlsplit(endpoint)
    port = here.port or (443 if here.scheme == "https" else 80)
    base = f"{here.scheme}://localhost:{port}"
    if found := _ISSUER.match(value):
        return base + found.group(1)
    if found := _DOMAIN.match(value):
        return f"{here.scheme}://{found.group(1)}.auth.{found.group(2)}.localhost:{port}" \
               + (found.group(3) or "")
    if (found := _LOCAL.match(value)) and int(found.group(2)) != port:
        return f"{found.group(1)}:{port}{found.group(3) or ''}"
    return None


def fetch(endpoint: str, stack_name: str) -> dict:
    """The service's account of the stack's APIs ({"Apis", "Outputs"}) and the local URL of
    its other outputs in AWS's form; {} if it has none."""
    name = urllib.parse.quote(stack_name, safe='')
    try:
        answer = http.request(endpoint, "GET", f"/_cfn_cognito/apis?stack={name}")
    except http.CommandError:
        answer = {}
    try:
        stack = http.request(endpoint, "GET", f"/_cfn_cognito/stacks/{name}")
    except http.CommandError:
        return answer
    known = {o["OutputKey"] for o in answer.get("Outputs") or []}
    more = [{"OutputKey": o["OutputKey"], "LocalUrl": local}
            for o in stack.get("Outputs") or [] if o["OutputKey"] not in known
            and (local := local_url(str(o["OutputValue"]), endpoint))]
    if more:
        answer = {**answer, "Outputs": [*(answer.get("Outputs") or []), *more]}
    return answer


def _authorization(route: dict) -> str:
    text = route["Authorization"]
    if route.get("Authorizer"):
        text += f" ({route['Authorizer']})"
    if route.get("Scopes"):
        text += f" scopes: {' '.join(route['Scopes'])}"
    if route.get("ApiKeyRequired"):
        text += ", API key"
    return text


def lines(answer: dict) -> list[str]:
    out = []
    for api in answer.get("Apis") or []:
        kind = "REST API" if api["Protocol"] == "REST" else "HTTP API"
        out.append(f"{kind} {api['Name']} ({api['ApiId']}):")
        if not api["Stages"]:
            out.append("  no stage yet (a Deployment with StageName, or a Stage, makes one)")
        for stage in api["Stages"]:
            out.append(f"  stage {stage['Stage']}: {stage['Url']}")
            out.append(f"{' ' * (len(stage['Stage']) + 10)}{stage['HostUrl']}")
            if stage.get("ApiKeys"):
                out.append(f"  API keys of stage {stage['Stage']}: {', '.join(stage['ApiKeys'])}")
        width = max((len(r["Method"]) for r in api["Routes"]), default=0)
        path_width = max((len(r["Path"]) for r in api["Routes"]), default=0)
        for route in api["Routes"]:
            out.append(f"    {route['Method']:<{width}}  {route['Path']:<{path_width}}  "
                       f"{_authorization(route)}")
    outputs = answer.get("Outputs") or []
    if outputs:
        out.append("Outputs, locally:")
        width = max(len(o["OutputKey"]) for o in outputs)
        out.extend(f"  {o['OutputKey']:<{width}}  {o['LocalUrl']}" for o in outputs)
    return out


def print_endpoints(endpoint: str, stack_name: str, out=None) -> None:
    for line in lines(fetch(endpoint, stack_name)):
        print(line, file=out or sys.stdout)


def with_endpoints(endpoint: str, summary: dict) -> dict:
    """A stack's JSON summary with its APIs ("Apis") and each AWS-form output's "LocalUrl"."""
    answer = fetch(endpoint, summary["StackName"])
    local = {o["OutputKey"]: o["LocalUrl"] for o in answer.get("Outputs") or []}
    for output in summary.get("Outputs") or []:
        if output["OutputKey"] in local:
            output["LocalUrl"] = local[output["OutputKey"]]
    if answer.get("Apis"):
        summary["Apis"] = answer["Apis"]
    return summary
