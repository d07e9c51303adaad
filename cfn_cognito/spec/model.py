"""The JSON services' models as the protocol reads them, straight from botocore's data files.

botocore's own model classes come with botocore.utils and urllib3 (about a third of a
second of imports), which the server would pay before its first answer. The protocol
needs little of them: operation names and auth type, and input shapes with their type,
members, constraints and sensitivity. These classes read just that from the same
`botocore/data/<service>/<version>/service-2.json(.gz)` botocore loads (its newest version,
as botocore picks), with the same attribute names as botocore.model, so validation.py
takes either. The CloudFormation query protocol (XML answers) keeps botocore's classes.
"""

from __future__ import annotations

import functools
import gzip
import json
import os

import botocore  # the package only: it locates the data directory

DATA_DIR = os.path.join(os.path.dirname(botocore.__file__), "data")
# The shape traits botocore.model.Shape keeps as `metadata`.
_METADATA = ("required", "min", "max", "pattern", "sensitive", "enum", "idempotencyToken",
             "error", "exception", "endpointdiscoveryid", "retryable", "document", "union",
             "contextParam", "clientContextParams", "requiresLength")
# ... and as `serialization`. A member's own traits are merged over its shape's, as there.
_SERIALIZATION = ("locationName", "queryName", "flattened", "location", "payload", "streaming",
                  "timestampFormat", "xmlNamespace", "resultWrapper", "xmlAttribute",
                  "eventstream", "event", "eventheader", "eventpayload", "jsonvalue",
                  "hostLabel")


# Enum values AWS documents that the model does not list yet, by (service, shape).
# [D] GetClientToken: the app client needs the ALLOW_CLIENT_TOKEN_AUTH flow, which
# ExplicitAuthFlowsType of botocore 1.44 leaves out.
DOCUMENTED_ENUM_VALUES = {("cognito-idp", "ExplicitAuthFlowsType"): ("ALLOW_CLIENT_TOKEN_AUTH",)}


def _load(service: str) -> dict:
    base = os.path.join(DATA_DIR, service)
    version = sorted(v for v in os.listdir(base) if os.path.isdir(os.path.join(base, v)))[-1]
    path = os.path.join(base, version, "service-2.json")
    if os.path.exists(path):
        with open(path, "rb") as f:
            data = json.load(f)
    else:
        with gzip.open(path + ".gz", "rb") as f:
            data = json.load(f)
    for (name, shape), values in DOCUMENTED_ENUM_VALUES.items():
        enum = data["shapes"].get(shape, {}).get("enum") if name == service else None
        if enum is not None:
            enum.extend(v for v in values if v not in enum)
    return data


class Shape:
    """A shape as botocore.model.Shape presents it, for the attributes validation uses."""

    def __init__(self, model: "ServiceModel", name: str, ref: dict | None = None):
        spec = model.shapes[name]
        if ref and len(ref) > 1:
            spec = {**spec, **ref}
            del spec["shape"]
        self.name = name
        self.type_name = spec["type"]
        self.metadata = {k: spec[k] for k in _METADATA if k in spec}
        self.serialization = {k: spec[k] for k in _SERIALIZATION if k in spec}
        self._model = model
        self._spec = spec

    def _ref(self, key: str) -> "Shape":
        ref = self._spec[key]
        return self._model.shape(ref["shape"], ref)

    @functools.cached_property
    def members(self) -> dict:
        return {name: self._model.shape(ref["shape"], ref)
                for name, ref in self._spec.get("members", {}).items()}

    @property
    def required_members(self) -> list:
        return self._spec.get("required", [])

    @property
    def enum(self) -> list:
        return self._spec.get("enum", [])

    @functools.cached_property
    def member(self) -> "Shape":
        return self._ref("member")

    @functools.cached_property
    def key(self) -> "Shape":
        return self._ref("key")

    @functools.cached_property
    def value(self) -> "Shape":
        return self._ref("value")


class OperationModel:
    def __init__(self, model: "ServiceModel", name: str):
        self.name = name
        self._spec = model.operations[name]
        self.auth_type = self._spec.get("authtype")
        ref = self._spec.get("input")
        self.input_shape = model.shape(ref["shape"], ref) if ref else None


class ServiceModel:
    def __init__(self, description: dict, service_name: str):
        self.service_name = service_name
        self.operations = description["operations"]
        self.shapes = description["shapes"]
        self.operation_names = list(self.operations)
        self._operation_models: dict = {}

    def shape(self, name: str, ref: dict | None = None) -> Shape:
        return Shape(self, name, ref)

    def operation_model(self, name: str) -> OperationModel:
        found = self._operation_models.get(name)
        if found is None:
            found = self._operation_models[name] = OperationModel(self, name)
        return found


@functools.lru_cache(maxsize=None)
def service_model(service: str) -> ServiceModel:
    """The model of a JSON service (e.g. "cognito-idp"), read once per process."""
    return ServiceModel(_load(service), service)


@functools.lru_cache(maxsize=None)
def operation_names(service: str) -> frozenset[str]:
    return frozenset(service_model(service).operation_names)


@functools.lru_cache(maxsize=None)
def botocore_service_model(name: str):
    """botocore's own model classes of a service, for what needs more than the shapes above:
    the query protocol's XML answers and the Lambda REST API's output shapes. Imported on
    first use (botocore.model brings botocore.utils and urllib3)."""
    from botocore.loaders import Loader
    from botocore.model import ServiceModel
    return ServiceModel(Loader().load_service_model(name, "service-2"), service_name=name)
