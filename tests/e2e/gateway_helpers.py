"""Helpers for the local API Gateway's end-to-end tests: deploy a template to the running
server (through the stack API the CLI uses), call an API's stages by path or by Host, and
users of the stack's pool signed in for tokens."""

import json
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

import boto3
import requests

from cfn_cognito.cfn.statuses import STACK_TYPE, TERMINAL
from cfn_cognito.cli import stacks as cli

ROOT = Path(__file__).parents[2]
TEMPLATES = ROOT / "templates"
PASSWORD = "Passw0rd!x"
ROLE = "arn:aws:iam::000000000000:role/gateway-test"


def lambda_uri(function_logical_id: str) -> str:
    """The Integration/Authorizer Uri of a template's function, in YAML flow form."""
    return ('!Sub "arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/'
            f'${{{function_logical_id}.Arn}}/invocations"')


def python_function(code: str, timeout: int = 3, environment: dict | None = None) -> str:
    """An AWS::Lambda::Function resource body (YAML, indented for `Resources:`) running
    `code` as index.handler."""
    body = "\n".join("          " + line for line in code.strip("\n").splitlines())
    env = ""
    if environment:
        pairs = "".join(f"\n          {k}: {json.dumps(v)}" for k, v in environment.items())
        env = f"\n      Environment:\n        Variables:{pairs}"
    return (f"Type: AWS::Lambda::Function\n    Properties:\n      Runtime: python3.12\n"
            f"      Handler: index.handler\n      Role: {ROLE}\n      Timeout: {timeout}{env}\n"
            f"      Code:\n        ZipFile: |\n{body}")


@dataclass
class Deployed:
    url: str
    name: str
    stack: dict
    apis: list[dict]

    @property
    def outputs(self) -> dict:
        return {o["OutputKey"]: o["OutputValue"] for o in self.stack.get("Outputs") or []}

    def api(self, name_or_id: str | None = None) -> dict:
        found = [a for a in self.apis if name_or_id in (None, a["ApiId"], a["Name"])]
        assert found, f"no API {name_or_id} in {[a['Name'] for a in self.apis]}"
        return found[0]

    def stage_url(self, api: str | None = None, stage: str | None = None) -> str:
        """The path-form URL of a stage (of the API of that name or id, if given)."""
        stages = [s for a in self.apis if api in (None, a["ApiId"], a["Name"])
                  for s in a["Stages"]]
        chosen = [s for s in stages if stage in (None, s["Stage"])]
        assert chosen, stages
        return chosen[0]["Url"].replace("http://localhost:", "http://127.0.0.1:")

    def delete(self) -> None:
        answer = cli.request(self.url, "DELETE", cli.stack_path(self.name))
        if answer.get("Deleted"):
            _wait(self.url, self.name, answer.get("EventsAfter", 0))


def _wait(url: str, name: str, after: int) -> list[dict]:
    events = []
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        answer = cli.request(url, "GET", cli.stack_path(name, f"/events?after={after}"))
        for event in answer["StackEvents"]:
            events.append(event)
            if event["ResourceType"] == STACK_TYPE and event["ResourceStatus"] in TERMINAL:
                return events
        after = answer["Next"]
        time.sleep(0.05)
    raise AssertionError(f"stack {name} did not finish: {events[-3:]}")


def deploy(url: str, body: str, name: str | None = None, parameters: dict | None = None,
           code_dir: str | None = None, ok: bool = True) -> Deployed:
    """Deploy a template (text) and wait for it; the stack and its APIs."""
    name = name or "gw" + uuid.uuid4().hex[:10]
    request = {"TemplateBody": body, "Parameters": parameters or {}}
    if code_dir:
        request["CodeDir"] = code_dir
    answer = cli.request(url, "PUT", cli.stack_path(name), request)
    events = _wait(url, name, answer.get("EventsAfter", 0)) if answer.get("Changes") else []
    stack = cli.request(url, "GET", cli.stack_path(name))
    if ok:
        failures = [(e["LogicalResourceId"], e.get("ResourceStatusReason"))
                    for e in events if e["ResourceStatus"].endswith("FAILED")]
        assert stack["StackStatus"] in ("CREATE_COMPLETE", "UPDATE_COMPLETE"), failures
    apis = cli.request(url, "GET", f"/_cfn_cognito/apis?stack={name}")["Apis"]
    return Deployed(url, name, stack, apis)


def call(method: str, url: str, token: str | None = None, headers: dict | None = None,
         **kwargs) -> requests.Response:
    headers = dict(headers or {})
    if token is not None:
        headers["Authorization"] = token
    return requests.request(method, url, headers=headers, timeout=30, **kwargs)


def sign_in(url: str, pool_id: str, client_id: str, username: str | None = None,
            attributes: dict | None = None, groups=()) -> dict:
    """A new user of the pool (confirmed, password set), signed in: AuthenticationResult."""
    idp = boto3.client("cognito-idp", endpoint_url=url, region_name="us-east-1")
    username = username or f"user{uuid.uuid4().hex[:8]}@example.com"
    attributes = {"email": username, "email_verified": "true", **(attributes or {})}
    idp.admin_create_user(UserPoolId=pool_id, Username=username, MessageAction="SUPPRESS",
                          UserAttributes=[{"Name": k, "Value": v} for k, v in attributes.items()])
    idp.admin_set_user_password(UserPoolId=pool_id, Username=username, Password=PASSWORD,
                                Permanent=True)
    for group in groups:
        try:
            idp.create_group(UserPoolId=pool_id, GroupName=group)
        except idp.exceptions.GroupExistsException:
            pass
        idp.admin_add_user_to_group(UserPoolId=pool_id, Username=username, GroupName=group)
    return idp.initiate_auth(ClientId=client_id, AuthFlow="USER_PASSWORD_AUTH",
                             AuthParameters={"USERNAME": username, "PASSWORD": PASSWORD}
                             )["AuthenticationResult"]
