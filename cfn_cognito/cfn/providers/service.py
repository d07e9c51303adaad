"""How providers call the Cognito service layer: the same functions the AWS API reaches,
with the request checked against botocore's model first (as the wire protocol does, so a
service function can rely on its input), and errors turned into a resource's failure reason
worded as CloudFormation's resource handlers word them."""

from __future__ import annotations

import functools
import uuid

from botocore import xform_name

from cfn_cognito.aws import json_model as models
from cfn_cognito.aws.protocol import SERVICES
from cfn_cognito.aws.validation import ConstraintViolations, validate
from cfn_cognito.cfn.providers.base import Call, ResourceFailure
from cfn_cognito.errors import AwsError
from cfn_cognito.idp import operations

_IDP = SERVICES["AWSCognitoIdentityProviderService"]

_HANDLER_CODES = {
    "ResourceNotFoundException": "NotFound",
    "UsernameExistsException": "AlreadyExists",
    "GroupExistsException": "AlreadyExists",
    "DuplicateProviderException": "AlreadyExists",
    "InvalidParameterException": "InvalidRequest",
    "InvalidOAuthFlowException": "InvalidRequest",
    "ScopeDoesNotExistException": "InvalidRequest",
    "LimitExceededException": "ServiceLimitExceeded",
}


@functools.lru_cache(maxsize=None)
def _operation_names() -> dict[str, str]:
    """snake_case function name -> the operation's AWS name."""
    names = models.service_model(_IDP.model_name).operation_names
    return {xform_name(name): name for name in names}


def operation(name: str):
    """The service function of an operation (snake_case), or None where this build has none."""
    return getattr(operations, name, None)


def reason(err: AwsError) -> str:
    code = _HANDLER_CODES.get(err.code, "GeneralServiceException")
    return (f'Resource handler returned message: "{err.message} (Service: '
            f'CognitoIdentityProvider, Status Code: {err.status}, Request ID: {uuid.uuid4()})" '
            f'(HandlerErrorCode: {code})')


def call(c: Call, function, req: dict) -> dict:
    """`function(ctx, req)` as the AWS API would run it; ResourceFailure when it fails."""
    op_name = _operation_names()[function.__name__]
    shape = models.service_model(_IDP.model_name).operation_model(op_name).input_shape
    try:
        checked = validate(shape, req, _IDP.constraint_overrides)
    except ConstraintViolations as violations:
        raise ResourceFailure(reason(_IDP.invalid_parameter(violations.message()))) from None
    except AwsError as err:
        raise ResourceFailure(reason(err)) from None
    try:
        return function(c.ctx, checked) or {}
    except AwsError as err:
        raise ResourceFailure(reason(err)) from None


def call_ignoring_missing(c: Call, function, req: dict) -> None:
    """A delete: a resource already gone (its pool deleted first, say) counts as deleted."""
    try:
        call(c, function, req)
    except ResourceFailure as failure:
        if "HandlerErrorCode: NotFound" not in failure.reason:
            raise


def members(function, props: dict) -> dict:
    """The members of `props` that the function's operation takes."""
    op_name = _operation_names()[function.__name__]
    shape = models.service_model(_IDP.model_name).operation_model(op_name).input_shape
    return {k: v for k, v in props.items() if k in shape.members}
