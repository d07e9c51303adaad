"""AWS::Cognito::UserPoolRiskConfigurationAttachment: the risk configuration is kept with
the stack (threat protection does not run here); the pool and client must exist."""

from __future__ import annotations

from cfn_cognito.cfn.providers import service
from cfn_cognito.cfn.providers.base import Call, Resource, ResourceFailure
from cfn_cognito.cfn.providers.recorded import Recorded
from cfn_cognito.errors import AwsError
from cfn_cognito.idp.appclients import clients
from cfn_cognito.idp.userpools import pools


class UserPoolRiskConfigurationAttachment(Recorded):
    TYPE = "AWS::Cognito::UserPoolRiskConfigurationAttachment"

    def identify(self, call: Call, props: dict, current: Resource | None) -> Resource:
        pool_id, client_id = props.get("UserPoolId", ""), props.get("ClientId", "ALL")
        try:
            pools.get_pool(call.ctx, pool_id)
            if client_id != "ALL":
                clients.get_client(call.ctx, pool_id, client_id)
        except AwsError as err:
            raise ResourceFailure(service.reason(err)) from None
        return Resource(current.physical_id if current else f"{pool_id}|{client_id}")


PROVIDER = UserPoolRiskConfigurationAttachment()
