"""The routing table built from deployed stacks (in process): resources, methods and
authorizers by id across stacks, OpenAPI bodies, stages, rebuilding only when a stack changes,
and deploy-time refusals of what the gateway cannot serve."""

import io
import zipfile
from pathlib import Path

import pytest

from cfn_cognito import lambdas
from cfn_cognito.cfn import stacks
from cfn_cognito.config import Settings
from cfn_cognito.context import Context
from cfn_cognito.gateway import endpoints, table
from cfn_cognito.store import open_store

FIXTURES = Path(__file__).parents[2] / "fixtures" / "serverless"
URI = ("arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/"
       "arn:aws:lambda:us-east-1:000000000000:function:echo/invocations")

API = f"""
Resources:
  Api:
    Type: AWS::ApiGateway::RestApi
    Properties: {{Name: shop}}
  Pets:
    Type: AWS::ApiGateway::Resource
    Properties: {{RestApiId: !Ref Api, ParentId: !GetAtt Api.RootResourceId, PathPart: pets}}
  Pet:
    Type: AWS::ApiGateway::Resource
    Properties: {{RestApiId: !Ref Api, ParentId: !Ref Pets, PathPart: "{{id}}"}}
  Auth:
    Type: AWS::ApiGateway::Authorizer
    Properties:
      RestApiId: !Ref Api
      Name: users
      Type: COGNITO_USER_POOLS
      ProviderARNs: [arn:aws:cognito-idp:us-east-1:000000000000:userpool/shop-users]
  PetGet:
    Type: AWS::ApiGateway::Method
    Properties:
      RestApiId: !Ref Api
      ResourceId: !Ref Pet
      HttpMethod: GET
      AuthorizationType: COGNITO_USER_POOLS
      AuthorizerId: !Ref Auth
      Integration: {{Type: AWS_PROXY, IntegrationHttpMethod: POST, Uri: "{URI}"}}
  Deployment:
    Type: AWS::ApiGateway::Deployment
    DependsOn: PetGet
    Properties:
      RestApiId: !Ref Api
      StageName: dev
      StageDescription: {{Variables: {{color: red}}}}
Outputs:
  ApiId: {{Value: !Ref Api, Export: {{Name: shop-api}}}}
  PetsId: {{Value: !Ref Pets, Export: {{Name: shop-pets}}}}
  Url: {{Value: !Sub "https://${{Api}}.execute-api.${{AWS::Region}}.${{AWS::URLSuffix}}/dev"}}
"""

ELSEWHERE = f"""
Resources:
  Toys:
    Type: AWS::ApiGateway::Resource
    Properties: {{RestApiId: !ImportValue shop-api, ParentId: !ImportValue shop-pets, PathPart: toys}}
  ToysPost:
    Type: AWS::ApiGateway::Method
    Properties:
      RestApiId: !ImportValue shop-api
      ResourceId: !Ref Toys
      HttpMethod: POST
      AuthorizationType: NONE
      Integration: {{Type: AWS_PROXY, IntegrationHttpMethod: POST, Uri: "{URI}"}}
"""


@pytest.fixture
def ctx(tmp_path):
    store = open_store(tmp_path / "data")
    yield Context(Settings(), store)
    store.close()


def deploy(ctx, body, name="shop"):
    return stacks.deploy(ctx, {"StackName": name, "TemplateBody": body},
                         start=lambda work: work())


def failures(ctx, name="shop") -> list[str]:
    return [e.get("ResourceStatusReason", "") for e in stacks.events(ctx, name)["StackEvents"]
            if e["ResourceStatus"] == "CREATE_FAILED"]


def test_a_deployed_api_is_routed_with_its_stage_and_authorizer(ctx):
    deploy(ctx, API)
    api = next(iter(table.current(ctx).apis.values()))
    assert (api.name, api.protocol, list(api.stages)) == ("shop", "REST", ["dev"])
    assert api.stages["dev"].variable_map == {"color": "red"}
    found = api.routes.match("/pets/7", "GET")
    assert found.resource_path == "/pets/{id}" and found.parameters == {"id": "7"}
    assert found.operation.authorizer.name == "users"
    assert found.operation.authorizer.pools == (
        "arn:aws:cognito-idp:us-east-1:000000000000:userpool/shop-users",)
    url = stacks.describe(ctx, "shop")["Outputs"][2]["OutputValue"]
    assert endpoints.local_url(ctx, url) == \
        f"http://localhost:4566/restapis/{api.id}/dev/_user_request_"


def test_methods_of_another_stack_join_the_api(ctx):
    deploy(ctx, API)
    deploy(ctx, ELSEWHERE, name="toys")
    api = next(iter(table.current(ctx).apis.values()))
    assert api.routes.match("/pets/toys", "POST").operation.method == "POST"
    stacks.delete(ctx, "toys", start=lambda work: work())
    api = next(iter(table.current(ctx).apis.values()))
    assert api.routes.match("/pets/toys", "POST").operation is None


def test_the_table_is_rebuilt_only_when_a_stack_changes(ctx):
    deploy(ctx, API)
    first = table.current(ctx)
    assert table.current(ctx) is first
    deploy(ctx, "Resources:\n  Logs:\n    Type: AWS::Logs::LogGroup\n", name="other")
    assert table.current(ctx) is not first
    ctx.store.reset()
    assert table.current(ctx).apis == {}


@pytest.mark.parametrize("fixture", ["v3-variant-update-stack.json",
                                     "osls4-variant-update-stack.json"])
def test_the_serverless_apis_are_read_whole(ctx, tmp_path, fixture):
    code_dir = tmp_path / ".serverless"
    code_dir.mkdir()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("handler.py", "def request(event, context):\n    return {}\n")
    (code_dir / "test-variant.zip").write_bytes(buffer.getvalue())
    stacks.deploy(ctx, {"StackName": "sls", "TemplateBody": (FIXTURES / fixture).read_text(),
                        "CodeDir": str(code_dir)}, start=lambda work: work())
    assert stacks.describe(ctx, "sls")["StackStatus"] == "CREATE_COMPLETE", failures(ctx, "sls")
    apis = {api.protocol: api for api in table.current(ctx).apis.values()}
    rest, http = apis["REST"], apis["HTTP"]
    keys = sorted(op.route_key for op in rest.operations())
    assert keys == ["GET /v1/getatt", "GET /v1/request", "OPTIONS /v1/byid", "POST /v1/byid"]
    by_name = rest.routes.match("/v1/request", "GET").operation.authorizer
    assert by_name.pools == ("arn:aws:cognito-idp:us-east-1:000000000000:userpool/"
                             "ExampleUserPool",)
    route = http.routes.match("/v2/jwt", "GET").operation
    assert route.authorization == "JWT" and route.scopes == ("email",)
    pool_id = outputs_of(ctx, "sls")["UserPoolId"]
    assert route.authorizer.issuer == f"https://cognito-idp.us-east-1.amazonaws.com/{pool_id}"
    assert list(http.stages) == ["$default"] and list(rest.stages) == ["local"]
    lambdas.stop_workers(ctx.store.data_dir)


def outputs_of(ctx, name: str) -> dict:
    return {o["OutputKey"]: o["OutputValue"] for o in stacks.describe(ctx, name)["Outputs"]}


@pytest.mark.parametrize("resource,reason", [
    ("Type: AWS::ApiGatewayV2::Api\n    Properties: {Name: ws, ProtocolType: WEBSOCKET}",
     "ProtocolType WEBSOCKET is not supported by cfn-cognito"),
    ("Type: AWS::ApiGateway::Authorizer\n    Properties: {RestApiId: x, Name: a, Type: TOKEN, "
     "AuthorizerUri: arn:aws:apigateway:us-east-1:s3:path/b}",
     "is not a Lambda function URI"),
    ("Type: AWS::ApiGateway::GatewayResponse\n    Properties: {RestApiId: x, ResponseType: "
     "UNAUTHORIZED, ResponseTemplates: {application/json: '#if($x) #end'}}",
     "is not supported"),
])
def test_what_the_gateway_cannot_serve_fails_the_resource_with_why(ctx, resource, reason):
    deploy(ctx, f"Resources:\n  Part:\n    {resource}\n")
    assert stacks.describe(ctx, "shop")["StackStatus"] == "ROLLBACK_COMPLETE"
    assert any(reason in why for why in failures(ctx)), failures(ctx)
