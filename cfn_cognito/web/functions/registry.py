"""`/_cfn_cognito/functions`: the function registry, for `cfn-cognito function ...`.

    POST   /_cfn_cognito/functions              a CreateFunction body (Code.ZipFile base64;
                                                Role optional); creates or replaces -> 201
    GET    /_cfn_cognito/functions              {"Functions": [FunctionConfiguration, ...]}
    GET    /_cfn_cognito/functions/<name>       FunctionConfiguration, or 404
    GET    /_cfn_cognito/functions/<name>/code  the function's code as a zip
    DELETE /_cfn_cognito/functions/<name>       204, or 404

Errors are Lambda's: `x-amzn-ErrorType` header, `{"Type": "User", "message": ...}` body.
"""

from __future__ import annotations

from flask import Blueprint, Response, request
from werkzeug.exceptions import RequestEntityTooLarge

from cfn_cognito import lambdas
from cfn_cognito.lambdas import code
from cfn_cognito.lambdas import registry as function_registry
from cfn_cognito.web.functions import common

blueprint = Blueprint("functions", __name__, url_prefix="/_cfn_cognito/functions")


@blueprint.errorhandler(common.RequestError)
@blueprint.errorhandler(lambdas.LambdaError)
def _error(err):
    return common.error_response(err)


@blueprint.post("")
def register():
    request.max_content_length = common.MAX_CREATE_BYTES
    try:
        body = common.read_json(request.get_data(cache=False))
    except RequestEntityTooLarge:
        raise common.too_large("RegisterFunction", common.MAX_CREATE_BYTES) from None
    ctx = common.context()
    body.setdefault("Role", f"arn:aws:iam::{ctx.settings.account_id}:role/cfn-cognito-lambda")
    return common.json_response(common.register(ctx, body, replace=True), 201)


@blueprint.get("")
def list_functions():
    return common.json_response({"Functions": lambdas.list_functions(common.context())})


@blueprint.get("/<name>")
def get(name: str):
    config = lambdas.get(common.context(), name)
    if config is None:
        raise common.not_found(name)
    return common.json_response(config)


@blueprint.get("/<name>/code")
def code_zip(name: str):
    found = function_registry.find(common.context(), name)
    if found is None:
        raise common.not_found(name)
    return Response(code.zip_dir(found.code_dir), mimetype="application/zip", headers={
        "Content-Disposition": f'attachment; filename="{found.config["FunctionName"]}.zip"'})


@blueprint.delete("/<name>")
def delete(name: str):
    if not lambdas.delete(common.context(), name):
        raise common.not_found(name)
    return Response(status=204)
