"""The events API Gateway sends to Lambda functions: the proxy integration's event (REST APIs'
payload 1.0; HTTP APIs' 2.0, or 1.0 if asked) and the Lambda authorizers' events, shaped as
AWS builds them (AWS docs' samples; aws-lambda-go's testdata)."""

from __future__ import annotations

import base64
import fnmatch

from cfn_cognito.gateway import claims as claim_values
from cfn_cognito.gateway.identity import Identity
from cfn_cognito.gateway.invocation import Invocation

_TEXT_TYPES = ("text/", "application/json", "application/xml", "application/javascript",
               "application/x-www-form-urlencoded", "application/graphql", "+json", "+xml")


def _media_type(value: str | None) -> str:
    return (value or "").split(";", 1)[0].strip().lower()


def is_binary_type(media_type: str, binary_types) -> bool:
    """Whether a media type is one of an API's binary media types (`image/*`, `*/*`)."""
    media_type = _media_type(media_type)
    return bool(media_type) and any(fnmatch.fnmatchcase(media_type, t.strip().lower())
                                    for t in binary_types)


def _body(inv: Invocation) -> tuple[str | None, bool]:
    """(body text, base64-encoded?) of the request."""
    raw = inv.request.body
    if not raw:
        return None, False
    content_type = inv.request.header("Content-Type")
    if inv.is_http_api:
        media = _media_type(content_type)
        textual = not media or any(t in media if t.startswith("+") else media.startswith(t)
                                   for t in _TEXT_TYPES)
        if textual:
            try:
                return raw.decode("utf-8"), False
            except UnicodeDecodeError:
                pass
        return base64.b64encode(raw).decode("ascii"), True
    if is_binary_type(content_type, inv.api.binary_media_types):
        return base64.b64encode(raw).decode("ascii"), True
    return raw.decode("utf-8", errors="replace"), False


def _v1_headers(inv: Invocation) -> tuple[dict | None, dict | None]:
    single: dict[str, str] = {}
    multi: dict[str, list[str]] = {}
    for name, value in inv.request.event_headers:
        single[name] = value
        multi.setdefault(name, []).append(value)
    return (single or None), (multi or None)


def _v1_query(inv: Invocation) -> tuple[dict | None, dict | None]:
    single: dict[str, str] = {}
    multi: dict[str, list[str]] = {}
    for name, value in inv.request.query_pairs:
        single[name] = value
        multi.setdefault(name, []).append(value)
    return (single or None), (multi or None)


def _v1_identity(inv: Invocation, identity: Identity | None) -> dict:
    out = {"cognitoIdentityPoolId": None, "accountId": None, "cognitoIdentityId": None,
           "caller": None, "sourceIp": inv.request.source_ip, "principalOrgId": None,
           "accessKey": None, "cognitoAuthenticationType": None,
           "cognitoAuthenticationProvider": None, "userArn": None,
           "userAgent": inv.request.user_agent, "user": None}
    if identity is not None and identity.caller is not None:
        out.update(identity.caller.request_context_identity())
    if identity is not None and identity.api_key:
        out["apiKey"] = identity.api_key
        out["apiKeyId"] = identity.api_key_id
    return out


def _v1_context(inv: Invocation, identity: Identity | None) -> dict:
    operation = inv.operation
    context = {
        "resourceId": operation.resource_id if operation else "",
        "resourcePath": inv.resource_path,
        "httpMethod": inv.request.method,
        "extendedRequestId": inv.extended_request_id,
        "requestTime": inv.request_time,
        "path": inv.stage_path,
        "accountId": inv.ctx.settings.account_id,
        "protocol": "HTTP/1.1",
        "stage": inv.stage.name,
        "domainPrefix": inv.api.id,
        "requestTimeEpoch": inv.time_epoch_ms,
        "requestId": inv.request_id,
        "identity": _v1_identity(inv, identity),
        "domainName": inv.domain_name,
        "deploymentId": inv.stage.deployment_id or None,
        "apiId": inv.api.id,
    }
    if inv.is_http_api:
        context["resourceId"] = operation.route_key if operation else ""
        context["resourcePath"] = inv.resource_path
        context.pop("deploymentId")
    authorizer = v1_authorizer(identity)
    if authorizer is not None:
        context["authorizer"] = authorizer
    return context


def v1_authorizer(identity: Identity | None) -> dict | None:
    """requestContext.authorizer of a payload 1.0 event."""
    if identity is None:
        return None
    if identity.kind == "cognito":
        return {"claims": claim_values.rest_claims(identity.claims)}
    if identity.kind == "jwt":
        return {"claims": claim_values.http_claims(identity.claims),
                "scopes": claim_values.scopes(identity.claims)}
    if identity.kind == "lambda":
        out = dict(identity.context or {})
        if identity.principal_id is not None:
            out["principalId"] = identity.principal_id
        out["integrationLatency"] = identity.latency_ms
        return out
    return None


def _v1_base(inv: Invocation, identity: Identity | None) -> dict:
    headers, multi_headers = _v1_headers(inv)
    query, multi_query = _v1_query(inv)
    operation = inv.operation
    resource = inv.resource_path
    if inv.is_http_api and operation is not None and operation.path == "$default":
        resource = inv.event_path
    return {
        "resource": resource,
        "path": inv.event_path,
        "httpMethod": inv.request.method,
        "headers": headers,
        "multiValueHeaders": multi_headers,
        "queryStringParameters": query,
        "multiValueQueryStringParameters": multi_query,
        "pathParameters": dict(inv.parameters) or None,
        "stageVariables": inv.stage_variables or None,
        "requestContext": _v1_context(inv, identity),
    }


def proxy_event_v1(inv: Invocation, identity: Identity | None) -> dict:
    """Payload format 1.0: REST APIs' Lambda proxy event (HTTP APIs' too, when asked)."""
    event = _v1_base(inv, identity)
    if inv.is_http_api:
        event = {"version": "1.0", **event}
    body, encoded = _body(inv)
    event["body"] = body
    event["isBase64Encoded"] = encoded
    return event


# Payload format 2.0 ---------------------------------------------------------------------------

def _v2_headers(inv: Invocation) -> tuple[dict, list[str]]:
    """Header names lower-cased, repeated values comma-joined; cookies apart."""
    headers: dict[str, str] = {}
    cookies: list[str] = []
    for name, value in inv.request.event_headers:
        lowered = name.lower()
        if lowered == "cookie":
            cookies.extend(part.strip() for part in value.split(";") if part.strip())
            continue
        headers[lowered] = f"{headers[lowered]},{value}" if lowered in headers else value
    return headers, cookies


def _v2_query(inv: Invocation) -> dict:
    query: dict[str, str] = {}
    for name, value in inv.request.query_pairs:
        query[name] = f"{query[name]},{value}" if name in query else value
    return query


def v2_authorizer(identity: Identity | None) -> dict | None:
    if identity is None:
        return None
    if identity.kind == "jwt":
        return {"jwt": {"claims": claim_values.http_claims(identity.claims),
                        "scopes": claim_values.scopes(identity.claims)}}
    if identity.kind == "lambda":
        return {"lambda": dict(identity.context or {})}
    if identity.kind == "iam" and identity.caller is not None:
        caller = identity.caller
        return {"iam": {
            "accessKey": caller.access_key, "accountId": caller.account_id,
            "callerId": caller.principal_id,
            "cognitoIdentity": {"amr": [caller.authentication_type]
                                + ([caller.authentication_provider]
                                   if caller.authentication_provider else []),
                                "identityId": caller.identity_id,
                                "identityPoolId": caller.identity_pool_id},
            "principalOrgId": None, "userArn": caller.user_arn, "userId": caller.principal_id}}
    return None


def _v2_context(inv: Invocation, identity: Identity | None) -> dict:
    operation = inv.operation
    context = {
        "accountId": inv.ctx.settings.account_id,
        "apiId": inv.api.id,
    }
    authorizer = v2_authorizer(identity)
    if authorizer is not None:
        context["authorizer"] = authorizer
    context.update({
        "domainName": inv.domain_name,
        "domainPrefix": inv.api.id,
        "http": {"method": inv.request.method, "path": inv.stage_path, "protocol": "HTTP/1.1",
                 "sourceIp": inv.request.source_ip, "userAgent": inv.request.user_agent or ""},
        "requestId": inv.extended_request_id,
        "routeKey": operation.route_key if operation else "$default",
        "stage": inv.stage.name,
        "time": inv.request_time,
        "timeEpoch": inv.time_epoch_ms,
    })
    return context


def _v2_base(inv: Invocation) -> dict:
    headers, cookies = _v2_headers(inv)
    event = {"version": "2.0",
             "routeKey": inv.operation.route_key if inv.operation else "$default",
             "rawPath": inv.stage_path, "rawQueryString": inv.request.query}
    if cookies:
        event["cookies"] = cookies
    event["headers"] = headers
    query = _v2_query(inv)
    if query:
        event["queryStringParameters"] = query
    return event


def proxy_event_v2(inv: Invocation, identity: Identity | None) -> dict:
    """Payload format 2.0: HTTP APIs' Lambda proxy event."""
    event = _v2_base(inv)
    event["requestContext"] = _v2_context(inv, identity)
    if inv.parameters:
        event["pathParameters"] = dict(inv.parameters)
    if inv.stage_variables:
        event["stageVariables"] = inv.stage_variables
    body, encoded = _body(inv)
    if body is not None:
        event["body"] = body
    event["isBase64Encoded"] = encoded
    return event


# Lambda authorizers ---------------------------------------------------------------------------

def token_authorizer_event(inv: Invocation, token: str) -> dict:
    return {"type": "TOKEN", "authorizationToken": token, "methodArn": inv.method_arn()}


def request_authorizer_event(inv: Invocation, sources: list[str]) -> dict:
    """REST APIs' REQUEST authorizer event; HTTP APIs' in payload 1.0 or 2.0."""
    if not inv.is_http_api:
        event = {"type": "REQUEST", "methodArn": inv.method_arn(), **_v1_base(inv, None)}
        return event
    version = inv.operation.authorizer.payload_version
    if version == "1.0":
        joined = ",".join(sources)
        return {"version": "1.0", "type": "REQUEST", "methodArn": inv.method_arn(),
                "identitySource": joined, "authorizationToken": joined,
                **{k: v for k, v in _v1_base(inv, None).items()}}
    base = _v2_base(inv)
    event = {"version": "2.0", "type": "REQUEST", "routeArn": inv.method_arn(),
             "identitySource": sources, **{k: v for k, v in base.items() if k != "version"}}
    event["requestContext"] = _v2_context(inv, None)
    if inv.parameters:
        event["pathParameters"] = dict(inv.parameters)
    if inv.stage_variables:
        event["stageVariables"] = inv.stage_variables
    return event


def template_context(inv: Invocation, identity: Identity | None) -> dict:
    """What mapping templates and response parameters read as $context: the REST API's
    request context."""
    return _v1_context(inv, identity)
