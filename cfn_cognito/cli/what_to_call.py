"""What `cfn-cognito up` prints once its stack is deployed: the pools, the app clients with
their hosted login URLs, the domains, and the stack's outputs."""

from __future__ import annotations

import urllib.parse

from cfn_cognito.cli import endpoints as gateway_report
from cfn_cognito.cli import http
from cfn_cognito.cli import stacks as cli

_TARGET = "AWSCognitoIdentityProviderService."


def _idp(endpoint: str, operation: str, body: dict) -> dict:
    return http.call(endpoint, _TARGET + operation, body)


def login_url(base_url: str, client: dict) -> str | None:
    """The hosted login page for an app client with the code grant and a callback."""
    callbacks = client.get("CallbackURLs") or []
    if not callbacks or "code" not in (client.get("AllowedOAuthFlows") or []):
        return None
    query = urllib.parse.urlencode({"response_type": "code", "client_id": client["ClientId"],
                                    "redirect_uri": callbacks[0]})
    return f"{base_url}/login?{query}"


def report(endpoint: str, settings, stack: dict, out=None) -> None:
    import sys
    out = out or sys.stdout
    resources = http.request(endpoint, "GET",
                            cli.stack_path(stack["StackName"], "/resources"))["StackResources"]
    by_type: dict[str, list[dict]] = {}
    for r in resources:
        by_type.setdefault(r["ResourceType"], []).append(r)
    client_ids = {r["PhysicalResourceId"] for r in by_type.get("AWS::Cognito::UserPoolClient", [])}
    print(f"Stack {stack['StackName']}: {stack['StackStatus']} at {settings.base_url}", file=out)
    for pool in by_type.get("AWS::Cognito::UserPool", []):
        pool_id = pool["PhysicalResourceId"]
        print(f"  User pool    {pool['LogicalResourceId']}: {pool_id}", file=out)
        listed = _idp(endpoint, "ListUserPoolClients", {"UserPoolId": pool_id, "MaxResults": 60})
        for entry in listed.get("UserPoolClients", []):
            if entry["ClientId"] not in client_ids:
                continue
            client = _idp(endpoint, "DescribeUserPoolClient",
                          {"UserPoolId": pool_id, "ClientId": entry["ClientId"]})["UserPoolClient"]
            print(f"  App client   {client['ClientName']}: {client['ClientId']}", file=out)
            url = login_url(settings.base_url, client)
            if url:
                print(f"  Hosted login {url}", file=out)
    for domain in by_type.get("AWS::Cognito::UserPoolDomain", []):
        print(f"  Domain       {domain['PhysicalResourceId']}", file=out)
    cli.print_outputs(stack, out)
    gateway_report.print_endpoints(endpoint, stack["StackName"], out)
