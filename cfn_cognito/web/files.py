"""Files behind URLs the cognito-idp API hands out, served where AWS would use S3 and
CloudFront:

    PUT /_cfn_cognito/import/<jobId>?signature=...   the CSV of a user import job (the
        job's PreSignedUrl); errors answer as S3 does, as XML
    GET /_cfn_cognito/ui/<pool>/<client>/<version>/assets/images/image.jpg
        the logo of a classic hosted UI customization (its ImageUrl)
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from flask import Blueprint, Response, current_app, request
from werkzeug.exceptions import RequestEntityTooLarge

from cfn_cognito.idp.userimport import csv_file as csv_import
from cfn_cognito.idp.userpools import ui_customization
from cfn_cognito.idp.userimport import jobs as user_import

blueprint = Blueprint("files", __name__)

_S3_STATUS = {"AccessDenied": 403, "SignatureDoesNotMatch": 403, "EntityTooLarge": 400}


def _context():
    return current_app.config["CFN_COGNITO_CONTEXT"]()


def _s3_error(code: str, message: str) -> Response:
    body = ('<?xml version="1.0" encoding="UTF-8"?>\n'
            f"<Error><Code>{escape(code)}</Code><Message>{escape(message)}</Message></Error>")
    return Response(body, status=_S3_STATUS.get(code, 400), mimetype="application/xml")


@blueprint.put(f"{user_import.UPLOAD_PATH}/<job_id>")
def upload_import_csv(job_id: str):
    request.max_content_length = csv_import.MAX_FILE_BYTES
    try:
        data = request.get_data(cache=False)
    except RequestEntityTooLarge:
        return _s3_error("EntityTooLarge", "Your proposed upload exceeds the maximum allowed size")
    refused = user_import.accept_upload(
        _context(), job_id, request.args.get("signature", ""),
        request.headers.get("x-amz-server-side-encryption"), data)
    if refused:
        return _s3_error(*refused)
    return Response(b"", status=200, headers={"x-amz-server-side-encryption": "aws:kms"})


@blueprint.get(f"{ui_customization.IMAGE_PATH}/<pool_id>/<client_id>/<version>"
               "/assets/images/image.jpg")
def hosted_ui_logo(pool_id: str, client_id: str, version: str):
    found = ui_customization.logo(_context(), pool_id, client_id, version)
    if found is None:
        return _s3_error("AccessDenied", "Access Denied")
    data, mime = found
    return Response(data, status=200, mimetype=mime)
