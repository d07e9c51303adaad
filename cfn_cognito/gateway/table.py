"""The routing table: every API of every deployed stack, built from the stacks' records of
their API Gateway resources, kept in memory and rebuilt only when a stack has changed (the
store's gateway generation, which every write to a stack renews)."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from cfn_cognito.context import Context
from cfn_cognito.gateway import config, openapi
from cfn_cognito.gateway.config import ConfigError
from cfn_cognito.gateway.model import (
    DEFAULT_ROUTE,
    DEFAULT_STAGE,
    HTTP,
    REST,
    Api,
    Integration,
    Operation,
    Stage,
)
from cfn_cognito.gateway.paths import PathError

LOG = logging.getLogger(__name__)

REST_TYPES = ("AWS::ApiGateway::RestApi", "AWS::ApiGateway::Resource", "AWS::ApiGateway::Method",
              "AWS::ApiGateway::Authorizer", "AWS::ApiGateway::Deployment",
              "AWS::ApiGateway::Stage", "AWS::ApiGateway::GatewayResponse",
              "AWS::ApiGateway::Model", "AWS::ApiGateway::RequestValidator",
              "AWS::ApiGateway::ApiKey", "AWS::ApiGateway::UsagePlan",
              "AWS::ApiGateway::UsagePlanKey")
HTTP_TYPES = ("AWS::ApiGatewayV2::Api", "AWS::ApiGatewayV2::Route",
              "AWS::ApiGatewayV2::Integration", "AWS::ApiGatewayV2::Authorizer",
              "AWS::ApiGatewayV2::Stage")


@dataclass(frozen=True)
class Record:
    stack: str
    logical_id: str
    physical_id: str
    props: dict
    attributes: dict


@dataclass
class Table:
    apis: dict[str, Api] = field(default_factory=dict)


def current(ctx: Context) -> Table:
    """The routing table as the stacks are now (rebuilt when they have changed)."""
    memo = ctx.store.gateway.memo
    generation = ctx.store.gateway.generation()     # read before the stacks: never stale
    cached = memo.get("table")
    if cached is not None and cached[0] == generation:
        return cached[1]
    table = build(ctx.store.stacks.live())
    memo["table"] = (generation, table)
    return table


def _records(stacks: list[dict]) -> dict[str, list[Record]]:
    wanted = set(REST_TYPES) | set(HTTP_TYPES)
    found: dict[str, list[Record]] = {kind: [] for kind in wanted}
    for doc in stacks:
        for logical_id, record in (doc.get("Resources") or {}).items():
            kind = record.get("Type")
            if kind in wanted:
                found[kind].append(Record(doc["StackName"], logical_id,
                                          record.get("PhysicalResourceId", ""),
                                          record.get("Properties") or {},
                                          record.get("Attributes") or {}))
    return found


def _name(r: Record) -> str:
    """An API's Name, else its Body's title (as API Gateway names an imported API)."""
    body = r.props.get("Body")
    title = (body.get("info") or {}).get("title") if isinstance(body, dict) else None
    return str(r.props.get("Name") or title or r.physical_id)


def _skip(record_or_where, err: Exception) -> None:
    where = (f"{record_or_where.stack}/{record_or_where.logical_id}"
             if isinstance(record_or_where, Record) else record_or_where)
    LOG.warning("gateway: %s is left out of routing: %s", where, err)


def build(stacks: list[dict]) -> Table:
    records = _records(stacks)
    table = Table()
    _build_rest(records, table)
    _build_http(records, table)
    return table


# REST APIs ------------------------------------------------------------------------------------

def _build_rest(records: dict[str, list[Record]], table: Table) -> None:
    apis: dict[str, Api] = {}
    roots: dict[str, str] = {}                  # root resource id -> api id
    authorizers: dict[str, dict] = {}           # authorizer id -> props
    validators: dict[str, dict] = {}            # validator id -> props
    methods: list[tuple[str, str, str, dict, object]] = []   # (api, path, resource id, props, where)
    for r in records["AWS::ApiGateway::RestApi"]:
        api = Api(r.physical_id, _name(r), REST, r.stack,
                  binary_media_types=config.binary_media_types(r.props.get("BinaryMediaTypes")),
                  api_key_source=str(r.props.get("ApiKeySourceType") or "HEADER"),
                  endpoint_disabled=config._true(r.props.get("DisableExecuteApiEndpoint")))
        apis[api.id] = api
        roots[r.attributes.get("RootResourceId", "")] = api.id
        if r.props.get("Body") is None:
            continue
        try:
            body = openapi.rest(api.id, r.props["Body"])
        except ConfigError as err:
            _skip(r, err)
            continue
        authorizers.update(body.authorizers)
        validators.update(body.validators)
        api.models.update(body.models)
        api.binary_media_types += tuple(t for t in body.binary_media_types
                                        if t not in api.binary_media_types)
        if body.api_key_source:
            api.api_key_source = body.api_key_source
        for path, props in body.methods:
            methods.append((api.id, path, openapi.derived_id(api.id, "resource", path), props,
                            f"{r.stack}/{r.logical_id} Body {props['HttpMethod']} {path}"))
        for props in body.gateway_responses:
            _add_gateway_response(api, props, f"{r.stack}/{r.logical_id} Body")

    paths = _resource_paths(records["AWS::ApiGateway::Resource"], roots)
    for r in records["AWS::ApiGateway::Authorizer"]:
        authorizers[r.physical_id] = r.props
    for r in records["AWS::ApiGateway::RequestValidator"]:
        validators[r.physical_id] = r.props
    for r in records["AWS::ApiGateway::Model"]:
        api = apis.get(str(r.props.get("RestApiId")))
        if api is not None and isinstance(r.props.get("Schema"), (dict, str)):
            api.models[r.physical_id] = r.props["Schema"]
    for r in records["AWS::ApiGateway::Method"]:
        resource_id = str(r.props.get("ResourceId") or "")
        path = "/" if resource_id in roots else paths.get(resource_id)
        if path is None:
            _skip(r, ValueError(f"its resource {resource_id} is not deployed"))
            continue
        methods.append((str(r.props.get("RestApiId")), path, resource_id, r.props, r))

    for api_id, path, resource_id, props, where in methods:
        api = apis.get(api_id)
        if api is None:
            continue
        try:
            operation = _rest_operation(api_id, path, resource_id, props, authorizers, validators)
            api.routes.add(path, operation.method, operation)
        except (ConfigError, PathError) as err:
            _skip(where, err)

    for r in records["AWS::ApiGateway::Deployment"]:
        api = apis.get(str(r.props.get("RestApiId")))
        name = r.props.get("StageName")
        if api is not None and name:
            variables = (r.props.get("StageDescription") or {}).get("Variables")
            api.stages[str(name)] = config.rest_stage(name, variables, r.physical_id)
    for r in records["AWS::ApiGateway::Stage"]:
        api = apis.get(str(r.props.get("RestApiId")))
        if api is not None and r.props.get("StageName"):
            api.stages[str(r.props["StageName"])] = config.rest_stage(
                r.props["StageName"], r.props.get("Variables"), str(r.props.get("DeploymentId") or ""))
    for r in records["AWS::ApiGateway::GatewayResponse"]:
        api = apis.get(str(r.props.get("RestApiId")))
        if api is not None:
            _add_gateway_response(api, r.props, r)
    _api_keys(records, apis)
    table.apis.update(apis)


def _resource_paths(resources: list[Record], roots: dict[str, str]) -> dict[str, str]:
    """resource id -> its full path ("/v1/users/{id}"), for resources whose chain of parents
    reaches an API's root."""
    parents = {r.physical_id: (str(r.props.get("ParentId") or ""), str(r.props.get("PathPart") or ""))
               for r in resources}
    found: dict[str, str] = {}

    def path_of(resource_id: str, depth: int = 0) -> str | None:
        if resource_id in roots:
            return ""
        if resource_id in found:
            return found[resource_id]
        if resource_id not in parents or depth > 64:
            return None
        parent, part = parents[resource_id]
        above = path_of(parent, depth + 1)
        if above is None:
            return None
        found[resource_id] = f"{above}/{part}"
        return found[resource_id]

    for resource_id in parents:
        path_of(resource_id)
    return found


def _rest_operation(api_id: str, path: str, resource_id: str, props: dict, authorizers: dict,
                    validators: dict) -> Operation:
    parts = config.rest_method(props)
    authorizer = None
    if parts["authorization"] in ("CUSTOM", "COGNITO_USER_POOLS"):
        authorizer_id = str(props.get("AuthorizerId"))
        if authorizer_id not in authorizers:
            raise ConfigError(f"its authorizer {authorizer_id} is not deployed")
        authorizer = config.rest_authorizer(authorizer_id, authorizers[authorizer_id])
        expected = "COGNITO_USER_POOLS" if parts["authorization"] == "COGNITO_USER_POOLS" \
            else ("TOKEN", "REQUEST")
        if authorizer.type not in expected:
            raise ConfigError(f"AuthorizationType {parts['authorization']} with a "
                              f"{authorizer.type} authorizer")
    validator = None
    validator_id = props.get("RequestValidatorId")
    if validator_id and str(validator_id) in validators:
        validator = config.validator(validators[str(validator_id)])
    return Operation(parts["method"], path or "/", resource_id, parts["integration"],
                     authorization=parts["authorization"], authorizer=authorizer,
                     scopes=parts["scopes"], api_key_required=parts["api_key_required"],
                     request_parameters=parts["request_parameters"], validator=validator,
                     request_models=parts["request_models"])


def _add_gateway_response(api: Api, props: dict, where) -> None:
    try:
        response = config.gateway_response(props)
    except ConfigError as err:
        _skip(where, err)
        return
    api.gateway_responses[response.type] = response


def _api_keys(records: dict[str, list[Record]], apis: dict[str, Api]) -> None:
    """Which API key values each stage accepts: enabled keys in a usage plan of the stage."""
    keys = {r.physical_id: r.attributes.get("Value") for r in records["AWS::ApiGateway::ApiKey"]
            if str(r.props.get("Enabled", True)).lower() != "false"}
    plans = {r.physical_id: r.props.get("ApiStages") or []
             for r in records["AWS::ApiGateway::UsagePlan"]}
    for r in records["AWS::ApiGateway::UsagePlanKey"]:
        key_id = str(r.props.get("KeyId"))
        if not keys.get(key_id):
            continue
        for stage in plans.get(str(r.props.get("UsagePlanId")), []):
            api = apis.get(str((stage or {}).get("ApiId")))
            if api is not None and (stage or {}).get("Stage"):
                api.api_keys.setdefault(str(stage["Stage"]), {})[keys[key_id]] = key_id


# HTTP APIs ------------------------------------------------------------------------------------

def _build_http(records: dict[str, list[Record]], table: Table) -> None:
    apis: dict[str, Api] = {}
    integrations: dict[str, Integration] = {}
    authorizers: dict[str, dict] = {}
    routes: list[tuple[str, dict, object, Integration | None]] = []
    for r in records["AWS::ApiGatewayV2::Api"]:
        api = Api(r.physical_id, _name(r), HTTP, r.stack,
                  endpoint_disabled=config._true(r.props.get("DisableExecuteApiEndpoint")))
        apis[api.id] = api
        try:
            cors_props = r.props.get("CorsConfiguration")
            if r.props.get("Body") is not None:
                body = openapi.http(api.id, r.props["Body"])
                authorizers.update(body.authorizers)
                cors_props = cors_props or body.cors
                for _, props in body.methods:
                    routes.append((api.id, props, f"{r.stack}/{r.logical_id} Body "
                                   f"{props['RouteKey']}",
                                   config.http_integration(props["Integration"])))
            api.cors = config.cors(cors_props)
            if r.props.get("Target"):
                _quick_create(api, r.props)
        except ConfigError as err:
            _skip(r, err)
    for r in records["AWS::ApiGatewayV2::Integration"]:
        try:
            integrations[r.physical_id] = config.http_integration(r.props)
        except ConfigError as err:
            _skip(r, err)
    for r in records["AWS::ApiGatewayV2::Authorizer"]:
        authorizers[r.physical_id] = r.props
    for r in records["AWS::ApiGatewayV2::Route"]:
        routes.append((str(r.props.get("ApiId")), {**r.props, "RouteId": r.physical_id}, r, None))
    for api_id, props, where, integration in routes:
        api = apis.get(api_id)
        if api is None:
            continue
        try:
            _add_route(api, props, integration, integrations, authorizers)
        except (ConfigError, PathError) as err:
            _skip(where, err)
    for r in records["AWS::ApiGatewayV2::Stage"]:
        api = apis.get(str(r.props.get("ApiId")))
        if api is not None and r.props.get("StageName"):
            stage = config.http_stage(r.props)
            api.stages[stage.name] = stage
    table.apis.update(apis)


def _quick_create(api: Api, props: dict) -> None:
    """An Api with Target: a route (RouteKey, else $default) to it, and a $default stage."""
    target = str(props["Target"])
    if urlsplit(target).scheme in ("http", "https"):
        integration = config.http_integration({"IntegrationType": "HTTP_PROXY",
                                               "IntegrationUri": target})
    else:
        integration = config.http_integration({"IntegrationType": "AWS_PROXY",
                                               "IntegrationUri": target,
                                               "PayloadFormatVersion": "2.0"})
    _add_route(api, {"RouteKey": props.get("RouteKey") or DEFAULT_ROUTE}, integration, {}, {})
    api.stages.setdefault(DEFAULT_STAGE, Stage(DEFAULT_STAGE))


def _add_route(api: Api, props: dict, integration: Integration | None, integrations: dict,
               authorizers: dict) -> None:
    parts = config.http_route(props)
    if integration is None:
        integration = integrations.get(parts["target"])
        if integration is None:
            raise ConfigError(f"its target integration {parts['target'] or '(none)'} is not "
                              f"deployed")
    authorizer = None
    if parts["authorization"] in ("CUSTOM", "JWT"):
        authorizer_id = str(props.get("AuthorizerId"))
        if authorizer_id not in authorizers:
            raise ConfigError(f"its authorizer {authorizer_id} is not deployed")
        authorizer = config.http_authorizer(authorizer_id, authorizers[authorizer_id])
        if (authorizer.type == "JWT") != (parts["authorization"] == "JWT"):
            raise ConfigError(f"AuthorizationType {parts['authorization']} with a "
                              f"{authorizer.type} authorizer")
    route_id = str(props.get("RouteId")
                   or openapi.derived_id(api.id, "route", str(props.get("RouteKey")), length=7))
    operation = Operation(parts["method"] or "ANY", parts["path"], route_id, integration,
                          authorization=parts["authorization"], authorizer=authorizer,
                          scopes=parts["scopes"], route_id=route_id)
    if parts["path"] == DEFAULT_ROUTE:
        api.default_route = operation
    else:
        api.routes.add(parts["path"], operation.method, operation)
