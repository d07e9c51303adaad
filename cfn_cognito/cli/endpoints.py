"""What `cfn-cognito deploy` and `up` print about a stack's APIs: each stage's local URLs (the
`/restapis/...` form first: every HTTP client can call it), its routes with their
authorization, and the local URL of each output written in AWS's form."""

from __future__ import annotations

import sys
import urllib.parse

from cfn_cognito.cli import http


def fetch(endpoint: str, stack_name: str) -> dict:
    """The service's account of the stack's APIs ({"Apis", "Outputs"}); {} if it has none."""
    try:
        return http.request(endpoint, "GET",
                            f"/_cfn_cognito/apis?stack={urllib.parse.quote(stack_name, safe='')}")
    except http.CommandError:
        return {}


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
