"""API Gateway resources' properties (as CloudFormation gives them) into the routing model.

The providers call these to refuse, at deploy, what the gateway cannot serve (a ConfigError
becomes the resource's failure reason); the routing table calls them again to build itself
from the deployed stacks. One reading of each property, in one place.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from cfn_cognito.gateway import templates
from cfn_cognito.gateway.model import (
    Authorizer,
    Cors,
    GatewayResponse,
    IdentitySource,
    Integration,
    IntegrationResponse,
    Stage,
    Validator,
)
from cfn_cognito.lambdas import arns

REST_AUTHORIZATIONS = ("NONE", "AWS_IAM", "CUSTOM", "COGNITO_USER_POOLS")
HTTP_AUTHORIZATIONS = ("NONE", "AWS_IAM", "CUSTOM", "JWT")
HTTP_METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "ANY")
# Lambda authorizers of REST APIs keep results 300 s unless told otherwise (AWS's default).
REST_AUTHORIZER_TTL = 300
REST_TIMEOUT_MS = 29000
HTTP_TIMEOUT_MS = 30000
GATEWAY_RESPONSE_TYPES = frozenset({
    "ACCESS_DENIED", "API_CONFIGURATION_ERROR", "AUTHORIZER_CONFIGURATION_ERROR",
    "AUTHORIZER_FAILURE", "BAD_REQUEST_BODY", "BAD_REQUEST_PARAMETERS", "DEFAULT_4XX",
    "DEFAULT_5XX", "EXPIRED_TOKEN", "INTEGRATION_FAILURE", "INTEGRATION_TIMEOUT",
    "INVALID_API_KEY", "INVALID_SIGNATURE", "MISSING_AUTHENTICATION_TOKEN", "QUOTA_EXCEEDED",
    "REQUEST_TOO_LARGE", "RESOURCE_NOT_FOUND", "THROTTLED", "UNAUTHORIZED",
    "UNSUPPORTED_MEDIA_TYPE", "WAF_FILTERED"})

# arn:aws:apigateway:{region}:lambda:path/2015-03-31/functions/{function arn}/invocations
_INVOCATION_URI = re.compile(r"arn:aws[a-z-]*:apigateway:[a-z0-9-]*:lambda:path/[^/]+/functions/"
                             r"(?P<function>.+)/invocations")
_STAGE_VARIABLE = re.compile(r"\$\{stageVariables\.([A-Za-z0-9_]+)\}")
_V1_SOURCE = re.compile(r"(method\.request\.(header|querystring)|stageVariables|context)\."
                        r"([^\s,]+)")
_V2_SOURCE = re.compile(r"\$(request\.(header|querystring)|stageVariables|context)\.(\S+)")


class ConfigError(ValueError):
    """What the gateway cannot serve, said so that a template's author can fix it."""


def _pairs(mapping) -> tuple[tuple[str, str], ...]:
    if mapping in (None, ""):
        return ()
    if not isinstance(mapping, dict):
        raise ConfigError(f"expected a map, got {mapping!r}")
    return tuple((str(k), "" if v is None else str(v)) for k, v in mapping.items())


def _strings(value) -> tuple[str, ...]:
    if value in (None, ""):
        return ()
    if isinstance(value, str):
        return tuple(part.strip() for part in value.split(",") if part.strip())
    if isinstance(value, list):
        return tuple(str(v) for v in value)
    raise ConfigError(f"expected a list of strings, got {value!r}")


def _true(value) -> bool:
    return value is True or str(value).lower() == "true"


def _check_templates(pairs, where: str) -> None:
    for content_type, text in pairs:
        problem = templates.problem(text)
        if problem:
            raise ConfigError(f"{where} ({content_type}): {problem}")


def function_of(uri: str, where: str) -> str:
    """The Lambda function an integration or authorizer URI names: the URI of API Gateway's
    `.../functions/{arn}/invocations` form, or (HTTP APIs) the function's ARN itself. Stage
    variables (`${stageVariables.fn}`) are kept, to be filled per request."""
    if not isinstance(uri, str) or not uri:
        raise ConfigError(f"{where} needs the URI of a Lambda function")
    found = _INVOCATION_URI.fullmatch(uri)
    function = found.group("function") if found else uri
    if _STAGE_VARIABLE.search(function) or arns.parse(function) is not None:
        return function
    if found:
        raise ConfigError(f"{where}: {function} does not name a Lambda function")
    raise ConfigError(f"{where}: {uri} is not a Lambda function URI (arn:aws:apigateway:"
                      f"{{region}}:lambda:path/2015-03-31/functions/{{function arn}}/invocations)")


def with_stage_variables(text: str, variables: dict) -> str:
    """`${stageVariables.x}` in a URI replaced by the stage's values."""
    return _STAGE_VARIABLE.sub(lambda m: variables.get(m.group(1), ""), text)


def _timeout(value, default_ms: int) -> float:
    if value in (None, ""):
        return default_ms / 1000
    try:
        ms = int(value)
    except (TypeError, ValueError):
        raise ConfigError(f"TimeoutInMillis must be a number, got {value!r}") from None
    if ms < 50:
        raise ConfigError(f"TimeoutInMillis must be at least 50, got {ms}")
    return ms / 1000


def _http_uri(uri, where: str) -> str:
    parts = urlsplit(uri if isinstance(uri, str) else "")
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ConfigError(f"{where}: an HTTP_PROXY integration needs an http(s) URL, got {uri!r}")
    return uri


# REST APIs (AWS::ApiGateway::*) -------------------------------------------------------------

def rest_integration(props) -> Integration:
    """A Method's Integration."""
    if not isinstance(props, dict) or not props.get("Type"):
        raise ConfigError("the method has no Integration (API Gateway cannot deploy it)")
    kind = str(props["Type"]).upper()
    if props.get("ConnectionType") == "VPC_LINK":
        raise ConfigError("integrations through a VPC link are not supported by cfn-cognito")
    timeout = _timeout(props.get("TimeoutInMillis"), REST_TIMEOUT_MS)
    parameters = _pairs(props.get("RequestParameters"))
    if kind == "AWS_PROXY":
        return Integration(kind, props.get("Uri", ""), function_of(props.get("Uri"), "Integration"),
                           timeout=timeout)
    if kind == "HTTP_PROXY":
        return Integration(kind, _http_uri(props.get("Uri"), "Integration"),
                           http_method=str(props.get("IntegrationHttpMethod") or "ANY").upper(),
                           timeout=timeout, request_parameters=parameters)
    if kind == "MOCK":
        request_templates = _pairs(props.get("RequestTemplates"))
        _check_templates(request_templates, "Integration.RequestTemplates")
        responses = []
        for response in props.get("IntegrationResponses") or []:
            response_templates = _pairs(response.get("ResponseTemplates"))
            _check_templates(response_templates, "IntegrationResponses.ResponseTemplates")
            responses.append(IntegrationResponse(
                str(response.get("StatusCode", "200")), response.get("SelectionPattern") or None,
                _pairs(response.get("ResponseParameters")), response_templates))
        return Integration(kind, timeout=timeout, request_templates=request_templates,
                           request_parameters=parameters, responses=tuple(responses))
    if kind in ("AWS", "HTTP"):
        raise ConfigError(f"Integration type {kind} (a non-proxy integration, with mapping "
                          f"templates) is not supported by cfn-cognito; use AWS_PROXY, "
                          f"HTTP_PROXY or MOCK")
    raise ConfigError(f"Integration type {kind} is not one of AWS, AWS_PROXY, HTTP, "
                      f"HTTP_PROXY, MOCK")


def rest_method(props: dict) -> dict:
    """The checked parts of a Method: {method, authorization, scopes, api_key_required,
    integration, request_parameters, request_models}."""
    method = str(props.get("HttpMethod") or "").upper()
    if method not in HTTP_METHODS:
        raise ConfigError(f"HttpMethod must be one of {', '.join(HTTP_METHODS)}, got {method!r}")
    authorization = str(props.get("AuthorizationType") or "NONE").upper()
    if authorization not in REST_AUTHORIZATIONS:
        raise ConfigError(f"AuthorizationType must be one of {', '.join(REST_AUTHORIZATIONS)}, "
                          f"got {authorization!r}")
    if authorization in ("CUSTOM", "COGNITO_USER_POOLS") and not props.get("AuthorizerId"):
        raise ConfigError(f"AuthorizationType {authorization} needs an AuthorizerId")
    required = props.get("RequestParameters") or {}
    if not isinstance(required, dict):
        raise ConfigError("RequestParameters must be a map")
    return {
        "method": method,
        "authorization": authorization,
        "scopes": _strings(props.get("AuthorizationScopes")),
        "api_key_required": _true(props.get("ApiKeyRequired")),
        "integration": rest_integration(props.get("Integration")),
        "request_parameters": tuple((str(k), _true(v)) for k, v in required.items()),
        "request_models": _pairs(props.get("RequestModels")),
    }


def _v1_sources(text, kind: str) -> tuple[IdentitySource, ...]:
    sources = []
    for part in _strings(text):
        match = _V1_SOURCE.fullmatch(part)
        if match is None:
            raise ConfigError(f"IdentitySource {part!r} is not method.request.header.NAME, "
                              f"method.request.querystring.NAME, stageVariables.NAME or "
                              f"context.NAME")
        where = match.group(2) or ("stage" if match.group(1) == "stageVariables" else "context")
        sources.append(IdentitySource(where, match.group(3)))
    if kind in ("TOKEN", "COGNITO_USER_POOLS") and (len(sources) != 1
                                                    or sources[0].kind != "header"):
        raise ConfigError(f"a {kind} authorizer's IdentitySource must be one header "
                          f"(method.request.header.NAME)")
    return tuple(sources)


def _ttl(value, default: int) -> int:
    if value in (None, ""):
        return default
    try:
        seconds = int(value)
    except (TypeError, ValueError):
        raise ConfigError(f"AuthorizerResultTtlInSeconds must be a number, got {value!r}") from None
    if not 0 <= seconds <= 3600:
        raise ConfigError(f"AuthorizerResultTtlInSeconds must be between 0 and 3600, got {seconds}")
    return seconds


def rest_authorizer(authorizer_id: str, props: dict) -> Authorizer:
    kind = str(props.get("Type") or "").upper()
    name = str(props.get("Name") or authorizer_id)
    if kind == "COGNITO_USER_POOLS":
        pools = _strings(props.get("ProviderARNs"))
        if not pools:
            raise ConfigError("a COGNITO_USER_POOLS authorizer needs ProviderARNs")
        return Authorizer(authorizer_id, name, kind,
                          _v1_sources(props.get("IdentitySource")
                                      or "method.request.header.Authorization", kind),
                          pools=pools, validation=str(props.get("IdentityValidationExpression") or ""))
    if kind in ("TOKEN", "REQUEST"):
        validation = str(props.get("IdentityValidationExpression") or "")
        if validation:
            try:
                re.compile(validation)
            except re.error as err:
                raise ConfigError(f"IdentityValidationExpression is not a regular "
                                  f"expression: {err}") from None
        return Authorizer(authorizer_id, name, kind,
                          _v1_sources(props.get("IdentitySource")
                                      or ("method.request.header.Authorization"
                                          if kind == "TOKEN" else ""), kind),
                          ttl=_ttl(props.get("AuthorizerResultTtlInSeconds"), REST_AUTHORIZER_TTL),
                          function=function_of(props.get("AuthorizerUri"), "AuthorizerUri"),
                          validation=validation)
    raise ConfigError(f"authorizer Type must be TOKEN, REQUEST or COGNITO_USER_POOLS, got {kind!r}")


def gateway_response(props: dict) -> GatewayResponse:
    kind = str(props.get("ResponseType") or "")
    if kind not in GATEWAY_RESPONSE_TYPES:
        raise ConfigError(f"ResponseType {kind!r} is not a gateway response type")
    status = props.get("StatusCode")
    try:
        status = int(status) if status not in (None, "") else None
    except (TypeError, ValueError):
        raise ConfigError(f"StatusCode must be a number, got {status!r}") from None
    found = _pairs(props.get("ResponseTemplates"))
    _check_templates(found, "ResponseTemplates")
    return GatewayResponse(kind, status, _pairs(props.get("ResponseParameters")), found)


def validator(props: dict) -> Validator:
    return Validator(body=_true(props.get("ValidateRequestBody")),
                     parameters=_true(props.get("ValidateRequestParameters")))


def rest_stage(name: str, variables, deployment_id: str = "") -> Stage:
    return Stage(str(name), _pairs(variables), deployment_id)


def binary_media_types(value) -> tuple[str, ...]:
    # CloudFormation escapes the "/" of a media type as "~1" (as the REST API's PATCH does).
    return tuple(t.replace("~1", "/") for t in _strings(value))


# HTTP APIs (AWS::ApiGatewayV2::*) ------------------------------------------------------------

def http_integration(props: dict) -> Integration:
    kind = str(props.get("IntegrationType") or "").upper()
    if props.get("IntegrationSubtype"):
        raise ConfigError(f"AWS service integrations ({props['IntegrationSubtype']}) are not "
                          f"supported by cfn-cognito; use AWS_PROXY or HTTP_PROXY")
    if props.get("ConnectionType") == "VPC_LINK":
        raise ConfigError("integrations through a VPC link are not supported by cfn-cognito")
    for name in ("RequestParameters", "ResponseParameters", "RequestTemplates"):
        if props.get(name):
            raise ConfigError(f"{name} (parameter mapping) of HTTP API integrations is not "
                              f"supported by cfn-cognito")
    timeout = _timeout(props.get("TimeoutInMillis"), HTTP_TIMEOUT_MS)
    version = str(props.get("PayloadFormatVersion") or "")
    if kind == "AWS_PROXY":
        version = version or "2.0"
        if version not in ("1.0", "2.0"):
            raise ConfigError(f"PayloadFormatVersion must be 1.0 or 2.0, got {version!r}")
        uri = props.get("IntegrationUri", "")
        return Integration(kind, uri, function_of(uri, "IntegrationUri"), timeout=timeout,
                           payload_version=version)
    if kind == "HTTP_PROXY":
        return Integration(kind, _http_uri(props.get("IntegrationUri"), "IntegrationUri"),
                           http_method=str(props.get("IntegrationMethod") or "ANY").upper(),
                           timeout=timeout, payload_version="1.0")
    raise ConfigError(f"IntegrationType {kind!r} is not supported for HTTP APIs by cfn-cognito "
                      f"(AWS_PROXY and HTTP_PROXY are)")


def route_key(text) -> tuple[str, str]:
    """(method, path) of a RouteKey; ("", "$default") for the default route."""
    text = str(text or "").strip()
    if text == "$default":
        return "", "$default"
    method, _, path = text.partition(" ")
    method = method.upper()
    if method not in HTTP_METHODS or not path.startswith("/"):
        raise ConfigError(f"RouteKey must be \"$default\" or \"METHOD /path\", got {text!r}")
    return method, path.strip()


def http_route(props: dict) -> dict:
    """The checked parts of a Route: {method, path, target, authorization, scopes}."""
    method, path = route_key(props.get("RouteKey"))
    authorization = str(props.get("AuthorizationType") or "NONE").upper()
    if authorization not in HTTP_AUTHORIZATIONS:
        raise ConfigError(f"AuthorizationType must be one of {', '.join(HTTP_AUTHORIZATIONS)}, "
                          f"got {authorization!r}")
    if authorization in ("CUSTOM", "JWT") and not props.get("AuthorizerId"):
        raise ConfigError(f"AuthorizationType {authorization} needs an AuthorizerId")
    target = str(props.get("Target") or "")
    if target and not target.startswith("integrations/"):
        raise ConfigError(f"Target must be integrations/{{IntegrationId}}, got {target!r}")
    return {"method": method, "path": path, "target": target.partition("/")[2],
            "authorization": authorization, "scopes": _strings(props.get("AuthorizationScopes"))}


def _v2_sources(values) -> tuple[IdentitySource, ...]:
    sources = []
    for part in _strings(values):
        match = _V2_SOURCE.fullmatch(part)
        if match is None:
            raise ConfigError(f"IdentitySource {part!r} is not $request.header.NAME, "
                              f"$request.querystring.NAME, $stageVariables.NAME or "
                              f"$context.NAME")
        where = match.group(2) or ("stage" if match.group(1) == "stageVariables" else "context")
        sources.append(IdentitySource(where, match.group(3)))
    return tuple(sources)


def http_authorizer(authorizer_id: str, props: dict) -> Authorizer:
    kind = str(props.get("AuthorizerType") or "").upper()
    name = str(props.get("Name") or authorizer_id)
    if kind == "JWT":
        jwt = props.get("JwtConfiguration") or {}
        issuer = str(jwt.get("Issuer") or "")
        if not issuer:
            raise ConfigError("a JWT authorizer needs JwtConfiguration.Issuer")
        sources = _v2_sources(props.get("IdentitySource") or ["$request.header.Authorization"])
        if len(sources) != 1 or sources[0].kind != "header":
            raise ConfigError("a JWT authorizer's IdentitySource must be one header "
                              "($request.header.NAME)")
        audience = _strings(jwt.get("Audience"))
        if not audience:
            raise ConfigError("a JWT authorizer needs JwtConfiguration.Audience")
        return Authorizer(authorizer_id, name, kind, sources, issuer=issuer, audience=audience)
    if kind == "REQUEST":
        version = str(props.get("AuthorizerPayloadFormatVersion") or "")
        if version not in ("1.0", "2.0"):
            raise ConfigError(f"AuthorizerPayloadFormatVersion must be 1.0 or 2.0, got {version!r}")
        simple = _true(props.get("EnableSimpleResponses"))
        if simple and version != "2.0":
            raise ConfigError("EnableSimpleResponses needs AuthorizerPayloadFormatVersion 2.0")
        ttl = _ttl(props.get("AuthorizerResultTtlInSeconds"), 0)
        sources = _v2_sources(props.get("IdentitySource"))
        if ttl and not sources:
            raise ConfigError("a Lambda authorizer that caches (AuthorizerResultTtlInSeconds) "
                              "needs an IdentitySource")
        return Authorizer(authorizer_id, name, kind, sources, ttl=ttl,
                          function=function_of(props.get("AuthorizerUri"), "AuthorizerUri"),
                          payload_version=version, simple_responses=simple)
    raise ConfigError(f"AuthorizerType must be JWT or REQUEST, got {kind!r}")


def cors(props) -> Cors | None:
    if not props:
        return None
    if not isinstance(props, dict):
        raise ConfigError("CorsConfiguration must be a map")
    max_age = props.get("MaxAge")
    return Cors(allow_origins=_strings(props.get("AllowOrigins")),
                allow_methods=tuple(m.upper() for m in _strings(props.get("AllowMethods"))),
                allow_headers=tuple(h.lower() for h in _strings(props.get("AllowHeaders"))),
                expose_headers=_strings(props.get("ExposeHeaders")),
                max_age=int(max_age) if max_age not in (None, "") else None,
                allow_credentials=_true(props.get("AllowCredentials")))


def http_stage(props: dict) -> Stage:
    return Stage(str(props.get("StageName") or ""), _pairs(props.get("StageVariables")),
                 str(props.get("DeploymentId") or ""))
