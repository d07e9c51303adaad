"""One immutable Settings object, built from command-line flags and the environment.

Every flag `--some-name` can also be given as `CFN_COGNITO_SOME_NAME`; a flag wins over the
environment, the environment over the default.
"""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass

ENV_PREFIX = "CFN_COGNITO_"
LOG_LEVELS = ("debug", "info", "warning", "error", "critical")


@dataclass(frozen=True)
class Settings:
    host: str = "127.0.0.1"
    port: int = 4566
    data_dir: str = "./.cfn-cognito"
    in_memory: bool = False
    region: str = "us-east-1"
    account_id: str = "000000000000"
    public_url: str = ""
    log_level: str = "info"
    threads: int = 16
    lambda_endpoint: str = ""  # where functions not registered here are invoked (boto3)

    def __post_init__(self):
        # Refuse what would otherwise go wrong quietly (a port of 99999 binds 34463).
        if not 1 <= self.port <= 65535:
            raise ValueError(f"port must be between 1 and 65535, got {self.port}")
        if self.threads < 1:
            raise ValueError(f"threads must be at least 1, got {self.threads}")
        if self.log_level.lower() not in LOG_LEVELS:
            raise ValueError(f"log level must be one of {', '.join(LOG_LEVELS)}, got {self.log_level!r}")

    @property
    def base_url(self) -> str:
        """The base of every URL the service prints or puts in tokens."""
        return (self.public_url or f"http://localhost:{self.port}").rstrip("/")

    def replace(self, **changes) -> "Settings":
        return dataclasses.replace(self, **changes)


_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def _coerce(field: dataclasses.Field, raw: str):
    kind = field.type if isinstance(field.type, str) else field.type.__name__
    if kind == "int":
        try:
            return int(raw)
        except ValueError:
            raise ValueError(f"{ENV_PREFIX}{field.name.upper()}: expected a number, got {raw!r}") from None
    if kind == "bool":
        value = raw.strip().lower()
        if value in _TRUE:
            return True
        if value in _FALSE:
            return False
        raise ValueError(f"{ENV_PREFIX}{field.name.upper()}: expected a boolean, got {raw!r}")
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
        raw = environ.get(ENV_PREFIX + field.name.upper())
        if raw is not None:
            values[field.name] = _coerce(field, raw)
    return Settings(**values)
