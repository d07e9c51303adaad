"""One provider per resource type, in one explicit table.

To add a type, write a module here whose PROVIDER declares TYPE and implements create, update
(unless every change replaces it) and delete, and list the module below. API Gateway
(`AWS::ApiGateway::*`, `AWS::ApiGatewayV2::*`) slots in the same way; `AWS::Serverless::*`
comes through the SAM transform (see loader.TRANSFORMS), which rewrites it into these types.
"""

from __future__ import annotations

from cfn_cognito.cfn.providers import (
    api_gateway_account,
    api_gateway_account_role,
    api_gateway_api_key,
    api_gateway_authorizer,
    api_gateway_deployment,
    api_gateway_gateway_response,
    api_gateway_method,
    api_gateway_model,
    api_gateway_request_validator,
    api_gateway_resource,
    api_gateway_rest_api,
    api_gateway_stage,
    api_gateway_usage_plan,
    api_gateway_usage_plan_key,
    api_gateway_v2_api,
    api_gateway_v2_authorizer,
    api_gateway_v2_deployment,
    api_gateway_v2_integration,
    api_gateway_v2_route,
    api_gateway_v2_stage,
    cdk_metadata,
    iam_policy,
    iam_role,
    identity_pool,
    identity_pool_principal_tag,
    identity_pool_role_attachment,
    lambda_function,
    lambda_permission,
    lambda_version,
    logs_log_group,
    s3_bucket,
    s3_bucket_policy,
    user_pool,
    user_pool_client,
    user_pool_domain,
    user_pool_group,
    user_pool_identity_provider,
    user_pool_resource_server,
    user_pool_risk_configuration_attachment,
    user_pool_user,
    user_pool_user_to_group_attachment,
)
from cfn_cognito.cfn.providers.base import Provider

_MODULES = (
    user_pool,
    user_pool_client,
    user_pool_domain,
    user_pool_group,
    user_pool_identity_provider,
    user_pool_resource_server,
    user_pool_user,
    user_pool_user_to_group_attachment,
    user_pool_risk_configuration_attachment,
    identity_pool,
    identity_pool_role_attachment,
    identity_pool_principal_tag,
    lambda_function,
    lambda_version,
    lambda_permission,
    iam_role,
    iam_policy,
    logs_log_group,
    s3_bucket,
    s3_bucket_policy,
    api_gateway_account_role,
    api_gateway_rest_api,
    api_gateway_resource,
    api_gateway_method,
    api_gateway_authorizer,
    api_gateway_deployment,
    api_gateway_stage,
    api_gateway_gateway_response,
    api_gateway_model,
    api_gateway_request_validator,
    api_gateway_api_key,
    api_gateway_usage_plan,
    api_gateway_usage_plan_key,
    api_gateway_account,
    api_gateway_v2_api,
    api_gateway_v2_route,
    api_gateway_v2_integration,
    api_gateway_v2_authorizer,
    api_gateway_v2_stage,
    api_gateway_v2_deployment,
    cdk_metadata,
)

PROVIDERS: dict[str, Provider] = {m.PROVIDER.TYPE: m.PROVIDER for m in _MODULES}


def get(type_name: str) -> Provider | None:
    return PROVIDERS.get(type_name)
