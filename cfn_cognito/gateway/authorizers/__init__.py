"""Authorization of a request by its operation's AuthorizationType, one module per kind:
Cognito user pools (REST), JWT (HTTP APIs), Lambda authorizers (TOKEN, REQUEST) and AWS_IAM
(SigV4 with credentials from identity pools). Each raises GatewayError when it refuses."""

from __future__ import annotations

from cfn_cognito.gateway.authorizers import cognito, iam, jwt, lambda_authorizer
from cfn_cognito.gateway.identity import NOBODY, Identity
from cfn_cognito.gateway.invocation import Invocation

_BY_TYPE = {
    "COGNITO_USER_POOLS": cognito.authorize,
    "JWT": jwt.authorize,
    "CUSTOM": lambda_authorizer.authorize,
    "AWS_IAM": iam.authorize,
}


def authorize(inv: Invocation) -> Identity:
    """Who the request is, as its operation's authorization decides (GatewayError if no one)."""
    check = _BY_TYPE.get(inv.operation.authorization)
    return check(inv) if check else Identity(NOBODY)
