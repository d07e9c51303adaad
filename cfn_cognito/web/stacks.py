"""The stack API over HTTP, for the `cfn-cognito deploy|delete|stacks|outputs` commands:

    GET    /_cfn_cognito/stacks                       {"Stacks": [...]}
    PUT    /_cfn_cognito/stacks/<name>                deploy: {"TemplateBody", "Parameters":
                                                      {K: V}, "CodeDir", "TemplateDir"}
    GET    /_cfn_cognito/stacks/<name>                the stack, with Parameters and Outputs
    DELETE /_cfn_cognito/stacks/<name>                delete
    GET    /_cfn_cognito/stacks/<name>/events?after=N the events after position N, oldest first
    GET    /_cfn_cognito/stacks/<name>/resources      logical id, physical id, type, status
    GET    /_cfn_cognito/stacks/<name>/template?stage=Original|Processed   {"TemplateBody"}
    GET    /_cfn_cognito/exports                      {"Exports": [...]}

Errors are AWS error bodies (`{"__type": "ValidationError", "message", "Findings"}`); a
refused template lists every finding with its line.
"""

from __future__ import annotations

import json

from flask import Blueprint, Response, current_app, request

from cfn_cognito.cfn import stacks
from cfn_cognito.cfn.errors import ValidationError
from cfn_cognito.errors import AwsError

blueprint = Blueprint("stacks", __name__)
PREFIX = "/_cfn_cognito"


def _json(payload: dict, status: int = 200) -> Response:
    return Response(json.dumps(payload), status=status, mimetype="application/json")


def _context():
    return current_app.config["CFN_COGNITO_CONTEXT"]()


def _answer(work):
    try:
        return _json(work())
    except AwsError as err:
        response = _json(err.body(), err.status)
        response.headers["x-amzn-ErrorType"] = f"{err.code}:"
        return response


def _body() -> dict:
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        raise ValidationError("The request body must be a JSON object")
    return body


@blueprint.get(f"{PREFIX}/stacks")
def list_stacks():
    return _answer(lambda: stacks.list_stacks(_context()))


@blueprint.put(f"{PREFIX}/stacks/<name>")
def deploy(name: str):
    return _answer(lambda: stacks.deploy(_context(), {**_body(), "StackName": name}))


@blueprint.get(f"{PREFIX}/stacks/<name>")
def describe(name: str):
    return _answer(lambda: stacks.describe(_context(), name))


@blueprint.delete(f"{PREFIX}/stacks/<name>")
def delete(name: str):
    return _answer(lambda: stacks.delete(_context(), name))


@blueprint.get(f"{PREFIX}/stacks/<name>/events")
def events(name: str):
    after = request.args.get("after", "0")
    return _answer(lambda: stacks.events(_context(), name, int(after) if after.isdigit() else 0))


@blueprint.get(f"{PREFIX}/stacks/<name>/resources")
def resources(name: str):
    return _answer(lambda: stacks.resources(_context(), name))


@blueprint.get(f"{PREFIX}/stacks/<name>/template")
def template(name: str):
    stage = request.args.get("stage", "Original")
    return _answer(lambda: stacks.template(_context(), name, stage))


@blueprint.get(f"{PREFIX}/exports")
def exports():
    return _answer(lambda: stacks.exports(_context()))
