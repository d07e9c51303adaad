"""How providers call the Cognito service layer: the same functions the AWS API reaches,
with the request checked against botocore's model first (as the wire protocol does, so a
service function can rely on its input), and errors turned into a resource's failure reason
worded as CloudFormation's resource handlers word them."""

from __future__ import annotations

import functools
import uuid

from botocore import xform_name

from cfn_cognito.cfn.providers.base import Call, ResourceFailure
from cfn_cognito.errors import AwsError
from cfn_cognito.idp import operations
from cfn_cognito.spec import services
from cfn_cognito.spec.services import SERVICES

_IDP_HANDLER_CODES = {
    "ResourceNotFoundException": "NotFound",
    "UsernameExistsException": "AlreadyExists",
    "GroupExistsException": "AlreadyExists",
    "DuplicateProviderException": "AlreadyExists",
    "InvalidParameterException": "InvalidRequest",
    "InvalidOAuthFlowException": "InvalidRequest",
    "ScopeDoesNotExistException": "InvalidRequest",
    "LimitExceededException": "ServiceLimitExceeded",
}


class ServiceCaller:
    """Runs one JSON service's functions as its API would: `label` names the service in
    failure reasons ("CognitoIdentityProvider"), `handler_codes` maps its error codes to
    CloudFormation's HandlerErrorCode (others are GeneralServiceException)."""

    def __init__(self, target_prefix: str, label: str, handler_codes: dict[str, str]):
        self.service = SERVICES[target_prefix]
        self.label = label
        self.handler_codes = handler_codes

    @functools.cached_property
    def _operation_names(self) -> dict[str, str]:
        """snake_case function name -> the operation's AWS name."""
        return {xform_name(name): name for name in self.service.operation_names()}

    def input_shape(self, function):
        return self.service.operation_model(self._operation_names[function.__name__]).input_shape

    def reason(self, err: AwsError) -> str:
        code = self.handler_codes.get(err.code, "GeneralServiceException")
        return (f'Resource handler returned message: "{err.message} (Service: {self.label}, '
                f'Status Code: {err.status}, Request ID: {uuid.uuid4()})" '
                f'(HandlerErrorCode: {code})')

    def call(self, c: Call, function, req: dict) -> dict:
        """`function(ctx, req)` as the AWS API would run it; ResourceFailure when it fails."""
        try:
            op_name = self._operation_names[function.__name__]
            return services.call(self.service, op_name, c.ctx, req, function) or {}
        except AwsError as err:
            raise ResourceFailure(self.reason(err)) from None

    def call_ignoring_missing(self, c: Call, function, req: dict) -> None:
        """A delete: a resource already gone (its pool deleted first, say) counts as deleted."""
        try:
            self.call(c, function, req)
        except ResourceFailure as failure:
            if "HandlerErrorCode: NotFound" not in failure.reason:
                raise


IDP = ServiceCaller("AWSCognitoIdentityProviderService", "CognitoIdentityProvider",
                    _IDP_HANDLER_CODES)
call = IDP.call
call_ignoring_missing = IDP.call_ignoring_missing
reason = IDP.reason


def operation(name: str):
    """The service function of an operation (snake_case), or None where this build has none."""
    return getattr(operations, name, None)


def members(function, props: dict) -> dict:
    """The members of `props` that the function's operation takes."""
    shape = IDP.input_shape(function)
    return {k: v for k, v in props.items() if k in shape.members}
