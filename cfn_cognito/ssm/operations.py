"""Every SSM operation this service implements, by module (operation_table.py says how the
protocol finds them; any other operation of the model is refused by name)."""

from __future__ import annotations

from cfn_cognito import operation_table

AREAS = {
    "parameters": (
        "delete_parameter",
        "delete_parameters",
        "describe_parameters",
        "get_parameter",
        "get_parameters",
        "get_parameters_by_path",
        "put_parameter",
    ),
}
__getattr__, __dir__ = operation_table.lazy_module(globals(), "cfn_cognito.ssm", AREAS)
