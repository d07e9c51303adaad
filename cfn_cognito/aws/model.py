"""botocore service models, loaded once per process on first use."""

from __future__ import annotations

import functools

from botocore.loaders import Loader
from botocore.model import ServiceModel


@functools.lru_cache(maxsize=None)
def service_model(name: str) -> ServiceModel:
    """The botocore model of a service (e.g. "cognito-idp")."""
    loader = Loader()
    return ServiceModel(loader.load_service_model(name, "service-2"), service_name=name)


@functools.lru_cache(maxsize=None)
def operation_names(name: str) -> frozenset[str]:
    return frozenset(service_model(name).operation_names)
