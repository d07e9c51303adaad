"""The Serverless Framework CLIs for the end-to-end tests, and services to run them in.

serverless 3 and osls 4 are installed from npm once, each with the plugins the seed's
serverless.yml lists, into `serverless-plugin/.e2e/<cli>/` (git-ignored; an install is
redone only when the pinned versions change). A service is a copy of a directory of
`tests/fixtures/serverless-services/` whose node_modules links this repository's plugin.
Every CLI run is preloaded with `loopback-only.js`, which refuses and records any connection
or DNS look-up outside loopback: a test shows "no network" by finding that record empty.

`python tests/e2e/serverless_helpers.py` installs the CLIs ahead of a test run.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
import prerequisites

ROOT = Path(__file__).resolve().parents[2]
PLUGIN = ROOT / "serverless-plugin"
CACHE = PLUGIN / ".e2e"
SERVICES = ROOT / "tests" / "fixtures" / "serverless-services"
LOOPBACK_ONLY = SERVICES / "loopback-only.js"

# Third-party plugins the seed lists (serverless-pseudo-parameters asks for serverless 1 || 2
# as a peer: hence --legacy-peer-deps, as the README tells users).
SEED_PLUGINS = {"serverless-pseudo-parameters": "2.6.1", "serverless-deployment-bucket": "1.6.0"}
# The CLIs, pinned to the versions the reference measured.
CLIS = {
    "serverless3": {"serverless": "3.40.0"},
    "osls4": {"osls": "4.3.1"},
}
INSTALL_TIMEOUT = 900


class InstallError(RuntimeError):
    pass


def _package_json(cli: str) -> str:
    return json.dumps({"private": True, "description": f"{cli} for the e2e tests (generated)",
                       "dependencies": {**CLIS[cli], **SEED_PLUGINS}}, indent=2) + "\n"


def cli_dir(cli: str) -> Path:
    return CACHE / cli


def cli_bin(cli: str) -> Path:
    return cli_dir(cli) / "node_modules" / ".bin" / "serverless"


def install(cli: str) -> Path:
    """The CLI's install directory, installing from npm first if it is missing or stale."""
    prerequisites.require("node", "npm", why="the Serverless Framework tests")
    directory = cli_dir(cli)
    directory.mkdir(parents=True, exist_ok=True)
    wanted = _package_json(cli)
    marker = directory / ".installed"
    with open(directory / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # one install at a time, across processes
        if marker.exists() and marker.read_text() == wanted and cli_bin(cli).exists():
            return directory
        (directory / "package.json").write_text(wanted)
        started = time.monotonic()
        result = subprocess.run(
            ["npm", "install", "--no-audit", "--no-fund", "--legacy-peer-deps",
             "--no-package-lock", "--loglevel=error"],
            cwd=directory, capture_output=True, text=True, timeout=INSTALL_TIMEOUT)
        if result.returncode != 0 or not cli_bin(cli).exists():
            raise InstallError(f"npm install of {cli} failed:\n{result.stdout}\n{result.stderr}")
        marker.write_text(wanted)
        print(f"installed {cli} in {time.monotonic() - started:.0f}s", file=sys.stderr)
    return directory


def install_all() -> None:
    """Install every CLI, in parallel (npm spends most of its time waiting on the registry)."""
    with ThreadPoolExecutor(len(CLIS)) as pool:
        list(pool.map(install, CLIS))


def make_service(fixture: str, cli: str, where: Path) -> Path:
    """A copy of the fixture service under `where`, with node_modules linking this plugin and
    the seed's plugins as the CLI's install has them."""
    service = where / fixture
    shutil.copytree(SERVICES / fixture, service)
    modules = service / "node_modules"
    modules.mkdir()
    (modules / "serverless-cfn-cognito").symlink_to(PLUGIN, target_is_directory=True)
    for name in SEED_PLUGINS:
        (modules / name).symlink_to(cli_dir(cli) / "node_modules" / name,
                                    target_is_directory=True)
    return service


@dataclass
class Run:
    returncode: int
    stdout: str
    stderr: str
    outside_loopback: list[str]   # connections and look-ups the CLI attempted beyond loopback

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


def run_cli(cli: str, service: Path, *args: str, endpoint: str, credentials: bool = True,
            timeout: float = 300) -> Run:
    """Run the CLI in the service directory, offline but for loopback, against the
    cfn-cognito service at `endpoint`. Without `credentials` no AWS credentials exist at all
    (no variables, no profile: HOME is an empty directory)."""
    home = service.parent / f"home-{cli}"
    home.mkdir(exist_ok=True)
    record = service.parent / f"outside-loopback-{cli}-{time.monotonic_ns()}.log"
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("AWS_", "SLS_", "SERVERLESS_", "CFN_COGNITO_"))}
    env.update({
        "HOME": str(home),
        # The venv's cfn-cognito is the one on PATH, as `pip install` puts it there.
        "PATH": os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")]),
        "SLS_TELEMETRY_DISABLED": "1",
        "SLS_NOTIFICATIONS_MODE": "off",
        "CFN_COGNITO_ENDPOINT": endpoint,
        "NODE_OPTIONS": f"--require {LOOPBACK_ONLY}",
        "LOOPBACK_ONLY_LOG": str(record),
        "FORCE_COLOR": "0",
    })
    if credentials:
        env.update({"AWS_ACCESS_KEY_ID": "AKIAFAKEFAKEFAKEFAKE",
                    "AWS_SECRET_ACCESS_KEY": "fake-secret-for-the-e2e-tests"})
    result = subprocess.run([str(cli_bin(cli)), *args], cwd=service, env=env,
                            capture_output=True, text=True, timeout=timeout)
    attempts = record.read_text().splitlines() if record.exists() else []
    return Run(result.returncode, result.stdout, result.stderr, attempts)


if __name__ == "__main__":
    install_all()
