"""One immutable Settings object, built from command-line flags and the environment.

Every flag `--some-name` can also be given as `CFN_COGNITO_SOME_NAME`; a flag wins over the
environment, the environment over the default. The SMTP settings (no flags) are read from
SMTP_HOST, SMTP_USER, SMTP_PASS, SMTP_EMAIL and SMTP_TLS, as LocalStack names them.
"""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass

ENV_PREFIX = "CFN_COGNITO_"
# Settings read from the environment under the names LocalStack and its users know, unprefixed.
UNPREFIXED = {"smtp_host": "SMTP_HOST", "smtp_user": "SMTP_USER", "smtp_pass": "SMTP_PASS",
              "smtp_email": "SMTP_EMAIL", "smtp_tls": "SMTP_TLS"}
LOG_LEVELS = ("debug", "info", "warning", "error", "critical")


@dataclass(frozen=True)
class Settings:
    host: str = "127.0.0.1"
    port: int = 4566
    data_dir: str = "./.cfn-cognito"
    # postgresql://user:password@host:port/database: state in that database, shared by every
    # instance given the same URL; empty: SQLite in the data directory. Kept out of repr
    # (it may hold a password).
    database_url: str = dataclasses.field(default="", repr=False)
    in_memory: bool = False
    region: str = "us-east-1"
    account_id: str = "000000000000"
    public_url: str = ""
    # Host names requests may be addressed to besides the local ones (web/host_guard.py):
    # "name" or ".name" (the name and every name under it), separated by commas.
    allowed_hosts: str = ""
    # HTTPS on a second port (granian cannot tell TLS from plain HTTP on one), with the
    # local CA of cfn_cognito/tls; plain HTTP stays on `port`, whatever this says.
    https: bool = False
    https_port: int = 0         # 0: port + 1
    log_level: str = "info"
    # Request threads per worker process, and worker processes (web/server.py says why).
    threads: int = 8
    workers: int = min(2, os.cpu_count() or 1)
    lambda_endpoint: str = ""  # where functions not registered here are invoked (boto3)
    # Email delivery (cfn_cognito.mail); SMTP_HOST is "host" or "host:port", empty = no SMTP.
    smtp_host: str = ""
    smtp_user: str = ""
    smtp_pass: str = dataclasses.field(default="", repr=False)
    smtp_email: str = ""  # the From of every email a pool's EmailConfiguration does not name
    smtp_tls: bool = False  # implicit TLS (SMTPS, port 465) instead of STARTTLS

    def __post_init__(self):
        # Refuse what would otherwise go wrong quietly (a port of 99999 binds 34463).
        if not 1 <= self.port <= 65535:
            raise ValueError(f"port must be between 1 and 65535, got {self.port}")
        if self.https_port and not 1 <= self.https_port <= 65535:
            raise ValueError(f"https port must be between 1 and 65535, got {self.https_port}")
        if self.https and not 1 <= self.tls_port <= 65535:
            raise ValueError(f"https port {self.tls_port} (port + 1) is out of range: pass "
                             "--https-port")
        if self.https and self.tls_port == self.port:
            raise ValueError(f"https port and port are both {self.port}: HTTPS needs a port "
                             "of its own")
        if self.threads < 1:
            raise ValueError(f"threads must be at least 1, got {self.threads}")
        if self.workers < 1:
            raise ValueError(f"workers must be at least 1, got {self.workers}")
        if self.log_level.lower() not in LOG_LEVELS:
            raise ValueError(f"log level must be one of {', '.join(LOG_LEVELS)}, got {self.log_level!r}")
        if self.database_url and not self.database_url.lower().startswith(
                ("postgresql://", "postgres://")):
            raise ValueError("database URL must be postgresql://user:password@host:port/database")
        if self.smtp_host:
            self.smtp_address  # noqa: B018 -- a bad SMTP_HOST is refused at start, not per email
        # A relative data dir means the same to every part (function workers run with their
        # code directory as working directory), so it is made absolute once, here.
        object.__setattr__(self, "data_dir", os.path.abspath(self.data_dir))
        self.allowed_host_names  # noqa: B018 -- refused at start too

    @property
    def allowed_host_names(self) -> tuple[str, ...]:
        """The names of --allowed-hosts, lower-cased, without a port ("name" or ".name")."""
        names = []
        for entry in self.allowed_hosts.replace(",", " ").split():
            name = entry.lower()
            if name.startswith("[") and "]" in name:
                name = name[1:name.index("]")]
            elif name.count(":") == 1:
                name = name.split(":")[0]
            name = name.rstrip(".")
            if not name.strip(".") or any(c in entry for c in "/@?#*\\"):
                raise ValueError(f"allowed hosts are host names (name or .name), got {entry!r}")
            names.append(name)
        return tuple(names)

    @property
    def smtp_address(self) -> tuple[str, int]:
        """(host, port) of SMTP_HOST ("host", "host:port", "[v6]:port"); without a port, 465
        with SMTP_TLS, else 25."""
        text = self.smtp_host.strip()
        if text.startswith("["):
            host, _, rest = text[1:].partition("]")
            port = rest[1:] if rest.startswith(":") else ""
        elif text.count(":") == 1:
            host, _, port = text.partition(":")
        else:
            host, port = text, ""
        if not host or (port and not (port.isdigit() and 1 <= int(port) <= 65535)):
            raise ValueError(f"SMTP_HOST must be host or host:port, got {self.smtp_host!r}")
        return host, int(port) if port else (465 if self.smtp_tls else 25)

    @property
    def tls_port(self) -> int:
        """The port HTTPS answers on (with `https`)."""
        return self.https_port or self.port + 1

    @property
    def base_url(self) -> str:
        """The base of every URL the service prints or puts in tokens: --public-url, else
        the https address with --https, else the http one."""
        if self.public_url:
            return self.public_url.rstrip("/")
        if self.https:
            return f"https://localhost:{self.tls_port}"
        return f"http://localhost:{self.port}"

    def replace(self, **changes) -> "Settings":
        return dataclasses.replace(self, **changes)


def env_name(name: str) -> str:
    """The environment variable of a setting."""
    return UNPREFIXED.get(name, ENV_PREFIX + name.upper())


_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def _coerce(field: dataclasses.Field, raw: str):
    kind = field.type if isinstance(field.type, str) else field.type.__name__
    if kind == "int":
        try:
            return int(raw)
        except ValueError:
            raise ValueError(f"{env_name(field.name)}: expected a number, got {raw!r}") from None
    if kind == "bool":
        value = raw.strip().lower()
        if value in _TRUE:
            return True
        if value in _FALSE:
            return False
        raise ValueError(f"{env_name(field.name)}: expected a boolean, got {raw!r}")
    return raw


def from_sources(flags: dict | None = None, environ: dict | None = None) -> Settings:
    """Settings from flags (None means "not given") over environment over defaults."""
    flags = flags or {}
    environ = os.environ if environ is None else environ
    values = {}
    for field in dataclasses.fields(Settings):
        flag = flags.get(field.name)
        if flag is not None:
            values[field.name] = flag
            continue
        raw = environ.get(env_name(field.name))
        if raw is not None:
            values[field.name] = _coerce(field, raw)
    return Settings(**values)
