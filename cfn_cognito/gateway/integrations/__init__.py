"""What an operation's integration does with a request, one module per type: AWS_PROXY (a
Lambda function), MOCK (answered from the integration's templates) and HTTP_PROXY (passed on
to a URL). Each returns a Reply or raises GatewayError."""

from __future__ import annotations

from cfn_cognito.gateway.identity import Identity
from cfn_cognito.gateway.integrations import http_proxy, lambda_proxy, mock
from cfn_cognito.gateway.invocation import Invocation
from cfn_cognito.gateway.responses import Reply

_BY_TYPE = {"AWS_PROXY": lambda_proxy.run, "MOCK": mock.run, "HTTP_PROXY": http_proxy.run}


def run(inv: Invocation, identity: Identity) -> Reply:
    return _BY_TYPE[inv.operation.integration.type](inv, identity)
