"""Every SSM operation this service implements, by its snake_case AWS name (the protocol
layer finds them here; any other operation of the model is refused by name)."""

from cfn_cognito.ssm.parameters import (  # noqa: F401
    delete_parameter,
    delete_parameters,
    describe_parameters,
    get_parameter,
    get_parameters,
    get_parameters_by_path,
    put_parameter,
)
