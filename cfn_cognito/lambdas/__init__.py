"""Lambda functions: a registry of local functions, and invocation by name or ARN.

Triggers, the gateway and the CLI's HTTP endpoints all go through these calls; none of them
knows how a function runs.

    from cfn_cognito import lambdas

    lambdas.register(ctx, name, runtime, handler, *, code_dir=None, zip_bytes=None,
                     inline_code=None, environment=None, timeout=3, memory=128,
                     description="", role=None, replace=True) -> dict
        Create or replace (redeploy) a function (replace=False: FunctionExists if the name
        is taken, as Lambda's CreateFunction); returns its FunctionConfiguration as Lambda
        does ({"FunctionName", "FunctionArn", "Runtime", "Handler", "Timeout", ...}).
        `name` may be a bare name or an unqualified ARN. The code (exactly one of: a directory,
        zip bytes, inline source written as index.py / index.js as CloudFormation's ZipFile
        does) is copied to `<data_dir>/functions/<name>/<revision>/`, so it survives the
        source being deleted and restarts, and kept in the store as a zip, so that another
        instance sharing the database unpacks and runs it. Raises InvalidFunction for what Lambda refuses
        (name, runtime, handler, timeout 1-900, memory 128-10240, reserved env keys, bad zip).
    lambdas.get(ctx, name_or_arn) -> dict | None
    lambdas.list_functions(ctx) -> list[dict]
    lambdas.delete(ctx, name_or_arn) -> bool
    lambdas.invoke(ctx, name_or_arn, event, *, timeout=None) -> the handler's JSON result
        `name_or_arn`: a name, `name:qualifier`, `{account}:function:{name}` or a full ARN
        `arn:aws:lambda:{region}:{account}:function:{name}[:{qualifier}]`; functions are
        found by name (any region/account/qualifier runs the registered $LATEST code).
        `timeout` (seconds) shortens the function's own Timeout, never lengthens it.
        Raises
          FunctionNotFound(arn)        no such function here and no remote endpoint
                                       (`.arn`; str() is Lambda's "Function not found: <arn>")
          FunctionTimeout(arn, secs)   ran past its timeout; its worker was killed
                                       (errorType "Sandbox.Timedout")
          FunctionError(type, message) the handler raised (type = the exception's class name),
                                       could not be loaded (Runtime.ImportModuleError,
                                       Runtime.HandlerNotFound, ...), crashed its process
                                       (Runtime.ExitError) or returned non-JSON
                                       (Runtime.MarshalError); `.error_type`,
                                       `.error_message`, `.payload()` -> Lambda's error JSON
        FunctionTimeout is a FunctionError: catch it first to tell the two apart.

    lambdas.stop_workers(data_dir=None)
        Kill the warm workers (of one data directory, or all); done at exit by itself.
    lambdas.tighten_code(data_dir)
        Installed code made readable by the data directory's owner only (done at start, for
        code an older version installed with the umask's modes).

Local runtimes: `python3.x` (this server's Python) and `nodejs*` (`node` on PATH), each in
warm worker processes (a few per function at most), one invocation at a time per worker, with
Lambda's context object, environment and fake credentials. A function not registered here
is invoked at `Settings.lambda_endpoint` (CFN_COGNITO_LAMBDA_ENDPOINT) when that is set.
"""

import importlib

# Loaded on first use (PEP 562): every CLI command imports lambdas.cli to build its parser,
# which imports this package; the server and the store need not come with it.
_WHERE = {
    "FunctionError": "errors", "FunctionExists": "errors", "FunctionNotFound": "errors",
    "FunctionTimeout": "errors", "InvalidFunction": "errors", "LambdaError": "errors",
    "invoke": "invocation", "delete": "registry", "get": "registry", "list_functions": "registry",
    "register": "registry", "stop_workers": "workers", "tighten_code": "code",
}
__all__ = sorted(_WHERE)


def __getattr__(name: str):
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value
