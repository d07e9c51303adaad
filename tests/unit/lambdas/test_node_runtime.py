"""What only Node handlers do: callbacks, ES modules, thrown non-errors, uncaught errors."""

import pytest

from cfn_cognito import lambdas

CALLBACKS = """
exports.later = (event, context, callback) => {
  setTimeout(() => callback(null, { via: 'callback', got: event.x }), 10);
};
exports.refuse = (event, context, callback) => callback(new RangeError('too far'));
exports.legacy = (event, context) => { context.succeed({ via: 'context.succeed' }); };
exports.string = async () => { throw 'plain string'; };
let calls = 0;
exports.count = async () => { calls += 1; return calls; };
exports.uncaught = async () => {
  setTimeout(() => { throw new SyntaxError('later'); }, 0);
  return new Promise(() => {});
};
exports.rejected = async () => { Promise.reject(new Error('nobody waits')); return new Promise(() => {}); };
exports.nested = { deeper: { handler: async () => 'nested' } };
"""


@pytest.fixture
def node(ctx, code):
    source = code({"app.js": CALLBACKS,
                   "esm.mjs": "export const handler = async (event) => ({ esm: true, event });\n",
                   "modern/package.json": '{"type": "module"}\n',
                   "modern/index.js": "export async function handler() { return 'module js'; }\n"})

    def deploy(handler: str) -> str:
        name = handler.replace(".", "-").replace("/", "-")
        lambdas.register(ctx, name, "nodejs20.x", handler, code_dir=source)
        return name
    return deploy


def test_callback_handlers(ctx, node):
    assert lambdas.invoke(ctx, node("app.later"), {"x": 7}) == {"via": "callback", "got": 7}
    with pytest.raises(lambdas.FunctionError) as err:
        lambdas.invoke(ctx, node("app.refuse"), {})
    assert (err.value.error_type, err.value.error_message) == ("RangeError", "too far")
    assert lambdas.invoke(ctx, node("app.legacy"), {}) == {"via": "context.succeed"}


def test_es_modules_load(ctx, node):
    assert lambdas.invoke(ctx, node("esm.handler"), {"a": 1}) == {"esm": True, "event": {"a": 1}}
    assert lambdas.invoke(ctx, node("modern/index.handler"), {}) == "module js"
    assert lambdas.invoke(ctx, node("app.nested.deeper.handler"), {}) == "nested"


def test_a_thrown_string_is_typed_string(ctx, node):
    with pytest.raises(lambdas.FunctionError) as err:
        lambdas.invoke(ctx, node("app.string"), {})
    assert (err.value.error_type, err.value.error_message) == ("string", "plain string")


@pytest.mark.parametrize("handler, error_type", [
    ("app.uncaught", "SyntaxError"),
    ("app.rejected", "Runtime.UnhandledPromiseRejection"),
])
def test_uncaught_errors_fail_the_call_and_replace_the_worker(ctx, node, handler, error_type):
    name = node(handler)
    with pytest.raises(lambdas.FunctionError) as err:
        lambdas.invoke(ctx, name, {})
    assert err.value.error_type == error_type
    with pytest.raises(lambdas.FunctionError) as err:
        lambdas.invoke(ctx, name, {})              # a fresh worker answers the same way
    assert err.value.error_type == error_type
