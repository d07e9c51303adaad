"""`cfn-cognito deploy | delete | stacks | outputs | up`: stacks in a running service.

Each command talks HTTP to the service at --endpoint (default: $CFN_COGNITO_ENDPOINT, then
http://localhost:4566); `up` starts the service in this process first.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import signal
import socket
import sys
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

from cfn_cognito.cfn import cdk_assembly
from cfn_cognito.cfn.statuses import STACK_TYPE, SUCCEEDED, TERMINAL
from cfn_cognito.cli.http import (
    CommandError,
    Refused,
    endpoint_flag,
    endpoint_of,
    request,
)

COMMANDS = ("deploy", "delete", "stacks", "outputs", "up")
STACKS = "/_cfn_cognito/stacks"
POLL_SECONDS = 0.2
READY_TIMEOUT = 30.0


# Talking to the service ----------------------------------------------------------------------

def _endpoint(args) -> str:
    return endpoint_of(args)


def stack_path(name: str, tail: str = "") -> str:
    return f"{STACKS}/{urllib.parse.quote(name, safe='')}{tail}"


# Arguments -------------------------------------------------------------------------------------

def _override(text: str) -> tuple[str, str]:
    key, sep, value = text.partition("=")
    if not sep or not key:
        raise argparse.ArgumentTypeError(f"expected Key=Value, got {text!r}")
    return key, value


def _deploy_flags(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("template", help="the template file (YAML or JSON)")
    parser.add_argument("--stack-name", help="the stack to create or update (default: the "
                        "stack name a CDK cloud assembly gives the template, else the "
                        "template's file name)")
    parser.add_argument("--parameter-overrides", nargs="+", default=[], type=_override,
                        metavar="KEY=VALUE", help="template parameter values")
    parser.add_argument("--code-dir", default=None,
                        help="where the code named by Code.S3Key is: a CDK app's cdk.out "
                             "(the default for a template in one), .serverless...")
    parser.add_argument("--verbose", action="store_true",
                        help="also print cfn-lint's warnings about a template a tool wrote "
                             "(CDK's cdk.out): shown otherwise only for templates you write")


def add_parsers(commands, serve_flags) -> None:
    """The stack commands, on the `cfn-cognito` command's subparsers."""
    deploy = commands.add_parser("deploy", help="create or update a stack from a template")
    _deploy_flags(deploy)
    deploy.add_argument("--json", action="store_true",
                        help="print only {StackName, StackStatus, Outputs} as JSON")
    endpoint_flag(deploy)

    delete = commands.add_parser("delete", help="delete a stack and its resources")
    delete.add_argument("--stack-name", required=True)
    endpoint_flag(delete)

    listing = commands.add_parser("stacks", help="the stacks of a running service")
    listing.add_argument("--json", action="store_true",
                         help="print the stacks as a JSON list (name, status, times)")
    endpoint_flag(listing)

    outputs = commands.add_parser("outputs", help="a stack's outputs")
    outputs.add_argument("--stack-name", required=True)
    outputs.add_argument("--json", action="store_true",
                         help="print {StackName, StackStatus, Outputs} as JSON")
    outputs.add_argument("--output", metavar="KEY",
                         help="print only this output's value, its local URL for an AWS-form URL "
                              "(for scripts: X=$(...))")
    outputs.add_argument("--template", nargs="?", const="processed",
                         choices=("processed", "original"),
                         help="print the stack's template instead: as deployed, after its "
                              "transforms (SAM), or as written (`--template original`)")
    endpoint_flag(outputs)

    up = commands.add_parser("up", help="serve, deploy a template, print what to call, and "
                                        "keep serving until Ctrl-C")
    _deploy_flags(up)
    serve_flags(up)


def run(args: argparse.Namespace, settings=None) -> int:
    try:
        if args.command == "up":
            return _up(args, settings)
        endpoint = _endpoint(args)
        command = {"deploy": _deploy, "delete": _delete, "stacks": _stacks,
                   "outputs": _outputs}[args.command]
        return command(endpoint, args)
    except CommandError as err:
        print(f"cfn-cognito: {err}", file=sys.stderr)
        return 1


# deploy ----------------------------------------------------------------------------------------

def _print_findings(template: str, findings: list[dict]) -> None:
    for f in findings:
        where = f"{template}:{f['line']}:{f['column']}" if f.get("line") else template
        rule = f" [{f['rule']}]" if f.get("rule") else ""
        print(f"{where}: {f['severity']}: {f['message']}{rule}", file=sys.stderr)


def _print_event(event: dict, out) -> None:
    moment = event.get("Timestamp", "")[11:19]
    reason = event.get("ResourceStatusReason", "")
    line = (f"{moment}  {event['ResourceStatus']:<44} {event['ResourceType']:<44} "
            f"{event['LogicalResourceId']}")
    print(f"{line}  {reason}" if reason else line, file=out, flush=True)


def follow(endpoint: str, name: str, after: int, out=sys.stdout) -> list[dict]:
    """Print the stack's events after position `after` as they happen, until the stack's
    operation ends; the failure events seen."""
    failures = []
    while True:
        answer = request(endpoint, "GET", stack_path(name, f"/events?after={after}"))
        for event in answer.get("StackEvents", []):
            _print_event(event, out)
            if event["ResourceStatus"].endswith("_FAILED") and event.get("ResourceStatusReason"):
                failures.append(event)
            if event["ResourceType"] == STACK_TYPE and event["ResourceStatus"] in TERMINAL:
                return failures
        after = answer.get("Next", after)
        time.sleep(POLL_SECONDS)


def _summary(stack: dict) -> dict:
    return {"StackName": stack["StackName"], "StackStatus": stack["StackStatus"],
            "Outputs": [{"OutputKey": o["OutputKey"], "OutputValue": o["OutputValue"]}
                        for o in stack.get("Outputs") or []]}


def print_outputs(stack: dict, out=sys.stdout) -> None:
    outputs = stack.get("Outputs") or []
    if not outputs:
        return
    print("Outputs:", file=out)
    width = max(len(o["OutputKey"]) for o in outputs)
    for o in outputs:
        print(f"  {o['OutputKey']:<{width}}  {o['OutputValue']}", file=out)


def deploy_template(endpoint: str, args, stack_name: str, out=sys.stdout) -> dict:
    """Deploy args.template as `stack_name`, printing events to `out` and findings to stderr;
    the stack as it ends."""
    path = Path(args.template)
    try:
        body = path.read_text(encoding="utf-8")
    except OSError as err:
        raise CommandError(f"cannot read {args.template}: {err.strerror or err}") from None
    if not body.strip():
        raise CommandError(f"{args.template}: the template is empty (a template needs at "
                           "least Resources)")
    code_dir = args.code_dir
    if code_dir is None and cdk_assembly.stack_name(path):
        code_dir = str(path.parent)     # a synthesized template's assets are beside it
    if code_dir and not Path(code_dir).is_dir():
        raise CommandError(f"--code-dir {code_dir} is not a directory")
    request_body = {"TemplateBody": body, "Parameters": dict(args.parameter_overrides),
                    "TemplateDir": str(path.resolve().parent)}
    if code_dir:
        request_body["CodeDir"] = str(Path(code_dir).resolve())
    try:
        answer = request(endpoint, "PUT", stack_path(stack_name), request_body)
    except Refused as err:
        findings = err.body.get("Findings")
        if not findings:
            raise
        _print_findings(args.template, findings)
        errors = sum(1 for f in findings if f.get("severity") == "error")
        raise CommandError(f"{args.template}: not deployed, {errors} error"
                           f"{'s' if errors != 1 else ''} in the template") from None
    warnings = answer.get("Warnings") or []
    if warnings and code_dir and cdk_assembly.stack_name(path) and not args.verbose:
        # CDK wrote this template: its user cannot act on lint warnings about it.
        print(f"({len(warnings)} cfn-lint warning{'s' if len(warnings) != 1 else ''} about the "
              "synthesized template hidden; --verbose shows them)", file=sys.stderr)
    else:
        _print_findings(args.template, warnings)
    failures = []
    if answer.get("Changes"):
        failures = follow(endpoint, stack_name, answer.get("EventsAfter", 0), out)
    else:
        print(f"No changes to deploy. Stack {stack_name} is up to date", file=out)
    stack = request(endpoint, "GET", stack_path(stack_name))
    if stack["StackStatus"] not in SUCCEEDED:
        for event in failures:
            print(f"cfn-cognito: {event['LogicalResourceId']}: {event['ResourceStatus']}: "
                  f"{event['ResourceStatusReason']}", file=sys.stderr)
    return stack


def _deploy(endpoint: str, args) -> int:
    out = sys.stderr if args.json else sys.stdout
    stack = deploy_template(endpoint, args, args.stack_name or _stack_name_for(args.template),
                            out)
    from cfn_cognito.cli import endpoints as report
    if args.json:
        print(json.dumps(report.with_endpoints(endpoint, _summary(stack))))
    else:
        print(f"Stack {stack['StackName']}: {stack['StackStatus']}")
        print_outputs(stack)
        report.print_endpoints(endpoint, stack["StackName"])
    return 0 if stack["StackStatus"] in SUCCEEDED else 1


# delete, stacks, outputs -------------------------------------------------------------------------

def _delete(endpoint: str, args) -> int:
    answer = request(endpoint, "DELETE", stack_path(args.stack_name))
    if not answer.get("Deleted"):
        print(f"Stack {args.stack_name} does not exist; nothing to delete", file=sys.stderr)
        return 0
    follow(endpoint, args.stack_name, answer.get("EventsAfter", 0))
    status = request(endpoint, "GET", stack_path(args.stack_name, "/events?after=0"))
    print(f"Stack {args.stack_name}: {status['StackStatus']}")
    return 0 if status["StackStatus"] == "DELETE_COMPLETE" else 1


def _stacks(endpoint: str, args) -> int:
    found = request(endpoint, "GET", STACKS)["Stacks"]
    if args.json:
        print(json.dumps(found))
        return 0
    if not found:
        print("No stacks.")
        return 0
    width = max(len(s["StackName"]) for s in found)
    for s in found:
        when = s.get("LastUpdatedTime") or s.get("CreationTime", "")
        print(f"{s['StackName']:<{width}}  {s['StackStatus']:<32} {when}")
    return 0


def _outputs(endpoint: str, args) -> int:
    if args.template:
        return _template(endpoint, args)
    try:
        stack = request(endpoint, "GET", stack_path(args.stack_name))
    except Refused as err:
        raise CommandError(err.message or str(err)) from None
    from cfn_cognito.cli import endpoints as report
    if args.output:
        # The local equivalent where there is one: what a script on this machine calls.
        values = {o["OutputKey"]: o.get("LocalUrl") or o["OutputValue"]
                  for o in report.with_endpoints(endpoint, _summary(stack))["Outputs"]}
        if args.output not in values:
            raise CommandError(f"stack {args.stack_name} has no output {args.output} (it has: "
                               f"{', '.join(values) or 'none'})")
        print(values[args.output])
    elif args.json:
        print(json.dumps(report.with_endpoints(endpoint, _summary(stack))))
    elif stack.get("Outputs"):
        print_outputs(stack)
        report.print_endpoints(endpoint, args.stack_name)
    else:
        print(f"Stack {args.stack_name} has no outputs.")
    return 0


def _template(endpoint: str, args) -> int:
    stage = args.template.capitalize()
    try:
        answer = request(endpoint, "GET", stack_path(args.stack_name, f"/template?stage={stage}"))
    except Refused as err:
        raise CommandError(err.message or str(err)) from None
    print(answer["TemplateBody"].rstrip("\n"))
    return 0


# up --------------------------------------------------------------------------------------------

def _client_host(host: str) -> str:
    return "127.0.0.1" if host in ("", "0.0.0.0", "::") else host


def _port_free(host: str, port: int) -> bool:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((host, port))
        except OSError:
            return False
    return True


def _wait_ready(endpoint: str) -> None:
    deadline = time.monotonic() + READY_TIMEOUT
    while time.monotonic() < deadline:
        try:
            request(endpoint, "GET", "/_cfn_cognito/health", timeout=2)
            return
        except CommandError:
            time.sleep(0.1)
    raise CommandError(f"the service did not answer at {endpoint} within {READY_TIMEOUT:.0f}s")


def _stack_name_for(template: str) -> str:
    """The stack name a deploy of `template` takes when none is given."""
    synthesized = cdk_assembly.stack_name(template)
    if synthesized:
        return synthesized
    name = re.sub(r"[^A-Za-z0-9-]", "-", Path(template).stem).strip("-")
    return name if name[:1].isalpha() else f"stack-{name}"


def _up(args, settings) -> int:
    from cfn_cognito.cli import what_to_call
    from cfn_cognito.web import server

    if not Path(args.template).is_file():
        raise CommandError(f"cannot read {args.template}: no such file")
    if not _port_free(settings.host, settings.port):
        raise CommandError(f"cannot listen on {settings.host}:{settings.port}: the address is "
                           f"in use (pass --port)")
    endpoint = f"http://{_client_host(settings.host)}:{settings.port}"
    stack_name = args.stack_name or _stack_name_for(args.template)
    outcome = {"failed": False}

    def deploy_then_tell():
        try:
            _wait_ready(endpoint)
            stack = deploy_template(endpoint, args, stack_name)
            if stack["StackStatus"] not in SUCCEEDED:
                raise CommandError(f"stack {stack_name} ended {stack['StackStatus']}")
            what_to_call.report(endpoint, settings, stack)
            print(f"Serving on {settings.base_url} until Ctrl-C.", flush=True)
        except CommandError as err:
            message = str(err)
            print(f"cfn-cognito: {message}", file=sys.stderr, flush=True)
            outcome["failed"] = True
            os.kill(os.getpid(), signal.SIGTERM)  # ends server.serve below

    server.configure_logging(settings.log_level)
    threading.Thread(target=deploy_then_tell, name="cfn-up", daemon=True).start()
    code = server.serve(settings)
    return 1 if outcome["failed"] else code
