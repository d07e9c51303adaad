"""HTTP_PROXY: the request passed on to the integration's URL and the answer passed back.

Path variables fill the URL's `{name}` (a REST API's RequestParameters may map
`integration.request.path.X` from any request value, and set headers and query string
parameters); an HTTP API's $default route, and a URL without variables under a greedy route,
get the request's path appended. The query string goes along as sent.
"""

from __future__ import annotations

import http.client
import logging
import socket
from urllib.parse import quote, urlsplit

from cfn_cognito.gateway import events
from cfn_cognito.gateway.identity import Identity
from cfn_cognito.gateway.invocation import Invocation
from cfn_cognito.gateway.model import DEFAULT_ROUTE
from cfn_cognito.gateway.parameters import RequestValues
from cfn_cognito.gateway.responses import GatewayError, Reply

LOG = logging.getLogger(__name__)

# Headers of one hop, never passed on (RFC 9110 §7.6.1), and what http.client sets itself.
_HOP = frozenset({"connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "te",
                  "trailer", "transfer-encoding", "upgrade", "host", "content-length"})
_PREFIX = "integration.request."


def _mapped(inv: Invocation, values: RequestValues) -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {"path": {}, "header": {}, "querystring": {}}
    for name, expression in inv.operation.integration.request_parameters:
        if not name.startswith(_PREFIX):
            continue
        where, _, key = name[len(_PREFIX):].partition(".")
        value = values.get(expression)
        if where in out and value is not None:
            out[where][key] = value
    return out


def _url(inv: Invocation, mapped_path: dict) -> str:
    uri = inv.operation.integration.uri
    variables = {**inv.parameters, **mapped_path}
    filled = uri
    for name, value in variables.items():
        encoded = quote(value, safe="/") if inv.is_http_api else value
        filled = filled.replace("{" + name + "+}", encoded).replace("{" + name + "}", encoded)
    if filled == uri and (inv.operation.path == DEFAULT_ROUTE
                          or inv.resource_path.endswith("+}")):
        filled = uri.rstrip("/") + inv.path
    return filled


def run(inv: Invocation, identity: Identity) -> Reply:
    integration = inv.operation.integration
    request = inv.request
    values = RequestValues(inv, events.template_context(inv, identity))
    mapped = _mapped(inv, values)
    url = urlsplit(_url(inv, mapped["path"]))
    query = request.query
    extra = "&".join(f"{quote(k)}={quote(v)}" for k, v in mapped["querystring"].items())
    query = "&".join(part for part in (query, extra) if part)
    target = (url.path or "/") + (f"?{url.query}" if url.query else "")
    if query:
        target += ("&" if url.query else "?") + query
    method = request.method if integration.http_method == "ANY" else integration.http_method
    headers = {k: v for k, v in request.headers if k.lower() not in _HOP}
    headers.update(mapped["header"])
    kind = http.client.HTTPSConnection if url.scheme == "https" else http.client.HTTPConnection
    connection = kind(url.hostname, url.port, timeout=integration.timeout)
    try:
        connection.request(method, target, body=request.body or None, headers=headers)
        answer = connection.getresponse()
        body = answer.read()
    except socket.timeout:
        raise GatewayError("INTEGRATION_TIMEOUT", log=f"{url.geturl()} did not answer within "
                                                     f"{integration.timeout:g} s") from None
    except (OSError, http.client.HTTPException) as err:
        raise GatewayError("INTEGRATION_FAILURE", log=f"{url.geturl()}: {err}") from None
    finally:
        connection.close()
    headers_back = [(k, v) for k, v in answer.getheaders() if k.lower() not in _HOP]
    return Reply(answer.status, headers_back, body)
