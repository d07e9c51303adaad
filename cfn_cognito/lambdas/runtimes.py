"""The runtimes we can run, and how a worker process for each is started.

`python3.x` functions run in this server's own Python (so boto3 is there, as on Lambda),
whatever minor version they name; `nodejs*` functions run in the `node` found on PATH.
"""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

from cfn_cognito.lambdas.errors import FunctionError

BOOTSTRAP = Path(__file__).with_name("bootstrap")
_PYTHON = re.compile(r"python3\.\d+")
_NODE = re.compile(r"nodejs(\d+\.(x|\d+))?(-edge)?")


def is_supported(runtime: str) -> bool:
    return bool(_PYTHON.fullmatch(runtime) or _NODE.fullmatch(runtime))


def is_python(runtime: str) -> bool:
    return bool(_PYTHON.fullmatch(runtime))


def command(runtime: str) -> list[str]:
    """The worker's command line; the protocol socket's fd number is appended to it."""
    if is_python(runtime):
        return [sys.executable, "-u", str(BOOTSTRAP / "python_runtime.py")]
    node = shutil.which("node")
    if node is None:
        raise FunctionError("Runtime.Unavailable",
                            f"{runtime} functions need `node` on the PATH; none was found.")
    return [node, str(BOOTSTRAP / "node_runtime.js")]
