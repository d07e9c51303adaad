"""AWS_IAM authorization: a request signed (SigV4) with credentials this service issued
through an identity pool (GetCredentialsForIdentity). The caller's identity fills the event's
requestContext.identity. The signature is checked; the role's IAM policies are not evaluated
here (any valid credentials of this service may invoke)."""

from __future__ import annotations

from cfn_cognito.gateway.identity import Identity
from cfn_cognito.gateway.invocation import Invocation
from cfn_cognito.gateway.responses import GatewayError
from cfn_cognito.identity import sigv4


class _Headers:
    """The request's headers as sigv4.verify reads them (`items()`), repeats kept: it joins
    a repeated header's values itself."""

    def __init__(self, pairs):
        self.pairs = list(pairs)

    def items(self):
        return iter(self.pairs)


def authorize(inv: Invocation) -> Identity:
    request = inv.request
    try:
        caller = sigv4.verify(inv.ctx, request.method, request.raw_path, request.query,
                              _Headers(request.headers), request.body)
    except sigv4.SignatureRejected as err:
        kind = err.gateway_response
        if inv.is_http_api and kind == "MISSING_AUTHENTICATION_TOKEN":
            raise GatewayError("ACCESS_DENIED", "Forbidden", log=err.message) from None
        raise GatewayError(kind, err.message, error_type=err.error_type) from None
    return Identity("iam", caller=caller)
