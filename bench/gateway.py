"""The local API Gateway's cost: requests/s and latency through a Cognito-secured REST route
to a warm Python handler, beside the same handler behind no authorizer, in one run.

    .venv/bin/python -m bench.gateway [--requests 2000] [--threads 1]

Starts `cfn-cognito serve --in-memory` on a free loopback port, deploys one REST API whose
`GET /open` (AuthorizationType NONE) and `GET /secured` (COGNITO_USER_POOLS, the ID token of
a signed-in user) both proxy to the same Python function, warms both up, then times them in
turns of 100 requests (alternating, so background load falls on both alike) on kept-alive
connections. Prints a markdown table: p50, p95, requests/s, and the authorizer's cost as the
difference of the two p50s. Goals: authorizer ≤ 1 ms p50; whole request ≤ 5 ms p50.
"""

from __future__ import annotations

import argparse
import http.client
import json
import threading
import time
import uuid
from urllib.parse import urlsplit

import boto3

from bench.stats import percentile
from cfn_cognito.cli import stacks as cli
from cfn_cognito.testing import LocalCognito

TEMPLATE = """
Resources:
  Pool:
    Type: AWS::Cognito::UserPool
    Properties: {UserPoolName: bench-gateway}
  Client:
    Type: AWS::Cognito::UserPoolClient
    Properties:
      UserPoolId: !Ref Pool
      ExplicitAuthFlows: [ALLOW_USER_PASSWORD_AUTH, ALLOW_REFRESH_TOKEN_AUTH]
  Handler:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: python3.12
      Handler: index.handler
      Role: arn:aws:iam::000000000000:role/bench
      Code:
        ZipFile: |
          def handler(event, context):
              return {"statusCode": 200, "body": "ok"}
  Api:
    Type: AWS::ApiGateway::RestApi
    Properties: {Name: bench}
  Open:
    Type: AWS::ApiGateway::Resource
    Properties: {RestApiId: !Ref Api, ParentId: !GetAtt Api.RootResourceId, PathPart: open}
  Secured:
    Type: AWS::ApiGateway::Resource
    Properties: {RestApiId: !Ref Api, ParentId: !GetAtt Api.RootResourceId, PathPart: secured}
  Authorizer:
    Type: AWS::ApiGateway::Authorizer
    Properties:
      RestApiId: !Ref Api
      Name: users
      Type: COGNITO_USER_POOLS
      ProviderARNs: [!GetAtt Pool.Arn]
  OpenGet:
    Type: AWS::ApiGateway::Method
    Properties:
      RestApiId: !Ref Api
      ResourceId: !Ref Open
      HttpMethod: GET
      AuthorizationType: NONE
      Integration:
        Type: AWS_PROXY
        IntegrationHttpMethod: POST
        Uri: !Sub "arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${Handler.Arn}/invocations"
  SecuredGet:
    Type: AWS::ApiGateway::Method
    Properties:
      RestApiId: !Ref Api
      ResourceId: !Ref Secured
      HttpMethod: GET
      AuthorizationType: COGNITO_USER_POOLS
      AuthorizerId: !Ref Authorizer
      Integration:
        Type: AWS_PROXY
        IntegrationHttpMethod: POST
        Uri: !Sub "arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${Handler.Arn}/invocations"
  Deployment:
    Type: AWS::ApiGateway::Deployment
    DependsOn: [OpenGet, SecuredGet]
    Properties: {RestApiId: !Ref Api, StageName: bench}
Outputs:
  ApiId: {Value: !Ref Api}
  PoolId: {Value: !Ref Pool}
  ClientId: {Value: !Ref Client}
"""
PASSWORD = "Bench-Passw0rd!"
TURN = 100
WARMUP = 50


def deploy(url: str, stack: str = "bench") -> dict:
    answer = cli.request(url, "PUT", cli.stack_path(stack), {"TemplateBody": TEMPLATE})
    after = answer.get("EventsAfter", 0)
    while True:
        events = cli.request(url, "GET", cli.stack_path(stack, f"/events?after={after}"))
        if events["StackStatus"] in cli.TERMINAL:
            break
        after = events["Next"]
        time.sleep(0.05)
    described = cli.request(url, "GET", cli.stack_path(stack))
    if described["StackStatus"] != "CREATE_COMPLETE":
        raise SystemExit(f"bench: the stack ended {described['StackStatus']}")
    return {o["OutputKey"]: o["OutputValue"] for o in described["Outputs"]}


def id_token(url: str, pool_id: str, client_id: str) -> str:
    idp = boto3.client("cognito-idp", endpoint_url=url, region_name="us-east-1",
                       aws_access_key_id="bench", aws_secret_access_key="bench")
    username = f"bench-{uuid.uuid4().hex[:8]}"
    idp.admin_create_user(UserPoolId=pool_id, Username=username, MessageAction="SUPPRESS")
    idp.admin_set_user_password(UserPoolId=pool_id, Username=username, Password=PASSWORD,
                                Permanent=True)
    return idp.initiate_auth(ClientId=client_id, AuthFlow="USER_PASSWORD_AUTH",
                             AuthParameters={"USERNAME": username, "PASSWORD": PASSWORD}
                             )["AuthenticationResult"]["IdToken"]


class Caller:
    """GET one path on a kept-alive connection, checking each answer is the handler's."""

    def __init__(self, port: int, path: str, headers: dict):
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        self.path = path
        self.headers = {"Connection": "keep-alive", **headers}

    def __call__(self) -> float:
        started = time.perf_counter()
        self.connection.request("GET", self.path, headers=self.headers)
        response = self.connection.getresponse()
        body = response.read()
        elapsed = time.perf_counter() - started
        if response.status != 200 or body != b"ok":
            raise SystemExit(f"bench: {self.path} answered {response.status} {body[:200]!r}")
        return elapsed


def _measure(callers: dict[str, list[Caller]], requests: int) -> dict[str, dict]:
    """Time `requests` calls of each route, in alternating turns; each thread of a route has
    its own connection."""
    latencies: dict[str, list[float]] = {name: [] for name in callers}
    spent: dict[str, float] = {name: 0.0 for name in callers}
    done = 0
    while done < requests:
        turn = min(TURN, requests - done)
        for name, threads in callers.items():
            per_thread = [turn // len(threads)] * len(threads)
            found: list[list[float]] = [[] for _ in threads]

            def run(i: int) -> None:
                found[i] = [threads[i]() for _ in range(per_thread[i])]

            workers = [threading.Thread(target=run, args=(i,)) for i in range(len(threads))]
            started = time.perf_counter()
            for worker in workers:
                worker.start()
            for worker in workers:
                worker.join()
            spent[name] += time.perf_counter() - started
            latencies[name].extend(t for part in found for t in part)
        done += turn
    out = {}
    for name, values in latencies.items():
        ordered = sorted(values)
        out[name] = {"p50": percentile(ordered, 50) * 1000, "p95": percentile(ordered, 95) * 1000,
                     "rps": len(ordered) / spent[name], "n": len(ordered)}
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.gateway")
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    with LocalCognito("--in-memory", "--log-level", "warning") as server:
        outputs = deploy(server.url)
        token = id_token(server.url, outputs["PoolId"], outputs["ClientId"])
        base = f"/restapis/{outputs['ApiId']}/bench/_user_request_"
        port = urlsplit(server.url).port
        callers = {
            "no authorizer": [Caller(port, base + "/open", {}) for _ in range(args.threads)],
            "Cognito authorizer": [Caller(port, base + "/secured", {"Authorization": token})
                                   for _ in range(args.threads)],
        }
        for threads in callers.values():
            for caller in threads:
                for _ in range(WARMUP):
                    caller()
        figures = _measure(callers, args.requests)
    if args.json:
        print(json.dumps(figures))
        return 0
    open_, secured = figures["no authorizer"], figures["Cognito authorizer"]
    print(f"GET through a REST API to a warm Python handler, {args.requests} requests per "
          f"route, {args.threads} client thread(s), kept-alive connections\n")
    print("| route | p50 ms | p95 ms | requests/s |")
    print("| --- | ---: | ---: | ---: |")
    for name, f in figures.items():
        print(f"| {name} | {f['p50']:.2f} | {f['p95']:.2f} | {f['rps']:.0f} |")
    print(f"\nThe authorizer's cost (difference of the p50s): "
          f"{secured['p50'] - open_['p50']:.2f} ms (goal ≤ 1 ms); whole request p50 "
          f"{secured['p50']:.2f} ms (goal ≤ 5 ms).")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
