"""The JSON services this process answers, and "call operation X of service Y with this
input": the model's checks first, then the service's function. The AWS JSON protocol
(aws/protocol.py) and the CloudFormation providers (cfn/providers/service.py) both call
operations through here, so a service function can rely on its input either way.

Services register nothing at import: each names its operations module, imported on first
call, so the server answers its first request without loading the rest.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field

from botocore import xform_name

from cfn_cognito.errors import (
    AwsError,
    UnknownOperationException,
    UnsupportedOperationException,
)
from cfn_cognito.spec import model
from cfn_cognito.spec.validation import ConstraintViolations, validate


@dataclass(frozen=True)
class Service:
    target_prefix: str          # "AWSCognitoIdentityProviderService"
    model_name: str             # "cognito-idp"
    operations_module: str      # module holding one function per operation
    errors_module: str          # the GENERATED errors module of the service
    error_namespace: str        # what follows "Code:" in x-amzn-ErrorType (Cognito: nothing)
    # Shape name -> constraints the service applies instead of its published model's.
    constraint_overrides: dict = field(default_factory=dict)
    # A module whose `message(operation)` says why an operation is refused.
    unsupported_module: str = ""
    # The target prefix in its fully qualified form, where clients may send it so.
    qualified_prefix: str = ""
    # The error class of the service's errors module for input the model refuses.
    validation_error: str = "InvalidParameterException"

    def operations(self):
        return importlib.import_module(self.operations_module)

    def unsupported(self, op_name: str) -> AwsError:
        if self.unsupported_module:
            text = importlib.import_module(self.unsupported_module).message(op_name)
        else:
            text = f"The operation {op_name} is not supported by cfn-cognito."
        return UnsupportedOperationException(text)

    def invalid_parameter(self, message: str) -> AwsError:
        errors = importlib.import_module(self.errors_module)
        return getattr(errors, self.validation_error)(message)

    def operation_names(self) -> frozenset[str]:
        return model.operation_names(self.model_name)

    def operation_model(self, op_name: str):
        """The model of an operation; UnknownOperationException when the model has none."""
        if op_name not in model.operation_names(self.model_name):
            raise UnknownOperationException()
        return model.service_model(self.model_name).operation_model(op_name)

    def function(self, op_name: str):
        """The service's function for an operation; UnsupportedOperationException if none."""
        function = getattr(self.operations(), xform_name(op_name), None)
        if function is None:
            raise self.unsupported(op_name)
        return function


_DOMAIN_LABEL = r"[a-z0-9](?:[a-z0-9\-]{0,61}[a-z0-9])?"
_DOMAIN_NAME = rf"^{_DOMAIN_LABEL}(?:\.{_DOMAIN_LABEL})*$"

SERVICES = {
    s.target_prefix: s
    for s in (
        Service(
            "AWSCognitoIdentityProviderService",
            "cognito-idp",
            "cfn_cognito.idp.operations",
            "cfn_cognito.idp.errors",
            "",     # AWS sends `x-amzn-ErrorType: NotAuthorizedException:`
            # The model's DomainType pattern is a prefix's, yet the same member takes custom
            # domains such as auth.example.com (the AWS CLI's own example); domains.py
            # holds prefix domains to the model's pattern.
            {"DomainType": {"max": 253, "pattern": _DOMAIN_NAME}},
            unsupported_module="cfn_cognito.idp.unsupported",
        ),
        Service(
            "AWSCognitoIdentityService",
            "cognito-identity",
            "cfn_cognito.identity.operations",
            "cfn_cognito.identity.errors",
            "",
            # AWS's API reference sends this service's targets in this form too.
            qualified_prefix="com.amazonaws.cognito.identity.model.AWSCognitoIdentityService",
        ),
        # The parameters CloudFormation templates read (cfn_cognito/ssm/).
        Service("AmazonSSM", "ssm", "cfn_cognito.ssm.operations", "cfn_cognito.ssm.errors", "",
                validation_error="ValidationException"),
    )
}
# Fully qualified target prefixes -> service.
_QUALIFIED = {s.qualified_prefix: s for s in SERVICES.values() if s.qualified_prefix}


def service_of(target: str) -> tuple[Service | None, str]:
    """(service, operation name) of an X-Amz-Target (service None when unknown)."""
    prefix, _, op_name = (target or "").partition(".")
    if prefix in SERVICES:
        return SERVICES[prefix], op_name
    prefix, _, op_name = (target or "").rpartition(".")
    return _QUALIFIED.get(prefix), op_name


def call(service: Service, op_name: str, ctx, params: dict, function=None):
    """`function(ctx, params)` (the operation's own by default) once `params` passed the
    model's checks; AwsError (InvalidParameterException or the service's like) if not."""
    try:
        checked = validate(service.operation_model(op_name).input_shape, params,
                           service.constraint_overrides)
    except ConstraintViolations as violations:
        raise service.invalid_parameter(violations.message()) from None
    return (function or service.function(op_name))(ctx, checked)
