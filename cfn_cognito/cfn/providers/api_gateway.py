"""What the API Gateway providers share. API Gateway resources run nowhere of their own: the
local gateway routes requests from the stacks' records of them (cfn_cognito.gateway.table).
So a provider checks, with the gateway's own reading of the properties, that the gateway can
serve the resource (refusing it by its failure reason otherwise), and gives it the ids and
attributes AWS would."""

from __future__ import annotations

import string

from cfn_cognito.cfn.providers.base import Call, Resource, ResourceFailure
from cfn_cognito.cfn.providers.recorded import Recorded
from cfn_cognito.gateway.config import ConfigError

ID_ALPHABET = string.ascii_lowercase + string.digits


def failure(message: str) -> ResourceFailure:
    return ResourceFailure(f'Resource handler returned message: "{message}" '
                           f'(HandlerErrorCode: InvalidRequest)')


class ApiGatewayPart(Recorded):
    """A resource with an id API Gateway generates (`ID_LENGTH` lowercase letters and
    digits), also readable as the attribute `ID_ATTRIBUTE`."""

    ID_LENGTH = 10
    ID_ATTRIBUTE = ""

    def check(self, call: Call, props: dict, current: Resource | None) -> dict:
        """Refuse (ConfigError) what the gateway cannot serve; attributes besides the id."""
        return {}

    def new_id(self, call: Call, props: dict) -> str:
        return call.random(self.ID_LENGTH, ID_ALPHABET)

    def identify(self, call: Call, props: dict, current: Resource | None) -> Resource:
        try:
            extra = self.check(call, props, current)
        except ConfigError as err:
            raise failure(str(err)) from None
        physical_id = current.physical_id if current else self.new_id(call, props)
        attributes = {self.ID_ATTRIBUTE: physical_id} if self.ID_ATTRIBUTE else {}
        kept = (current.attributes if current else {})
        attributes.update({k: v for k, v in kept.items() if k not in attributes})
        attributes.update(extra)
        return Resource(physical_id, attributes)


class NamedByStage(ApiGatewayPart):
    """A stage: its physical id is its StageName."""

    def new_id(self, call: Call, props: dict) -> str:
        name = str(props.get("StageName") or "")
        if not name:
            raise failure("StageName is required")
        return name
