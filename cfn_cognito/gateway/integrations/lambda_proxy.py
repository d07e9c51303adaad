"""AWS_PROXY: the request as a Lambda proxy event, the function's answer mapped back.

REST APIs (payload 1.0): the answer must be `{statusCode, headers?, multiValueHeaders?, body?,
isBase64Encoded?}` or the caller gets 502 `{"message": "Internal server error"}`, as for a
function that fails; a function that cannot be found is 500; the integration's timeout is 504.
HTTP APIs with payload 2.0 also take any other JSON as a 200 `application/json` body, and
`cookies`; their failures are 500 `{"message":"Internal Server Error"}` (timeout: 503).
"""

from __future__ import annotations

import base64
import binascii
import json
import logging

from cfn_cognito import lambdas
from cfn_cognito.gateway import config, events
from cfn_cognito.gateway.identity import Identity
from cfn_cognito.gateway.invocation import Invocation
from cfn_cognito.gateway.responses import JSON, GatewayError, Reply

LOG = logging.getLogger(__name__)


class Malformed(ValueError):
    """An answer API Gateway cannot turn into a response."""


def run(inv: Invocation, identity: Identity) -> Reply:
    integration = inv.operation.integration
    function = config.with_stage_variables(integration.function, inv.stage_variables)
    v2 = inv.is_http_api and integration.payload_version == "2.0"
    event = events.proxy_event_v2(inv, identity) if v2 else events.proxy_event_v1(inv, identity)
    try:
        result = lambdas.invoke(inv.ctx, function, event, timeout=integration.timeout)
    except lambdas.FunctionNotFound as err:
        raise GatewayError("API_CONFIGURATION_ERROR", log=str(err)) from None
    except lambdas.FunctionTimeout as err:
        if err.seconds + 1e-6 >= integration.timeout:
            why = f"no answer within the integration's {integration.timeout:g} s"
            raise GatewayError("INTEGRATION_TIMEOUT", log=why) from None
        raise GatewayError("INTEGRATION_FAILURE", log=f"the function {err}") from None
    except lambdas.FunctionError as err:
        raise GatewayError("INTEGRATION_FAILURE", log=f"the function failed: {err}") from None
    try:
        return v2_reply(result) if v2 else v1_reply(inv, result)
    except Malformed as err:
        raise GatewayError("INTEGRATION_FAILURE",
                           log=f"malformed Lambda proxy response: {err}") from None


def _status(value) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        raise Malformed(f"statusCode must be a number, got {value!r}")
    try:
        status = int(value)
    except ValueError:
        raise Malformed(f"statusCode must be a number, got {value!r}") from None
    if not 100 <= status <= 599:
        raise Malformed(f"statusCode {status} is not an HTTP status")
    return status


def _text(value, what: str) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (str, int, float)):
        return str(value)
    raise Malformed(f"{what} must be a string, got {value!r}")


def _map(value, what: str) -> dict:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise Malformed(f"{what} must be an object")
    return value


def _decoded(body: str) -> bytes:
    try:
        return base64.b64decode(body, validate=True)
    except (binascii.Error, ValueError):
        raise Malformed("isBase64Encoded is true but the body is not base64") from None


def v1_reply(inv: Invocation, result) -> Reply:
    if not isinstance(result, dict):
        raise Malformed("the answer is not an object")
    if "statusCode" not in result:
        raise Malformed("statusCode is missing")
    status = _status(result["statusCode"])
    single = {str(k): _text(v, f"header {k}")
              for k, v in _map(result.get("headers"), "headers").items()}
    multi = {}
    for name, values in _map(result.get("multiValueHeaders"), "multiValueHeaders").items():
        if not isinstance(values, list):
            raise Malformed(f"multiValueHeaders.{name} must be a list")
        multi[str(name)] = [_text(v, f"header {name}") for v in values]
    headers = [(k, v) for k, values in multi.items() for v in values]
    headers += [(k, v) for k, v in single.items() if k not in multi]
    body = result.get("body")
    if body is not None and not isinstance(body, str):
        raise Malformed("body must be a string")
    encoded = result.get("isBase64Encoded", False)
    if not isinstance(encoded, bool):
        raise Malformed("isBase64Encoded must be a boolean")
    raw = (body or "").encode("utf-8")
    if encoded and body:
        # Binary only when the caller's (first) Accept type is one of the API's binary media
        # types; otherwise the caller gets the base64 text, as on AWS.
        accept = (inv.request.header("Accept") or "").split(",")[0]
        if events.is_binary_type(accept, inv.api.binary_media_types):
            raw = _decoded(body)
    if not any(k.lower() == "content-type" for k, _ in headers):
        headers.append(("Content-Type", JSON))
    return Reply(status, headers, raw)


def v2_reply(result) -> Reply:
    if not (isinstance(result, dict) and "statusCode" in result):
        return Reply(200, [("Content-Type", JSON)], json.dumps(result).encode("utf-8"))
    status = _status(result["statusCode"])
    headers = [(str(k), _text(v, f"header {k}"))
               for k, v in _map(result.get("headers"), "headers").items()]
    cookies = result.get("cookies") or []
    if not isinstance(cookies, list):
        raise Malformed("cookies must be a list")
    headers += [("Set-Cookie", _text(c, "cookie")) for c in cookies]
    body = result.get("body")
    if body is None:
        raw = b""
    elif isinstance(body, str):
        raw = _decoded(body) if result.get("isBase64Encoded") is True else body.encode("utf-8")
    else:
        raw = json.dumps(body).encode("utf-8")
    if not any(k.lower() == "content-type" for k, _ in headers):
        headers.append(("Content-Type", JSON))
    return Reply(status, headers, raw)
