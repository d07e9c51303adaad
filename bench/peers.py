"""The services under test: this one (two ways) and the peers, how to install and start each.

Peers live under bench/.peers/ (a virtualenv for the Python ones, an npm prefix for
cognito-local), apart from the project's .venv, and are installed on the first run at the
pinned versions below. Every service gets its own loopback port and a fresh working
directory (cognito-local writes its database into the current directory).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import venv
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parent.parent
PEERS_DIR = ROOT / "bench" / ".peers"

PIP_PEERS = ("moto[server]==5.2.5", "ministack==1.5.33")
NPM_PEERS = ("cognito-local@5.3.0",)


class InstallError(Exception):
    """A peer could not be installed here; its column shows why instead of figures."""


@dataclass(frozen=True)
class Installer:
    """One place under bench/.peers/ holding some peers; installs them once per pin set."""

    name: str
    pins: tuple[str, ...]
    install_into: Callable[[Path, tuple[str, ...]], None]

    @property
    def home(self) -> Path:
        return PEERS_DIR / self.name

    def ensure(self) -> None:
        stamp = self.home / "installed.txt"
        wanted = "\n".join(self.pins) + "\n"
        if stamp.exists() and stamp.read_text() == wanted:
            return
        print(f"bench: installing {', '.join(self.pins)} into {self.home} ...", file=sys.stderr)
        self.home.mkdir(parents=True, exist_ok=True)
        self.install_into(self.home, self.pins)
        stamp.write_text(wanted)


def _pip_install(home: Path, pins: tuple[str, ...]) -> None:
    if not (home / "bin" / "python").exists():
        venv.EnvBuilder(with_pip=True).create(home)
    _run([str(home / "bin" / "python"), "-m", "pip", "install", "--quiet",
          "--disable-pip-version-check", *pins])


def _npm_install(home: Path, pins: tuple[str, ...]) -> None:
    npm = shutil.which("npm")
    if npm is None:
        raise InstallError("npm is not installed (apt-get install nodejs npm)")
    _run([npm, "install", "--prefix", str(home), "--no-audit", "--no-fund", "--silent", *pins])


def _run(argv: list[str]) -> None:
    done = subprocess.run(argv, capture_output=True, text=True)
    if done.returncode != 0:
        raise InstallError(f"{' '.join(argv[:3])} ... failed ({done.returncode}):\n"
                           f"{(done.stderr or done.stdout)[-1500:]}")


class OurBytecode:
    """Ours is installed editable, which pip never byte-compiles, while pip compiled every
    peer's site-packages at install: compile ours too (what its first run would otherwise
    do, unless PYTHONDONTWRITEBYTECODE is set), so start-up compares like with like."""

    def ensure(self) -> None:
        import compileall
        compileall.compile_dir(str(ROOT / "cfn_cognito"), quiet=2)


OUR_BYTECODE = OurBytecode()
PYTHON_PEERS = Installer("venv", PIP_PEERS, _pip_install)
NODE_PEERS = Installer("node", NPM_PEERS, _npm_install)


@dataclass(frozen=True)
class Service:
    """A column of the table: how to start the service on `port` in `workdir`."""

    name: str
    kind: str                                        # "ours" or "peer"
    command: Callable[[int, Path], list[str]]
    env: Callable[[int, Path], dict] = field(default=lambda port, workdir: {})
    installer: Installer | OurBytecode | None = None
    version: str = ""
    # Where a service answers an operation it lacks with a bare 500, the line its log shows.
    unsupported_in_log: str | None = None


def _our_python() -> str:
    # The project's virtualenv, as a user runs it; the bench's own interpreter otherwise.
    candidate = ROOT / ".venv" / "bin" / "python"
    return str(candidate) if candidate.exists() else sys.executable


def _ours(*storage: str) -> Callable[[int, Path], list[str]]:
    def command(port: int, workdir: Path) -> list[str]:
        args = [a.replace("{workdir}", str(workdir)) for a in storage]
        extra = os.environ.get("BENCH_OURS_ARGS", "").split()   # e.g. "--workers 1"
        return [_our_python(), "-m", "cfn_cognito", "serve", "--port", str(port), *args, *extra]
    return command


def _our_version() -> str:
    try:
        from cfn_cognito import __version__
    except ImportError:
        return "?"
    rev = subprocess.run(["git", "-C", str(ROOT), "describe", "--always", "--dirty"],
                         capture_output=True, text=True).stdout.strip()
    return f"{__version__} ({rev})" if rev else __version__


def _pin_version(pin: str) -> str:
    return re.split(r"==|(?<=.)@", pin, maxsplit=1)[-1]


SERVICES = (
    Service("ours", "ours", _ours("--in-memory"), installer=OUR_BYTECODE,
            version=_our_version()),
    Service("ours, data dir", "ours", _ours("--data-dir", "{workdir}/data"),
            installer=OUR_BYTECODE, version=_our_version()),
    Service("moto", "peer",
            lambda port, workdir: [str(PYTHON_PEERS.home / "bin" / "moto_server"),
                                   "-H", "127.0.0.1", "-p", str(port)],
            installer=PYTHON_PEERS, version=_pin_version(PIP_PEERS[0]),
            unsupported_in_log=r"NotImplementedError: The \w+ action has not been implemented"),
    # ministack binds every interface unless BIND_HOST says otherwise; its pid file goes
    # to TMPDIR.
    Service("ministack", "peer",
            lambda port, workdir: [str(PYTHON_PEERS.home / "bin" / "ministack")],
            env=lambda port, workdir: {"GATEWAY_PORT": str(port), "BIND_HOST": "127.0.0.1",
                                       "TMPDIR": str(workdir)},
            installer=PYTHON_PEERS, version=_pin_version(PIP_PEERS[1])),
    # What `npx cognito-local` runs, without npx's own start-up in the start-up figure.
    Service("cognito-local", "peer",
            lambda port, workdir: [str(NODE_PEERS.home / "node_modules" / ".bin" / "cognito-local")],
            env=lambda port, workdir: {"PORT": str(port), "HOST": "127.0.0.1"},
            installer=NODE_PEERS, version=_pin_version(NPM_PEERS[0])),
)


def environment(service: Service, port: int, workdir: Path) -> dict:
    # No service picks up the project's virtualenv or our own settings from the shell.
    env = {k: v for k, v in os.environ.items()
           if k != "VIRTUAL_ENV" and not k.startswith("CFN_COGNITO_")}
    return {**env, **service.env(port, workdir)}
