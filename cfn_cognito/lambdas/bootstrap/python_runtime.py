"""cfn-cognito's Python Lambda runtime: one warm worker process for one function.

Started as `python -u python_runtime.py FD` in the function's code directory, with the
function's environment (LAMBDA_TASK_ROOT, _HANDLER, ...). It speaks newline-delimited JSON on
the socket FD, so the handler's own prints (stdout, stderr) never mix with the protocol:

    worker -> server  {"ready": true} once the handler is imported, or {"error": {...}}
    server -> worker  {"event": ..., "context": {function_name, ..., deadline_ms}}
    worker -> server  {"result": ...} or {"error": {"errorType", "errorMessage", ...}}

Standard library only, and nothing of cfn_cognito: it runs beside the function's code.
"""

import decimal
import importlib
import json
import os
import socket
import sys
import threading
import time
import traceback


class InitError(Exception):
    def __init__(self, error_type, message):
        super().__init__(message)
        self.payload = {"errorType": error_type, "errorMessage": message, "stackTrace": []}


class LambdaContext:
    def __init__(self, fields):
        self.function_name = fields["function_name"]
        self.function_version = fields["function_version"]
        self.invoked_function_arn = fields["invoked_function_arn"]
        # A string, as in Lambda's own Python runtime (it comes from the environment there).
        self.memory_limit_in_mb = str(fields["memory_limit_in_mb"])
        self.aws_request_id = fields["aws_request_id"]
        self.log_group_name = fields["log_group_name"]
        self.log_stream_name = fields["log_stream_name"]
        self.identity = None
        self.client_context = None
        self._deadline_ms = fields["deadline_ms"]

    def get_remaining_time_in_millis(self):
        return max(int(self._deadline_ms - time.time() * 1000), 0)

    def log(self, message):
        sys.stdout.write(str(message))


def load_handler(spec):
    module_name, _, attr = spec.rpartition(".")
    if not module_name or not attr:
        raise InitError("Runtime.MalformedHandlerName",
                        f"Bad handler '{spec}': not enough values to unpack (expected 2, got 1)")
    module_name = module_name.replace("/", ".")
    try:
        module = importlib.import_module(module_name)
    except SyntaxError as err:
        raise InitError("Runtime.UserCodeSyntaxError",
                        f"Syntax error in module '{module_name}': {err}") from err
    except Exception as err:
        raise InitError("Runtime.ImportModuleError",
                        f"Unable to import module '{module_name}': {err}") from err
    handler = getattr(module, attr, None)
    if handler is None:
        raise InitError("Runtime.HandlerNotFound",
                        f"Handler '{attr}' missing on module '{module_name}'")
    return handler


def error_payload(err):
    return {
        "errorType": type(err).__name__,
        "errorMessage": str(err),
        "stackTrace": traceback.format_list(traceback.extract_tb(err.__traceback__)[1:]),
    }


def to_json(value):
    # Lambda's runtime writes Decimals (as boto3's DynamoDB layer returns them) as numbers.
    def default(obj):
        if isinstance(obj, decimal.Decimal):
            return int(obj) if obj == obj.to_integral_value() else float(obj)
        raise TypeError(f"Object of type {type(obj).__name__} is not JSON serializable")
    return json.dumps(value, default=default, allow_nan=False, separators=(",", ":"))


def exit_with_parent(parent):
    # Killed servers leave no workers behind: the parent's death re-parents us.
    while True:
        time.sleep(1)
        if os.getppid() != parent:
            os._exit(0)


def main():
    fd = int(sys.argv[1])
    channel = socket.socket(fileno=fd)
    os.set_inheritable(fd, False)
    inbox = channel.makefile("rb")

    def send(text):
        sys.stdout.flush()
        sys.stderr.flush()
        channel.sendall(text.encode() + b"\n")

    threading.Thread(target=exit_with_parent, args=(os.getppid(),), daemon=True).start()
    # The handler's directory comes first on sys.path, in place of this script's own.
    sys.path[0] = os.environ["LAMBDA_TASK_ROOT"]
    try:
        handler = load_handler(os.environ["_HANDLER"])
    except InitError as err:
        print(f"[ERROR] {err.payload['errorType']}: {err.payload['errorMessage']}", file=sys.stderr)
        send(json.dumps({"error": err.payload}))
        return
    send('{"ready":true}')
    for line in inbox:
        request = json.loads(line)
        try:
            result = handler(request["event"], LambdaContext(request["context"]))
        except Exception as err:
            payload = error_payload(err)
            print(f"[ERROR] {payload['errorType']}: {payload['errorMessage']}\n"
                  + "".join(payload["stackTrace"]), file=sys.stderr, end="")
            send(json.dumps({"error": payload}))
            continue
        try:
            text = to_json(result)
        except (TypeError, ValueError) as err:
            send(json.dumps({"error": {"errorType": "Runtime.MarshalError",
                                       "errorMessage": f"Unable to marshal response: {err}"}}))
            continue
        send('{"result":' + text + "}")


if __name__ == "__main__":
    main()
