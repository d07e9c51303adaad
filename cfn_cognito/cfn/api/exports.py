"""ListExports, ListImports."""

from __future__ import annotations

from cfn_cognito.cfn.api import lookup
from cfn_cognito.cfn.errors import ValidationError
from cfn_cognito.context import Context


def list_exports(ctx: Context, req: dict) -> dict:
    return {"Exports": [{"ExportingStackId": stack_id, "Name": name, "Value": value}
                        for name, stack_id, value in ctx.store.stacks.exports()]}


def list_imports(ctx: Context, req: dict) -> dict:
    """The names of the stacks that import the export."""
    name = req["ExportName"]
    importers = [lookup.live(ctx, stack_id) for stack_id in ctx.store.stacks.importers(name)]
    names = sorted(doc["StackName"] for doc in importers if doc)
    if not names:
        raise ValidationError(f"Export '{name}' is not imported by any stack.")
    return {"Imports": names}
