"""One request on its way through an API: the API, stage and operation it found, its path
variables, and the ids and times that its events and responses carry."""

from __future__ import annotations

import base64
import datetime
import uuid
from dataclasses import dataclass, field
from functools import cached_property
from urllib.parse import unquote

from cfn_cognito.context import Context
from cfn_cognito.gateway.model import DEFAULT_STAGE, HTTP, Api, Operation, Stage
from cfn_cognito.gateway.request import GatewayRequest

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def clf_time(epoch: float) -> str:
    """A time as API Gateway's requestTime: `09/Apr/2015:12:34:56 +0000`."""
    moment = datetime.datetime.fromtimestamp(epoch, datetime.timezone.utc)
    return (f"{moment.day:02d}/{_MONTHS[moment.month - 1]}/{moment.year}:"
            f"{moment:%H:%M:%S} +0000")


@dataclass
class Invocation:
    ctx: Context
    api: Api
    stage: Stage
    request: GatewayRequest
    path: str                               # the raw path after the stage ("/pets/1")
    operation: Operation | None = None
    resource_path: str = ""
    parameters: dict = field(default_factory=dict)      # path variables
    started: float = 0.0

    @cached_property
    def request_id(self) -> str:
        return str(uuid.UUID(int=self.ctx.rng.getrandbits(128), version=4))

    @cached_property
    def extended_request_id(self) -> str:
        """API Gateway's short request id (x-amz-apigw-id, apigw-requestid): 16 characters."""
        return base64.b64encode(self.ctx.rng.getrandbits(88).to_bytes(11, "big")).decode()[:15] + "="

    @property
    def is_http_api(self) -> bool:
        return self.api.protocol == HTTP

    @property
    def stage_variables(self) -> dict[str, str]:
        return self.stage.variable_map

    @cached_property
    def decoded_path(self) -> str:
        return unquote(self.path)

    @property
    def event_path(self) -> str:
        """The path an integration's event carries: as sent for REST APIs, decoded for HTTP
        APIs (as AWS gives them)."""
        return self.decoded_path if self.is_http_api else self.path

    @property
    def stage_path(self) -> str:
        """The path with its stage in front (none for an HTTP API's $default stage)."""
        if self.is_http_api and self.stage.name == DEFAULT_STAGE:
            return self.event_path
        return f"/{self.stage.name}{self.event_path}"

    @property
    def domain_name(self) -> str:
        return self.request.host

    @property
    def time_epoch_ms(self) -> int:
        return int(self.started * 1000)

    @property
    def request_time(self) -> str:
        return clf_time(self.started)

    def method_arn(self) -> str:
        """`arn:aws:execute-api:{region}:{account}:{api}/{stage}/{METHOD}/{path}`, the path as
        requested (what a Lambda authorizer's policy is matched against)."""
        settings = self.ctx.settings
        return (f"arn:aws:execute-api:{settings.region}:{settings.account_id}:{self.api.id}/"
                f"{self.stage.name}/{self.request.method.upper()}/{self.event_path.lstrip('/')}")
