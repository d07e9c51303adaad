"""AWS::Cognito::IdentityPool → Create/Update/DeleteIdentityPool.

Also how the identity pool providers call the cognito-identity service layer (`call`, a
service.ServiceCaller: the request checked against the model first, errors worded as
CloudFormation's handlers word them).
"""

from __future__ import annotations

from cfn_cognito.cfn.providers.base import Call, Provider, Resource
from cfn_cognito.cfn.providers.service import ServiceCaller
from cfn_cognito.identity import pools

_IDENTITY = ServiceCaller("AWSCognitoIdentityService", "CognitoIdentity",
                          {"ResourceNotFoundException": "NotFound",
                           "InvalidParameterException": "InvalidRequest",
                           "ResourceConflictException": "AlreadyExists",
                           "LimitExceededException": "ServiceLimitExceeded"})
call = _IDENTITY.call
call_ignoring_missing = _IDENTITY.call_ignoring_missing
# Cognito Sync settings: no Cognito Sync here, so refused rather than silently dropped.
_SYNC = frozenset({"CognitoEvents", "CognitoStreams", "PushSync"})


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
