"""The WSGI application: every HTTP surface of the service on one Flask app."""

from __future__ import annotations

import json
import logging

from flask import Flask, Response
from werkzeug.exceptions import HTTPException

from cfn_cognito import __version__
from cfn_cognito.config import Settings
from cfn_cognito.context import factory as context_factory
from cfn_cognito.store import Store
from cfn_cognito.web import cross_site, lifecycle
from cfn_cognito.web import gateway as gateway_http
from cfn_cognito.web.aws_api import blueprint as aws_blueprint
from cfn_cognito.web.console.messages import blueprint as messages_blueprint
from cfn_cognito.web.console.pages import blueprint as console_blueprint
from cfn_cognito.web.files import blueprint as files_blueprint
from cfn_cognito.web.functions.lambda_rest import blueprint as lambda_rest_blueprint
from cfn_cognito.web.functions.registry import blueprint as functions_blueprint
from cfn_cognito.web.limits import MAX_REQUEST_BYTES
from cfn_cognito.web.oauth import flask_glue as oauth_http
from cfn_cognito.web.oauth.endpoints import blueprint as oauth2_blueprint
from cfn_cognito.web.oauth.identity_wellknown import (
    blueprint as identity_wellknown_blueprint,
)
from cfn_cognito.web.oauth.pages import blueprint as hosted_ui_blueprint
from cfn_cognito.web.oauth.wellknown import blueprint as wellknown_blueprint
from cfn_cognito.web.stacks import blueprint as stacks_blueprint

LOG = logging.getLogger(__name__)



def _json(payload: dict, status: int = 200) -> Response:
    return Response(json.dumps(payload), status=status, mimetype="application/json")


def create_app(settings: Settings, store: Store, **context_overrides) -> Flask:
    """The app for these settings and store. context_overrides (clock, rng) reach services."""
    app = Flask(__name__)
    app.config["MAX_CONTENT_LENGTH"] = MAX_REQUEST_BYTES
    app.config["CFN_COGNITO_SETTINGS"] = settings
    app.config["CFN_COGNITO_STORE"] = store

    context = context_factory(settings, store, **context_overrides)
    app.config["CFN_COGNITO_CONTEXT"] = context
    app.register_blueprint(aws_blueprint)
    app.register_blueprint(files_blueprint)
    app.register_blueprint(messages_blueprint)
    app.register_blueprint(console_blueprint)
    app.register_blueprint(wellknown_blueprint)
    app.register_blueprint(identity_wellknown_blueprint)
    app.register_blueprint(oauth2_blueprint)
    app.register_blueprint(hosted_ui_blueprint)
    # API Gateway invoke URLs ({apiId}.execute-api.localhost, /restapis/...): the gateway's.
    app.before_request(gateway_http.route_request)
    # Other sites' pages must not drive the developer endpoints through a browser.
    app.before_request(cross_site.refuse_cross_site)
    app.register_blueprint(gateway_http.blueprint)
    # Hosted UI domains ({prefix}.auth.{region}.localhost): unknown ones get 404.
    app.before_request(oauth_http.route_host)
    app.register_blueprint(stacks_blueprint)
    app.register_blueprint(functions_blueprint)
    app.register_blueprint(lambda_rest_blueprint)

    @app.get("/_cfn_cognito/health")
    def health():
        return _json({"status": "ok", "version": __version__})

    @app.post("/_cfn_cognito/reset")
    def reset():
        lifecycle.reset(store)
        return _json({"status": "reset"})

    @app.errorhandler(HTTPException)
    def http_error(err: HTTPException):
        if err.code == 413:
            body = {"__type": "RequestEntityTooLargeException",
                    "message": f"Request body is larger than {MAX_REQUEST_BYTES} bytes."}
            return _json(body, 413)
        return _json({"message": err.description or err.name}, err.code or 500)

    @app.errorhandler(Exception)
    def unexpected(err: Exception):
        LOG.exception("unhandled error")
        return _json({"__type": "InternalErrorException", "message": "An internal error occurred."}, 500)

    return app
