"""`cfn-cognito function register|list|invoke|delete`: the functions of a running service.

Each command talks HTTP to the service at --endpoint (default: $CFN_COGNITO_ENDPOINT, then
http://localhost:4566): `/_cfn_cognito/functions` for the registry, Lambda's own Invoke for
`invoke`.
"""

from __future__ import annotations

import argparse
import base64
import json
import sys
import urllib.parse
from pathlib import Path

from cfn_cognito.cli.http import CommandError, endpoint_flag, endpoint_of, exchange

REGISTRY = "/_cfn_cognito/functions"
INVOKE_WAIT = 930  # Lambda's longest timeout, and some


def add_parser(commands) -> None:
    function = commands.add_parser("function", help="register, list, invoke and delete the "
                                   "local Lambda functions of a running service")
    actions = function.add_subparsers(dest="function_command", required=True)

    register = actions.add_parser("register", help="create or replace a function from a directory")
    register.add_argument("--name", required=True, help="function name, e.g. f1")
    register.add_argument("--runtime", required=True, help="python3.x or nodejs*, e.g. python3.12")
    register.add_argument("--handler", required=True, help="module.function, e.g. app.handler")
    register.add_argument("--code", required=True, help="directory (or .zip file) of the code")
    register.add_argument("--env", action="append", default=[], metavar="K=V",
                          type=_env_pair, help="an environment variable (repeatable)")
    register.add_argument("--timeout", type=int, default=3, help="seconds (default 3)")
    register.add_argument("--memory", type=int, default=128, help="MB (default 128)")
    register.add_argument("--description", default="")
    endpoint_flag(register)

    listing = actions.add_parser("list", help="the registered functions")
    listing.add_argument("--json", action="store_true", help="print Lambda's JSON")
    endpoint_flag(listing)

    invoke = actions.add_parser("invoke", help="run a function and print its result")
    invoke.add_argument("--name", required=True, help="function name or ARN")
    invoke.add_argument("--payload", default="{}", help="the event, as JSON (default {})")
    endpoint_flag(invoke)

    delete = actions.add_parser("delete", help="delete a function")
    delete.add_argument("--name", required=True, help="function name or ARN")
    endpoint_flag(delete)


def run(args: argparse.Namespace) -> int:
    endpoint = endpoint_of(args)
    command = {"register": _register, "list": _list, "invoke": _invoke, "delete": _delete}
    try:
        return command[args.function_command](endpoint, args)
    except CommandError as err:
        print(f"cfn-cognito: {err}", file=sys.stderr)
        return 1


def _register(endpoint: str, args) -> int:
    source = Path(args.code)
    if source.is_dir():
        # Here, not at the top: importing the lambdas package loads the store, and every
        # command (serve too) imports this module to build its parser.
        from cfn_cognito.lambdas.code import zip_dir
        zipped = zip_dir(source)
    elif source.is_file() and source.suffix == ".zip":
        zipped = source.read_bytes()
    else:
        raise CommandError(f"--code {args.code}: not a directory or a .zip file")
    body = {
        "FunctionName": args.name, "Runtime": args.runtime, "Handler": args.handler,
        "Code": {"ZipFile": base64.b64encode(zipped).decode()},
        "Timeout": args.timeout, "MemorySize": args.memory, "Description": args.description,
    }
    if args.env:
        body["Environment"] = {"Variables": dict(args.env)}
    _, config = exchange(endpoint, "POST", REGISTRY, body)
    print(f"registered {config['FunctionName']} ({config['Runtime']}, {config['Handler']}): "
          f"{config['FunctionArn']}")
    return 0


def _list(endpoint: str, args) -> int:
    _, body = exchange(endpoint, "GET", REGISTRY)
    functions = body["Functions"]
    if args.json:
        print(json.dumps(functions, indent=2))
    elif not functions:
        print("no functions")
    else:
        rows = [(f["FunctionName"], f["Runtime"], f["Handler"], f["FunctionArn"]) for f in functions]
        widths = [max(len(row[i]) for row in rows) for i in range(3)]
        for row in rows:
            print("  ".join(cell.ljust(width) for cell, width in zip(row, widths)) + "  " + row[3])
    return 0


def _invoke(endpoint: str, args) -> int:
    try:
        event = json.loads(args.payload)
    except ValueError as err:
        raise CommandError(f"--payload is not JSON: {err}") from None
    path = f"/2015-03-31/functions/{urllib.parse.quote(args.name, safe='')}/invocations"
    headers, result = exchange(endpoint, "POST", path, event, timeout=INVOKE_WAIT)
    print(json.dumps(result, indent=2))
    return 1 if headers.get("X-Amz-Function-Error") else 0


def _delete(endpoint: str, args) -> int:
    exchange(endpoint, "DELETE", f"{REGISTRY}/{urllib.parse.quote(args.name, safe='')}")
    print(f"deleted {args.name}")
    return 0


def _env_pair(text: str) -> tuple[str, str]:
    key, sep, value = text.partition("=")
    if not sep or not key:
        raise argparse.ArgumentTypeError(f"expected K=V, got {text!r}")
    return key, value
