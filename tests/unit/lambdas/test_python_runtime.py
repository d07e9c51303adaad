"""What only Python handlers do: packages, Decimals, the task root first on sys.path."""

import pytest

from cfn_cognito import lambdas


def test_handler_in_a_package_and_the_task_root_first_on_sys_path(ctx, code):
    source = code({
        "pkg/__init__.py": "",
        "pkg/handlers.py": "import sys\n"
                           "def handler(event, context):\n"
                           "    return {'first': sys.path[0]}\n",
    })
    lambdas.register(ctx, "dotted", "python3.12", "pkg.handlers.handler", code_dir=source)
    lambdas.register(ctx, "slashed", "python3.12", "pkg/handlers.handler", code_dir=source)
    for name in ("dotted", "slashed"):
        result = lambdas.invoke(ctx, name, {})
        assert result["first"].startswith(str(ctx.store.data_dir / "functions" / name))


def test_decimals_come_back_as_numbers(ctx):
    lambdas.register(ctx, "decimals", "python3.12", "index.handler", inline_code=(
        "from decimal import Decimal\n"
        "def handler(event, context):\n"
        "    return {'count': Decimal('3'), 'price': Decimal('9.5')}\n"))
    assert lambdas.invoke(ctx, "decimals", {}) == {"count": 3, "price": 9.5}


def test_a_syntax_error_is_lambdas_init_error(ctx):
    lambdas.register(ctx, "broken", "python3.12", "index.handler", inline_code="def handler(:\n")
    with pytest.raises(lambdas.FunctionError) as err:
        lambdas.invoke(ctx, "broken", {})
    assert err.value.error_type == "Runtime.UserCodeSyntaxError"
    assert err.value.error_message.startswith("Syntax error in module 'index'")
