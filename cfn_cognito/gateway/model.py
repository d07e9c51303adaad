"""The routing model: what the gateway needs to know about each deployed API, built from the
API Gateway resources of deployed stacks (config.py parses them, table.py assembles them)."""

from __future__ import annotations

from dataclasses import dataclass, field

from cfn_cognito.gateway.paths import PathTree

REST = "REST"
HTTP = "HTTP"
DEFAULT_STAGE = "$default"
DEFAULT_ROUTE = "$default"
ANY = "ANY"


@dataclass(frozen=True)
class IdentitySource:
    """Where an authorizer reads its identity: a header, a query string parameter, a stage
    variable or a context variable (`kind` is "header", "querystring", "stage" or "context")."""

    kind: str
    name: str


@dataclass(frozen=True)
class Authorizer:
    id: str
    name: str
    type: str                           # COGNITO_USER_POOLS | TOKEN | REQUEST | JWT
    sources: tuple[IdentitySource, ...] = ()
    ttl: int = 0                        # seconds a Lambda authorizer's result is kept
    function: str = ""                  # Lambda authorizers: the function (may use ${stageVariables.x})
    pools: tuple[str, ...] = ()         # COGNITO_USER_POOLS: pools as ProviderARNs names them
    validation: str = ""                # IdentityValidationExpression
    issuer: str = ""                    # JWT
    audience: tuple[str, ...] = ()      # JWT
    payload_version: str = "1.0"        # Lambda authorizers of HTTP APIs
    simple_responses: bool = False      # Lambda authorizers of HTTP APIs


@dataclass(frozen=True)
class IntegrationResponse:
    """One of a MOCK integration's responses: chosen when `pattern` matches the status the
    request template gave (the one without a pattern is the default)."""

    status: str
    pattern: str | None = None
    parameters: tuple[tuple[str, str], ...] = ()    # method.response.header.X -> expression
    templates: tuple[tuple[str, str], ...] = ()     # content type -> template


@dataclass(frozen=True)
class Integration:
    type: str                           # AWS_PROXY | MOCK | HTTP_PROXY
    uri: str = ""
    function: str = ""                  # AWS_PROXY: the function (may use ${stageVariables.x})
    http_method: str = ""               # HTTP_PROXY: the method sent on (ANY: the caller's)
    timeout: float = 29.0               # seconds
    payload_version: str = "1.0"        # AWS_PROXY of HTTP APIs: "1.0" or "2.0"
    request_templates: tuple[tuple[str, str], ...] = ()
    request_parameters: tuple[tuple[str, str], ...] = ()   # integration.request.X -> expression
    responses: tuple[IntegrationResponse, ...] = ()


@dataclass(frozen=True)
class Validator:
    body: bool = False
    parameters: bool = False


@dataclass(frozen=True)
class Operation:
    """A REST API method or an HTTP API route: what runs for a method on a path."""

    method: str                         # GET, POST, ... or ANY
    path: str                           # the resource path, "/pets/{id}" ("$default" route)
    resource_id: str
    integration: Integration
    authorization: str = "NONE"         # NONE | AWS_IAM | COGNITO_USER_POOLS | CUSTOM | JWT
    authorizer: Authorizer | None = None
    scopes: tuple[str, ...] = ()
    api_key_required: bool = False
    route_id: str = ""                  # HTTP APIs
    request_parameters: tuple[tuple[str, bool], ...] = ()   # method.request.X -> required
    validator: Validator | None = None
    request_models: tuple[tuple[str, str], ...] = ()        # content type -> model name

    @property
    def route_key(self) -> str:
        return self.path if self.path == DEFAULT_ROUTE else f"{self.method} {self.path}"


@dataclass(frozen=True)
class Stage:
    name: str
    variables: tuple[tuple[str, str], ...] = ()
    deployment_id: str = ""

    @property
    def variable_map(self) -> dict[str, str]:
        return dict(self.variables)


@dataclass(frozen=True)
class GatewayResponse:
    """A REST API's override of one of the gateway's own responses (GatewayResponse)."""

    type: str
    status: int | None = None
    parameters: tuple[tuple[str, str], ...] = ()    # gatewayresponse.header.X -> expression
    templates: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Cors:
    """An HTTP API's CorsConfiguration."""

    allow_origins: tuple[str, ...] = ()
    allow_methods: tuple[str, ...] = ()
    allow_headers: tuple[str, ...] = ()
    expose_headers: tuple[str, ...] = ()
    max_age: int | None = None
    allow_credentials: bool = False


@dataclass
class Api:
    id: str
    name: str
    protocol: str                       # REST | HTTP
    stack: str = ""
    routes: PathTree = field(default_factory=PathTree)
    stages: dict[str, Stage] = field(default_factory=dict)
    default_route: Operation | None = None                  # HTTP APIs' $default route
    gateway_responses: dict[str, GatewayResponse] = field(default_factory=dict)
    binary_media_types: tuple[str, ...] = ()
    cors: Cors | None = None
    models: dict[str, dict] = field(default_factory=dict)   # name -> JSON schema
    api_keys: dict[str, dict[str, str]] = field(default_factory=dict)   # stage -> {key: key id}
    api_key_source: str = "HEADER"
    endpoint_disabled: bool = False

    def operations(self) -> list[Operation]:
        """Every method or route, in path order (the $default route last)."""
        found = list(self.routes.operations())
        return found + ([self.default_route] if self.default_route else [])
