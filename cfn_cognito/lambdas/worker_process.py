"""One warm worker process running one function's handler (see bootstrap/ for its side).

The protocol is newline-delimited JSON over a socketpair handed to the worker as an extra
fd; the worker's stdout and stderr are the handler's, relayed line by line to the server log
as `[function-name] ...`. A worker runs one invocation at a time.
"""

from __future__ import annotations

import json
import logging
import os
import signal
import socket
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from cfn_cognito.lambdas import runtimes
from cfn_cognito.lambdas.errors import FunctionError, FunctionTimeout

LOG = logging.getLogger(__name__)
OUTPUT = logging.getLogger("cfn_cognito.lambdas.output")

RELAY_DRAIN = 2.0    # seconds to wait for a stopped worker's output to be logged
INIT_TIMEOUT = 10.0  # Lambda's limit for loading a handler, apart from the function's Timeout
# How Lambda (in Go's words) names the signal a runtime died of.
SIGNAL_WORDS = {signal.SIGKILL: "killed", signal.SIGSEGV: "segmentation fault",
                signal.SIGABRT: "aborted", signal.SIGTERM: "terminated",
                signal.SIGBUS: "bus error", signal.SIGILL: "illegal instruction",
                signal.SIGFPE: "floating point exception"}


@dataclass(frozen=True)
class WorkerSpec:
    name: str
    arn: str
    runtime: str
    code_dir: Path
    env: dict
    memory: int
    version: str
    log_group: str
    log_stream: str


class WorkerProcess:
    def __init__(self, spec: WorkerSpec):
        self.spec = spec
        self.proc: subprocess.Popen | None = None
        self._channel: socket.socket | None = None
        self._inbox = None
        self._relays: list[threading.Thread] = []
        self.usable = False

    def start(self) -> WorkerProcess:
        """Start the process and wait until the handler is loaded (FunctionError if not)."""
        parent, child = socket.socketpair()
        try:
            self.proc = subprocess.Popen(
                [*runtimes.command(self.spec.runtime), str(child.fileno())],
                pass_fds=(child.fileno(),), stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                stderr=subprocess.PIPE, cwd=self.spec.code_dir, env=self.spec.env,
                # Its own process group, so a kill takes whatever the handler started too.
                start_new_session=True,
                # What it writes beside its code (Python's __pycache__) stays the data
                # directory owner's alone, as the code is (store/private.py).
                umask=0o077)
        except OSError as err:
            parent.close()
            raise FunctionError("Runtime.InvalidEntrypoint",
                                f"Could not start the {self.spec.runtime} runtime: {err}") from None
        finally:
            child.close()
        self._channel = parent
        self._inbox = parent.makefile("rb")
        self._relays = [threading.Thread(target=_relay, args=(stream, self.spec.name),
                                         daemon=True, name=f"lambda-output-{self.spec.name}")
                        for stream in (self.proc.stdout, self.proc.stderr)]
        for relay in self._relays:
            relay.start()
        LOG.debug("started %s worker %s for %s", self.spec.runtime, self.proc.pid, self.spec.name)
        reply = self._receive(time.monotonic() + INIT_TIMEOUT, INIT_TIMEOUT, "")
        if "error" in reply:
            self.kill()
            raise FunctionError(reply["error"]["errorType"], reply["error"]["errorMessage"])
        self.usable = True
        return self

    def invoke(self, event, request_id: str, invoked_arn: str, timeout: float):
        """The handler's JSON result; FunctionError / FunctionTimeout as the handler fails."""
        deadline = time.monotonic() + timeout
        message = {"event": event, "context": {
            "function_name": self.spec.name,
            "function_version": self.spec.version,
            "invoked_function_arn": invoked_arn,
            "memory_limit_in_mb": self.spec.memory,
            "aws_request_id": request_id,
            "log_group_name": self.spec.log_group,
            "log_stream_name": self.spec.log_stream,
            "deadline_ms": int(time.time() * 1000 + timeout * 1000),
        }}
        line = json.dumps(message, separators=(",", ":")).encode() + b"\n"
        try:
            self._channel.sendall(line)
        except OSError:
            pass  # the worker is gone; _receive reports how it ended
        reply = self._receive(deadline, timeout, request_id)
        if reply.get("exiting"):
            self.kill()
        if "error" in reply:
            raise FunctionError(reply["error"]["errorType"], reply["error"]["errorMessage"])
        return reply["result"]

    def _receive(self, deadline: float, timeout: float, request_id: str) -> dict:
        self._channel.settimeout(max(deadline - time.monotonic(), 0.001))
        try:
            line = self._inbox.readline()
        except TimeoutError:
            self.kill()
            LOG.warning("[%s] task timed out after %.2f seconds; worker killed", self.spec.name, timeout)
            raise FunctionTimeout(self.spec.arn, timeout) from None
        except OSError:
            line = b""
        if not line:
            status = self._exit_status()
            self.kill()
            LOG.warning("[%s] runtime exited with error: %s", self.spec.name, status)
            prefix = f"RequestId: {request_id} " if request_id else ""
            raise FunctionError("Runtime.ExitError",
                                f"{prefix}Error: Runtime exited with error: {status}")
        return json.loads(line)

    def _exit_status(self) -> str:
        try:
            code = self.proc.wait(timeout=2)
        except subprocess.TimeoutExpired:
            return "exit status unknown"
        if code >= 0:
            return f"exit status {code}"
        sig = signal.Signals(-code)
        return f"signal: {SIGNAL_WORDS.get(sig, sig.name)}"

    @property
    def alive(self) -> bool:
        return self.usable and self.proc is not None and self.proc.poll() is None

    def kill(self) -> None:
        """Stop the worker and whatever it started (idempotent)."""
        self.usable = False
        if self.proc is None:
            return
        try:
            os.killpg(self.proc.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        self.proc.wait()
        # The handler's last lines reach the log before the caller reports how it ended;
        # bounded, as something it started outside its process group may hold the pipe open.
        for relay in self._relays:
            relay.join(RELAY_DRAIN)
        for closable in (self._inbox, self._channel):
            if closable is not None:
                try:
                    closable.close()
                except OSError:
                    pass


def _relay(stream, name: str) -> None:
    with stream:
        for raw in iter(stream.readline, b""):
            OUTPUT.info("[%s] %s", name, raw.decode("utf-8", "replace").rstrip("\r\n"))
