"""`cfn-cognito parameter put|get|list|delete`: the parameter store of a running service.

Each command speaks SSM's own API (`AmazonSSM.*` on the AWS JSON protocol) to the service
at --endpoint (default: $CFN_COGNITO_ENDPOINT, then http://localhost:4566), so what it does
is what `aws ssm ... --endpoint-url` would do.
"""

from __future__ import annotations

import argparse
import json
import sys

from cfn_cognito.cli.http import CommandError, call, endpoint_flag, endpoint_of

TARGET = "AmazonSSM"


def add_parser(commands) -> None:
    parameter = commands.add_parser("parameter", help="put, get, list and delete the SSM "
                                    "parameters that templates read")
    actions = parameter.add_subparsers(dest="parameter_command", required=True)
    put = actions.add_parser("put", help="create a parameter, or a new version of one")
    put.add_argument("name")
    put.add_argument("value")
    put.add_argument("--type", choices=("String", "StringList"), default=None,
                     help="String (default for a new parameter) or StringList")
    put.add_argument("--description", default=None)
    get = actions.add_parser("get", help="print a parameter's value")
    get.add_argument("name", help="the name, optionally with :version")
    listing = actions.add_parser("list", help="the parameters, by name")
    listing.add_argument("--path", default=None, help="only those under this path (e.g. /app)")
    listing.add_argument("--json", action="store_true")
    delete = actions.add_parser("delete", help="delete a parameter")
    delete.add_argument("name")
    for sub in (put, get, listing, delete):
        endpoint_flag(sub)


def _call(endpoint: str, operation: str, body: dict) -> dict:
    return call(endpoint, f"{TARGET}.{operation}", body)


def _put(endpoint: str, args) -> None:
    body = {"Name": args.name, "Value": args.value, "Overwrite": True}
    if args.type:
        body["Type"] = args.type
    elif not _exists(endpoint, args.name):
        body["Type"] = "String"     # a new parameter needs a type; a new version keeps its own
    if args.description is not None:
        body["Description"] = args.description
    answer = _call(endpoint, "PutParameter", body)
    print(f"{args.name}: version {answer['Version']}")


def _exists(endpoint: str, name: str) -> bool:
    answer = _call(endpoint, "GetParameters", {"Names": [name]})
    return bool(answer["Parameters"])


def _get(endpoint: str, args) -> None:
    try:
        print(_call(endpoint, "GetParameter", {"Name": args.name})["Parameter"]["Value"])
    except CommandError as err:
        if str(err).startswith("ParameterNotFound"):
            raise CommandError(f"no parameter {args.name}") from None
        raise


def _list(endpoint: str, args) -> None:
    found, token = [], None
    request = {"ParameterFilters": [{"Key": "Path", "Option": "Recursive",
                                     "Values": [args.path]}]} if args.path else {}
    while True:
        page = _call(endpoint, "DescribeParameters",
                     {**request, "MaxResults": 50, **({"NextToken": token} if token else {})})
        found += page["Parameters"]
        token = page.get("NextToken")
        if not token:
            break
    values = {}
    names = [p["Name"] for p in found]
    for start in range(0, len(names), 10):
        answer = _call(endpoint, "GetParameters", {"Names": names[start:start + 10]})
        values.update({p["Name"]: p["Value"] for p in answer["Parameters"]})
    rows = [{"Name": p["Name"], "Type": p["Type"], "Version": p["Version"],
             "Value": values.get(p["Name"], "")} for p in found]
    if args.json:
        print(json.dumps(rows))
        return
    if not rows:
        print("No parameters.")
        return
    width = max(len(r["Name"]) for r in rows)
    for r in rows:
        print(f"{r['Name']:<{width}}  {r['Type']:<10}  v{r['Version']:<4} {r['Value']}")


def _delete(endpoint: str, args) -> None:
    _call(endpoint, "DeleteParameter", {"Name": args.name})
    print(f"deleted {args.name}")


def run(args: argparse.Namespace) -> int:
    endpoint = endpoint_of(args)
    command = {"put": _put, "get": _get, "list": _list, "delete": _delete}
    try:
        command[args.parameter_command](endpoint, args)
    except CommandError as err:
        print(f"cfn-cognito: {err}", file=sys.stderr)
        return 1
    return 0
