"""An API defined by its OpenAPI `Body` (RestApi, Api): the paths, with their
`x-amazon-apigateway-integration`, security schemes with `x-amazon-apigateway-authorizer`,
and the API-wide `x-amazon-apigateway-*` extensions, turned into the same properties the
AWS::ApiGateway::* and AWS::ApiGatewayV2::* resources have, so config.py reads both alike.

OpenAPI 2.0 (swagger) and 3.x are both read, as API Gateway imports them (SAM writes the
first for REST APIs and the second for HTTP APIs).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

import yaml

from cfn_cognito.gateway.config import ConfigError

_OPERATIONS = {"get": "GET", "post": "POST", "put": "PUT", "patch": "PATCH", "delete": "DELETE",
               "head": "HEAD", "options": "OPTIONS", "x-amazon-apigateway-any-method": "ANY"}
_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789"


def derived_id(*parts: str, length: int = 6) -> str:
    """A stable id for something the Body defines (a resource, an authorizer): the same on
    every rebuild of the routing table, different between APIs."""
    number = int.from_bytes(hashlib.sha256("\0".join(parts).encode()).digest()[:8], "big")
    out = ""
    for _ in range(length):
        number, digit = divmod(number, len(_ALPHABET))
        out += _ALPHABET[digit]
    return out


@dataclass
class Definition:
    """An API's Body, as resource properties."""

    methods: list[tuple[str, dict]] = field(default_factory=list)     # (path, Method/Route props)
    authorizers: dict[str, dict] = field(default_factory=dict)        # id -> Authorizer props
    gateway_responses: list[dict] = field(default_factory=list)
    validators: dict[str, dict] = field(default_factory=dict)         # id -> RequestValidator props
    models: dict[str, dict] = field(default_factory=dict)             # name -> JSON schema
    binary_media_types: list[str] = field(default_factory=list)
    api_key_source: str = ""
    cors: dict | None = None                                          # CorsConfiguration props


def load(body) -> dict:
    """The Body as a document (CloudFormation gives a map; a string is read as JSON/YAML)."""
    if isinstance(body, str):
        try:
            body = yaml.safe_load(body)
        except yaml.YAMLError as err:
            raise ConfigError(f"Body is not JSON or YAML: {err}") from None
    if not isinstance(body, dict):
        raise ConfigError("Body must be an OpenAPI document")
    if not isinstance(body.get("paths", {}), dict):
        raise ConfigError("Body: paths must be a map")
    return body


def _schemes(doc: dict) -> dict:
    found = doc.get("securityDefinitions") or (doc.get("components") or {}).get("securitySchemes")
    return found if isinstance(found, dict) else {}


def _models(doc: dict) -> dict:
    found = doc.get("definitions") or (doc.get("components") or {}).get("schemas")
    return {str(k): v for k, v in found.items() if isinstance(v, dict)} if isinstance(found, dict) \
        else {}


def _lower_keys(value: dict) -> dict:
    return {str(k).lower(): v for k, v in value.items()} if isinstance(value, dict) else {}


class _Security:
    """How a document's security schemes become authorizers and authorization types."""

    def __init__(self, api_id: str, doc: dict, http: bool):
        self.api_id = api_id
        self.http = http
        self.authorizers: dict[str, dict] = {}     # id -> props
        self.kinds: dict[str, tuple[str, str]] = {}     # scheme -> (authorization, authorizer id)
        for name, scheme in _schemes(doc).items():
            if not isinstance(scheme, dict):
                continue
            self._add(str(name), scheme)
        self.default = doc.get("security")

    def _add(self, name: str, scheme: dict) -> None:
        authorizer = scheme.get("x-amazon-apigateway-authorizer")
        authtype = str(scheme.get("x-amazon-apigateway-authtype") or "").lower()
        if isinstance(authorizer, dict):
            authorizer_id = derived_id(self.api_id, "authorizer", name)
            kind = str(authorizer.get("type") or "").lower()
            header = scheme.get("name") or "Authorization"
            if self.http:
                props = {"Name": name, "AuthorizerType": kind.upper()}
                jwt = authorizer.get("jwtConfiguration") or {}
                if jwt:
                    props["JwtConfiguration"] = {"Issuer": jwt.get("issuer"),
                                                 "Audience": jwt.get("audience") or []}
                source = authorizer.get("identitySource")
                if isinstance(source, str):
                    source = [part.strip() for part in source.split(",") if part.strip()]
                if not source and kind == "jwt":
                    source = [f"$request.header.{header}"]
                if source:
                    props["IdentitySource"] = source
                props.update({k: v for k, v in {
                    "AuthorizerUri": authorizer.get("authorizerUri"),
                    "AuthorizerPayloadFormatVersion": authorizer.get("authorizerPayloadFormatVersion"),
                    "EnableSimpleResponses": authorizer.get("enableSimpleResponses"),
                    "AuthorizerResultTtlInSeconds": authorizer.get("authorizerResultTtlInSeconds"),
                }.items() if v is not None})
                authorization = "JWT" if kind == "jwt" else "CUSTOM"
            else:
                props = {"Name": name, "Type": kind.upper(),
                         "IdentitySource": authorizer.get("identitySource")
                         or f"method.request.header.{header}"}
                props.update({k: v for k, v in {
                    "ProviderARNs": authorizer.get("providerARNs"),
                    "AuthorizerUri": authorizer.get("authorizerUri"),
                    "AuthorizerResultTtlInSeconds": authorizer.get("authorizerResultTtlInSeconds"),
                    "IdentityValidationExpression": authorizer.get("identityValidationExpression"),
                }.items() if v is not None})
                authorization = "COGNITO_USER_POOLS" if kind == "cognito_user_pools" else "CUSTOM"
            self.authorizers[authorizer_id] = props
            self.kinds[name] = (authorization, authorizer_id)
        elif authtype == "awssigv4":
            self.kinds[name] = ("AWS_IAM", "")
        elif scheme.get("type") == "apiKey" and str(scheme.get("name", "")).lower() == "x-api-key":
            self.kinds[name] = ("API_KEY", "")

    def of(self, operation: dict) -> dict:
        """AuthorizationType, AuthorizerId, AuthorizationScopes, ApiKeyRequired of an operation."""
        security = operation.get("security", self.default) or []
        out: dict = {"AuthorizationType": "NONE"}
        for requirement in security if isinstance(security, list) else []:
            for name, scopes in (requirement or {}).items():
                kind = self.kinds.get(str(name))
                if kind is None and str(name) == "NONE":
                    continue        # SAM's `Authorizer: NONE`: API Gateway reads no scheme
                if kind is None:
                    raise ConfigError(f"Body: security scheme {name} is not defined")
                authorization, authorizer_id = kind
                if authorization == "API_KEY":
                    out["ApiKeyRequired"] = True
                    continue
                out["AuthorizationType"] = authorization
                if authorizer_id:
                    out["AuthorizerId"] = authorizer_id
                if scopes:
                    out["AuthorizationScopes"] = list(scopes)
        return out


def _rest_integration(spec: dict) -> dict:
    responses = []
    for pattern, response in (spec.get("responses") or {}).items():
        if not isinstance(response, dict):
            continue
        responses.append({"StatusCode": str(response.get("statusCode", "200")),
                          "SelectionPattern": None if pattern == "default" else pattern,
                          "ResponseParameters": response.get("responseParameters") or {},
                          "ResponseTemplates": response.get("responseTemplates") or {}})
    props = {"Type": str(spec.get("type") or "").upper(), "Uri": spec.get("uri"),
             "IntegrationHttpMethod": spec.get("httpMethod"),
             "RequestTemplates": spec.get("requestTemplates") or {},
             "RequestParameters": spec.get("requestParameters") or {},
             "TimeoutInMillis": spec.get("timeoutInMillis"),
             "ConnectionType": spec.get("connectionType"),
             "IntegrationResponses": responses}
    return {k: v for k, v in props.items() if v not in (None, {}, [])}


def _request_parameters(operation: dict) -> dict:
    found = {}
    for parameter in operation.get("parameters") or []:
        where = {"header": "header", "query": "querystring", "path": "path"}.get(
            (parameter or {}).get("in"))
        if where and parameter.get("name"):
            found[f"method.request.{where}.{parameter['name']}"] = bool(parameter.get("required"))
    return found


def _request_models(operation: dict) -> dict:
    found = {}
    for parameter in operation.get("parameters") or []:
        ref = ((parameter or {}).get("schema") or {}).get("$ref", "")
        if parameter.get("in") == "body" and ref:
            for content_type in operation.get("consumes") or ["application/json"]:
                found[content_type] = ref.rsplit("/", 1)[-1]
    content = (operation.get("requestBody") or {}).get("content") or {}
    for content_type, media in content.items():
        ref = ((media or {}).get("schema") or {}).get("$ref", "")
        if ref:
            found[content_type] = ref.rsplit("/", 1)[-1]
    return found


def _operations(doc: dict):
    for path, item in (doc.get("paths") or {}).items():
        if not isinstance(item, dict):
            continue
        for key, operation in item.items():
            method = _OPERATIONS.get(str(key).lower())
            if method and isinstance(operation, dict):
                yield str(path), method, operation


def rest(api_id: str, body) -> Definition:
    """A RestApi's Body as resource properties."""
    doc = load(body)
    security = _Security(api_id, doc, http=False)
    out = Definition(authorizers=security.authorizers, models=_models(doc))
    validators = doc.get("x-amazon-apigateway-request-validators") or {}
    for name, spec in validators.items():
        out.validators[derived_id(api_id, "validator", str(name))] = {
            "Name": str(name), "ValidateRequestBody": (spec or {}).get("validateRequestBody"),
            "ValidateRequestParameters": (spec or {}).get("validateRequestParameters")}
    default_validator = doc.get("x-amazon-apigateway-request-validator")
    for path, method, operation in _operations(doc):
        integration = operation.get("x-amazon-apigateway-integration")
        if not isinstance(integration, dict):
            raise ConfigError(f"Body: {method} {path} has no x-amazon-apigateway-integration")
        props = {"HttpMethod": method, "Integration": _rest_integration(integration),
                 **security.of(operation),
                 "RequestParameters": _request_parameters(operation),
                 "RequestModels": _request_models(operation)}
        validator = operation.get("x-amazon-apigateway-request-validator", default_validator)
        if validator:
            if validator not in validators:
                raise ConfigError(f"Body: request validator {validator} is not defined")
            props["RequestValidatorId"] = derived_id(api_id, "validator", str(validator))
        out.methods.append((path, props))
    for kind, spec in (doc.get("x-amazon-apigateway-gateway-responses") or {}).items():
        spec = spec or {}
        out.gateway_responses.append({
            "ResponseType": str(kind), "StatusCode": spec.get("statusCode"),
            "ResponseParameters": spec.get("responseParameters") or {},
            "ResponseTemplates": spec.get("responseTemplates") or {}})
    out.binary_media_types = [str(t) for t in doc.get("x-amazon-apigateway-binary-media-types") or []]
    out.api_key_source = str(doc.get("x-amazon-apigateway-api-key-source") or "")
    return out


def _http_integration(doc: dict, spec: dict) -> dict:
    ref = spec.get("$ref")
    if isinstance(ref, str):
        name = ref.rsplit("/", 1)[-1]
        spec = ((doc.get("components") or {}).get("x-amazon-apigateway-integrations") or {}).get(name)
        if not isinstance(spec, dict):
            raise ConfigError(f"Body: integration {ref} is not defined")
    props = {"IntegrationType": str(spec.get("type") or "").upper(),
             "IntegrationUri": spec.get("uri"), "IntegrationMethod": spec.get("httpMethod"),
             "PayloadFormatVersion": spec.get("payloadFormatVersion"),
             "TimeoutInMillis": spec.get("timeoutInMillis"),
             "ConnectionType": spec.get("connectionType"),
             "RequestParameters": spec.get("requestParameters")}
    return {k: v for k, v in props.items() if v not in (None, {}, [])}


def http(api_id: str, body) -> Definition:
    """An HTTP API's Body: each route's properties carry its integration's properties under
    "Integration" (an HTTP API's routes and integrations are separate resources)."""
    doc = load(body)
    security = _Security(api_id, doc, http=True)
    out = Definition(authorizers=security.authorizers)
    for path, method, operation in _operations(doc):
        integration = operation.get("x-amazon-apigateway-integration")
        if not isinstance(integration, dict):
            raise ConfigError(f"Body: {method} {path} has no x-amazon-apigateway-integration")
        auth = security.of(operation)
        auth.pop("ApiKeyRequired", None)
        key = "$default" if path == "$default" else f"{method} {path}"
        out.methods.append((path, {"RouteKey": key, **auth,
                                   "Integration": _http_integration(doc, integration)}))
    cors = doc.get("x-amazon-apigateway-cors")
    if isinstance(cors, dict):
        cors = _lower_keys(cors)
        out.cors = {"AllowOrigins": cors.get("alloworigins"), "AllowMethods": cors.get("allowmethods"),
                    "AllowHeaders": cors.get("allowheaders"),
                    "ExposeHeaders": cors.get("exposeheaders"), "MaxAge": cors.get("maxage"),
                    "AllowCredentials": cors.get("allowcredentials")}
    return out
