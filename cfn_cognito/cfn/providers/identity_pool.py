"""AWS::Cognito::IdentityPool → Create/Update/DeleteIdentityPool.

Also how the identity pool providers call the cognito-identity service layer (`call`): the
request checked against botocore's cognito-identity model first, as the wire protocol does,
and errors turned into a resource's failure reason worded as CloudFormation's handlers do.
"""

from __future__ import annotations

import functools
import uuid

from botocore import xform_name

from cfn_cognito.aws import json_model as models
from cfn_cognito.aws.protocol import SERVICES
from cfn_cognito.aws.validation import ConstraintViolations, validate
from cfn_cognito.cfn.providers.base import Call, Provider, Resource, ResourceFailure
from cfn_cognito.errors import AwsError
from cfn_cognito.identity import pools

_IDENTITY = SERVICES["AWSCognitoIdentityService"]
_HANDLER_CODES = {"ResourceNotFoundException": "NotFound",
                  "InvalidParameterException": "InvalidRequest",
                  "ResourceConflictException": "AlreadyExists",
                  "LimitExceededException": "ServiceLimitExceeded"}
# Cognito Sync settings: no Cognito Sync here, so refused rather than silently dropped.
_SYNC = frozenset({"CognitoEvents", "CognitoStreams", "PushSync"})


@functools.lru_cache(maxsize=None)
def _operation_names() -> dict[str, str]:
    return {xform_name(n): n for n in models.service_model(_IDENTITY.model_name).operation_names}


def _reason(err: AwsError) -> str:
    code = _HANDLER_CODES.get(err.code, "GeneralServiceException")
    return (f'Resource handler returned message: "{err.message} (Service: CognitoIdentity, '
            f'Status Code: {err.status}, Request ID: {uuid.uuid4()})" (HandlerErrorCode: {code})')


def call(c: Call, function, req: dict) -> dict:
    """`function(ctx, req)` of cognito-identity as its API would run it; ResourceFailure when
    it fails."""
    operation = models.service_model(_IDENTITY.model_name).operation_model(
        _operation_names()[function.__name__])
    try:
        checked = validate(operation.input_shape, req, _IDENTITY.constraint_overrides)
        return function(c.ctx, checked) or {}
    except ConstraintViolations as violations:
        raise ResourceFailure(_reason(_IDENTITY.invalid_parameter(violations.message()))) from None
    except AwsError as err:
        raise ResourceFailure(_reason(err)) from None


def call_ignoring_missing(c: Call, function, req: dict) -> None:
    """A delete: what is already gone (its identity pool deleted first) counts as deleted."""
    try:
        call(c, function, req)
    except ResourceFailure as failure:
        if "HandlerErrorCode: NotFound" not in failure.reason:
            raise


def _request(props: dict, name: str) -> dict:
    req = {k: v for k, v in props.items() if k not in _SYNC and k != "IdentityPoolTags"}
    req["IdentityPoolName"] = props.get("IdentityPoolName") or name
    req["IdentityPoolTags"] = {t["Key"]: t["Value"] for t in props.get("IdentityPoolTags") or []}
    return req


def _resource(pool: dict) -> Resource:
    return Resource(pool["IdentityPoolId"], {"Id": pool["IdentityPoolId"],
                                             "Name": pool["IdentityPoolName"]})


class IdentityPool(Provider):
    TYPE = "AWS::Cognito::IdentityPool"
    UNSUPPORTED = _SYNC

    def create(self, call_: Call, props: dict) -> Resource:
        name = call_.physical_name(128)
        return _resource(call(call_, pools.create_identity_pool, _request(props, name)))

    def update(self, call_: Call, props: dict, current: Resource) -> Resource:
        req = _request(props, current.attributes["Name"])
        req["IdentityPoolId"] = current.physical_id
        return _resource(call(call_, pools.update_identity_pool, req))

    def delete(self, call_: Call, current: Resource) -> None:
        call_ignoring_missing(call_, pools.delete_identity_pool,
                              {"IdentityPoolId": current.physical_id})


PROVIDER = IdentityPool()
