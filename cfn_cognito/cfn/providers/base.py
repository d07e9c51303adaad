"""What a provider is: one resource type, created, updated and deleted through the service
layer. The engine decides when; a provider only knows how."""

from __future__ import annotations

import re
import string
from dataclasses import dataclass, field

from cfn_cognito.cfn import schemas
from cfn_cognito.context import Context

_RANDOM_ALPHABET = string.ascii_uppercase + string.digits


class ResourceFailure(Exception):
    """A resource could not be created, updated or deleted; `reason` is shown as its
    ResourceStatusReason."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


@dataclass
class Resource:
    """A resource as it exists: its physical id (what Ref gives) and its attributes (what
    Fn::GetAtt reads)."""

    physical_id: str
    attributes: dict = field(default_factory=dict)
    properties: dict = field(default_factory=dict)      # as resolved when last applied


@dataclass
class Call:
    """Everything a provider may need besides the properties."""

    ctx: Context
    stack_name: str
    stack_id: str
    logical_id: str
    code_dir: str | None = None         # where zips named by Code.S3Key are found
    template_dir: str | None = None     # what relative code paths are relative to
    siblings: dict = field(default_factory=dict)    # logical id -> Resource, same stack

    @property
    def region(self) -> str:
        return self.ctx.settings.region

    @property
    def account_id(self) -> str:
        return self.ctx.settings.account_id

    def random(self, length: int, alphabet: str = _RANDOM_ALPHABET) -> str:
        return "".join(self.ctx.rng.choice(alphabet) for _ in range(length))

    def physical_name(self, max_length: int = 128, lowercase: bool = False) -> str:
        """A name as CloudFormation generates one: `{stack}-{logicalId}-{RANDOM}`, the first
        two cut to fit `max_length`."""
        suffix = self.random(13)
        stack = re.sub(r"[^A-Za-z0-9-]", "", self.stack_name)
        logical = re.sub(r"[^A-Za-z0-9-]", "", self.logical_id)
        budget = max_length - len(suffix) - 2
        if len(stack) + len(logical) > budget:
            half = budget // 2
            logical = logical[:max(half, budget - len(stack))]
            stack = stack[:budget - len(logical)]
        name = f"{stack}-{logical}-{suffix}"
        return name.lower() if lowercase else name


class Provider:
    """A resource type. Subclasses set TYPE and implement create and delete; update, when
    not implemented, means every change replaces the resource."""

    TYPE = ""
    # Changes that replace the resource besides the schema's createOnlyProperties.
    REPLACES_ON: frozenset[str] = frozenset()
    # Properties we refuse (before anything is created) rather than ignore.
    UNSUPPORTED: frozenset[str] = frozenset()
    # Properties that, given explicitly, make the resource's name (a replacement that keeps
    # them unchanged would collide with the resource it replaces).
    NAMED_BY: tuple[str, ...] = ()

    def create(self, call: Call, props: dict) -> Resource:
        raise NotImplementedError

    def update(self, call: Call, props: dict, current: Resource) -> Resource:
        raise NotImplementedError

    def delete(self, call: Call, current: Resource) -> None:
        raise NotImplementedError

    def unsupported(self, props: dict) -> list[str]:
        """Names of properties in `props` this provider refuses."""
        return [name for name in props if name in self.UNSUPPORTED]

    def replaces(self, old: dict, new: dict) -> bool:
        """Whether going from properties `old` to `new` needs a new resource."""
        if type(self).update is Provider.update:
            return True
        changed = {k for k in set(old) | set(new) if old.get(k) != new.get(k)}
        return bool(changed & (schemas.create_only(self.TYPE) | self.REPLACES_ON))

    def collides(self, old: dict, new: dict) -> bool:
        """Whether a replacement from `old` to `new` would reuse a name the user chose."""
        return bool(self.NAMED_BY) and all(
            new.get(k) is not None and new.get(k) == old.get(k) for k in self.NAMED_BY)
