"""Resource types that have nothing to run here (IAM, logs, S3, Lambda permissions...):
recorded with the physical id and attributes AWS would give them, so that templates which
declare them deploy and everything referring to them resolves."""

from __future__ import annotations

from cfn_cognito.cfn.providers.base import Call, Provider, Resource


class Recorded(Provider):
    """Subclasses say what the resource is called and what its attributes are."""

    def identify(self, call: Call, props: dict, current: Resource | None) -> Resource:
        """The resource for these properties; `current` is set when it exists already."""
        raise NotImplementedError

    def create(self, call: Call, props: dict) -> Resource:
        return self.identify(call, props, None)

    def update(self, call: Call, props: dict, current: Resource) -> Resource:
        return self.identify(call, props, current)

    def delete(self, call: Call, current: Resource) -> None:
        pass


class RecordedWithGeneratedId(Recorded):
    """A recorded type whose physical id CloudFormation generates and whose attributes are
    fixed by it."""

    def identify(self, call: Call, props: dict, current: Resource | None) -> Resource:
        return Resource(current.physical_id if current else call.physical_name(128))
