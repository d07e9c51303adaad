"""The scenario scripts of tests/node/, run with Node against the session server: real
JavaScript clients (AWS SDK for JavaScript v3, Amplify v6) as app teams use them.

Each script prints one JSON object: `{"ok": true, ...}` with what every call answered, or
`{"ok": false, "step", "error": {"name", "message"}}` when a call it needed threw.
"""

import json
import subprocess
from pathlib import Path

import pytest
import prerequisites

NODE_DIR = Path(__file__).resolve().parents[1] / "node"


def install() -> None:
    """`npm ci` from the lock file when any dependency of package.json is not installed (a
    node_modules left from before a dependency was added counts as not installed)."""
    package = json.loads((NODE_DIR / "package.json").read_text())
    wanted = {**package["dependencies"], **package.get("devDependencies", {})}
    if all((NODE_DIR / "node_modules" / name / "package.json").exists() for name in wanted):
        return
    subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=NODE_DIR, check=True,
                   capture_output=True, timeout=600)


@pytest.fixture(scope="session")
def js_clients():
    """The scripts' directory with its npm dependencies installed; skips without Node."""
    prerequisites.require("node", "npm", why="the JavaScript client tests")
    install()
    return NODE_DIR


def bundle(script: str) -> str:
    """A browser script of tests/node/ with its imports (Amplify) bundled by esbuild: the
    JavaScript text a page can run."""
    out = subprocess.run([str(NODE_DIR / "node_modules" / ".bin" / "esbuild"), script,
                          "--bundle", "--format=iife", "--platform=browser", "--log-level=error"],
                         cwd=NODE_DIR, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    return out.stdout


def run_script(script: str, *args: str) -> dict:
    """What the script printed (its last line, as JSON)."""
    out = subprocess.run(["node", str(NODE_DIR / script), *args], capture_output=True,
                         text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    lines = out.stdout.strip().splitlines()
    assert lines, f"{script} printed nothing; stderr: {out.stderr[-2000:]}"
    return json.loads(lines[-1])


def run_ok(script: str, *args: str) -> dict:
    """What the script printed, which must be a success (else the failing step and error)."""
    result = run_script(script, *args)
    assert result["ok"], (f"{script} failed at {result.get('step')!r}: {result.get('error')}\n"
                          f"{result.get('stack', '')}")
    return result
