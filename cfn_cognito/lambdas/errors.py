"""What running or registering a function can raise.

Invocation failures carry Lambda's own error shape (`errorType`, `errorMessage`) so callers
can pass them on as Lambda would. FunctionTimeout is a FunctionError: catch it first when a
timeout must be told apart from other failures.
"""

from __future__ import annotations


class LambdaError(Exception):
    """Base of every error of this package."""


class FunctionNotFound(LambdaError):
    """No function of that name here (and no remote endpoint that has it)."""

    def __init__(self, arn: str):
        super().__init__(f"Function not found: {arn}")
        self.arn = arn


class FunctionError(LambdaError):
    """The handler raised, could not be loaded, crashed its process or returned non-JSON."""

    def __init__(self, error_type: str, error_message: str):
        super().__init__(f"{error_type}: {error_message}")
        self.error_type = error_type
        self.error_message = error_message

    def payload(self) -> dict:
        """The error as Lambda returns it in an invocation's payload."""
        return {"errorType": self.error_type, "errorMessage": self.error_message}


class FunctionTimeout(FunctionError):
    """The handler ran past its timeout; its worker was killed."""

    def __init__(self, arn: str, seconds: float):
        super().__init__("Sandbox.Timedout", f"Task timed out after {seconds:.2f} seconds")
        self.arn = arn
        self.seconds = seconds


class InvalidFunction(LambdaError):
    """A registration that cannot be accepted (bad name, runtime, handler, code, ...)."""


class FunctionExists(LambdaError):
    """Create-only registration of a name that is taken."""

    def __init__(self, name: str):
        super().__init__(f"Function already exist: {name}")
        self.name = name
