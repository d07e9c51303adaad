"""How every service (idp, identity, ssm) lists the AWS operations it implements: a table of
its modules and, in each, the operations' functions by their snake_case AWS names.

The service's `operations` module builds its attributes from the table: a module is imported
on the first call of one of its operations, so a server answers its first request without
loading the modules (and their libraries) of operations nobody called yet. An operation of
the model that is in no table is refused by name (spec/services.py).
"""

from __future__ import annotations

import importlib


def lazy_module(namespace: dict, package: str, areas: dict[str, tuple[str, ...]]):
    """(__getattr__, __dir__) for a service's operations module (`namespace` is its globals()):
    `areas` maps a module of `package` to the operations whose functions it holds."""
    module_of = {name: area for area, names in areas.items() for name in names}

    def __getattr__(name: str):
        area = module_of.get(name)
        if area is None:
            raise AttributeError(f"module {namespace['__name__']!r} has no attribute {name!r}")
        function = getattr(importlib.import_module(f"{package}.{area}"), name)
        namespace[name] = function      # later look-ups skip this function
        return function

    def __dir__() -> list[str]:
        return sorted(set(namespace) | set(module_of))

    return __getattr__, __dir__
