"""The README, run as a new user runs it: docs as tests.

Conventions (README "Two commands for a fresh machine" says them in one line):
- Every fenced block tagged `sh` in README.md is run, verbatim, in order within its section
  (a `## ` heading with its `###` parts), by bash with `set -e` (no pipefail: as in a terminal,
  `cmd | head` is head's status), in a fresh clone
  of the committed HEAD in a fresh temporary directory: relative paths, default flags, the
  default port 4566, the default data dir. A block meant to be read, not run as it is, is
  tagged `text` (or `console`).
- Each section runs in the virtualenv the README's first command made, activated as the
  README says (`source .venv/bin/activate`), with no state left by another section: its
  service is stopped and `./.cfn-cognito` removed after it.
- A block whose last command is `cfn-cognito up ...` or `cfn-cognito serve` (no `&`) runs
  until Ctrl-C, as in a terminal of its own: it runs in the background, the next block starts
  once it answers (for `up`, once it printed "Serving on"), and it gets Ctrl-C (SIGINT) after
  the section. A section with no such block, and no `cfn-cognito serve &` of its own, gets
  the service started as the README starts it (`cfn-cognito serve`, in the background).
- Consecutive blocks share one bash process (variables carry), up to the next service block.
- The block that runs pytest is the README's test command: CI runs it (`.ci/run` holds it
  verbatim, checked here); running it here would run this test again.
- Clients and their caches (pip, npm) are the machine's: one clone and one virtualenv per
  test session, pip's cache allowed.
"""

from __future__ import annotations

import fcntl
import os
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

import pytest

from readme_blocks import Block, sections

ROOT = Path(__file__).parents[2]
PORT = 4566
HEALTH = f"http://localhost:{PORT}/_cfn_cognito/health"
SERVICE = re.compile(r"(^|[\s/])cfn-cognito (up|serve)\b[^&\n]*$")
FIRST_START_TIMEOUT = 900      # the first command installs the package and its dependencies
START_TIMEOUT = 120
SECTION_TIMEOUT = 900
README_SECTIONS = [s for s in sections((ROOT / "README.md").read_text()) if s.tagged("sh")]


def _last_command(block: Block) -> str:
    lines = [ln.split(" #")[0].rstrip() for ln in block.text.splitlines()
             if ln.strip() and not ln.lstrip().startswith("#")]
    return lines[-1] if lines else ""


def is_service(block: Block) -> bool:
    return bool(SERVICE.search(_last_command(block)))


def is_test_command(block: Block) -> bool:
    return "pytest" in block.text


def _user_environment(home: Path) -> dict:
    """The environment of a user's terminal: none of this test run's settings."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("CFN_COGNITO_", "AWS_", "PYTEST", "SLS_"))
           and k not in ("PYTHONPATH", "VIRTUAL_ENV", "CI")}
    env["PATH"] = os.pathsep.join(p for p in env.get("PATH", "").split(os.pathsep)
                                  if ".venv" not in p)
    return env


def _port_free() -> bool:
    with socket.socket() as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind(("127.0.0.1", PORT))
        except OSError:
            return False
    return True


@pytest.fixture(scope="session")
def checkout():
    """A fresh clone of the committed HEAD, in a fresh directory; the docs tests of several
    worktrees on one machine take turns (they all need port 4566)."""
    guard = open(os.path.join(tempfile.gettempdir(), "cfn-cognito-readme-4566.lock"), "w")
    fcntl.flock(guard, fcntl.LOCK_EX)
    top = Path(tempfile.mkdtemp(prefix="cfn-cognito-readme-"))
    try:
        subprocess.run(["git", "clone", "--quiet", str(ROOT), str(top / "cfn-cognito")],
                       check=True, timeout=120)
        yield top / "cfn-cognito"
    finally:
        shutil.rmtree(top, ignore_errors=True)
        guard.close()


class Service:
    """A README block that runs until Ctrl-C, in the background."""

    def __init__(self, block: Block, cwd: Path, env: dict, log: Path):
        self.block, self.log_path = block, log
        self.log = open(log, "w")
        self.proc = subprocess.Popen(
            ["bash", "-c", "set -e\nsource .venv/bin/activate 2>/dev/null || true\n"
             + block.text], cwd=cwd, env=env, stdout=self.log, stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL, start_new_session=True)

    def output(self) -> str:
        return self.log_path.read_text(errors="replace")

    def wait_ready(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        up = "cfn-cognito up" in self.block.text
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                pytest.fail(f"README line {self.block.line}: the service ended "
                            f"({self.proc.returncode}):\n{self.output()[-4000:]}")
            if up:
                if "Serving on" in self.output():
                    return
            else:
                try:
                    urllib.request.urlopen(HEALTH, timeout=2).read()
                    return
                except OSError:
                    pass
            time.sleep(0.3)
        pytest.fail(f"README line {self.block.line}: no answer within {timeout:.0f}s:\n"
                    f"{self.output()[-4000:]}")

    def stop(self) -> None:
        _stop_group(self.proc, signal.SIGINT)
        self.log.close()


def _stop_group(proc: subprocess.Popen, sig: int) -> None:
    try:
        os.killpg(proc.pid, sig)
    except ProcessLookupError:
        return
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        pass
    try:
        os.killpg(proc.pid, signal.SIGKILL)   # whatever the block left behind
    except ProcessLookupError:
        pass
    proc.wait(timeout=20)


def _run_script(blocks: list[Block], cwd: Path, env: dict, tmp: Path) -> None:
    script = "set -e\nsource .venv/bin/activate\n" + "".join(b.text for b in blocks)
    log = tmp / f"blocks-{blocks[0].line}.log"
    with open(log, "w") as out:
        proc = subprocess.Popen(["bash", "-c", script], cwd=cwd, env=env, stdout=out,
                                stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                start_new_session=True)
        timer = threading.Timer(SECTION_TIMEOUT, os.killpg, (proc.pid, signal.SIGKILL))
        timer.start()
        try:
            code = proc.wait()
        finally:
            timer.cancel()
            _stop_group(proc, signal.SIGTERM)   # a `cfn-cognito serve &` of the block
    if code != 0:
        lines = ", ".join(str(b.line) for b in blocks)
        pytest.fail(f"README blocks at lines {lines} exited {code}:\n{script}\n--- output ---\n"
                    f"{log.read_text(errors='replace')[-6000:]}")


@pytest.mark.parametrize("section", README_SECTIONS, ids=[s.title for s in README_SECTIONS])
def test_readme_section_runs_verbatim(section, checkout, tmp_path):
    env = _user_environment(tmp_path)
    if not _port_free():
        pytest.fail(f"port {PORT} is taken: the README's examples use the default port; stop "
                    "what listens there")
    installs = any("pip install -e ." in b.text for b in section.tagged("sh"))
    if not installs and not (checkout / ".venv" / "bin" / "cfn-cognito").exists():
        # This section was chosen alone: install as the README's first command does.
        subprocess.run("python3 -m venv .venv && .venv/bin/pip install --quiet -e .", shell=True,
                       cwd=checkout, env=env, check=True, timeout=FIRST_START_TIMEOUT)
    blocks = section.tagged("sh")
    services: list[Service] = []
    own_service = not any("cfn-cognito serve" in b.text or "cfn-cognito up" in b.text
                          for b in blocks)
    try:
        if own_service:
            started = Service(Block("sh", "cfn-cognito serve\n", 0), checkout, env,
                              tmp_path / "serve.log")
            services.append(started)
            started.wait_ready(START_TIMEOUT)
        pending: list[Block] = []
        for block in blocks:
            if is_test_command(block):
                ci = (ROOT / ".ci" / "run").read_text()
                assert block.text.strip() in ci, \
                    f"README line {block.line}: .ci/run must run the README's test command"
                continue
            if is_service(block):
                if pending:
                    _run_script(pending, checkout, env, tmp_path)
                    pending = []
                started = Service(block, checkout, env, tmp_path / f"service-{block.line}.log")
                services.append(started)
                begun = time.monotonic()
                started.wait_ready(FIRST_START_TIMEOUT if "pip install" in block.text
                                   else START_TIMEOUT)
                print(f"README line {block.line}: ready after {time.monotonic() - begun:.1f}s")
                continue
            pending.append(block)
        if pending:
            _run_script(pending, checkout, env, tmp_path)
    finally:
        for service in services:
            service.stop()
        shutil.rmtree(checkout / ".cfn-cognito", ignore_errors=True)
