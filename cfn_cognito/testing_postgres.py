"""A throwaway PostgreSQL cluster for tests: `initdb` in a fresh directory, the server on a
free loopback port, a fresh database per service under test, everything removed at exit.

The server refuses to run as root, so a root test run starts it as the `postgres` user
(Debian's `postgresql` package creates it) in a directory made for it; as any other user it
runs as that user. Tests that need PostgreSQL skip when no `initdb` is found.

    cluster = testing_postgres.cluster()      # started once per process, stopped at exit
    url = cluster.create_database()           # postgresql://postgres@127.0.0.1:PORT/t_...
"""

from __future__ import annotations

import atexit
import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import threading
import uuid

SERVER_USER = "postgres"


def bindir() -> str | None:
    """Where initdb and pg_ctl are (pg_config --bindir, Debian's versioned folder, PATH)."""
    candidates = []
    if shutil.which("pg_config"):
        found = subprocess.run(["pg_config", "--bindir"], capture_output=True, text=True)
        candidates.append(found.stdout.strip())
    candidates += sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True)
    if shutil.which("initdb"):
        candidates.append(os.path.dirname(shutil.which("initdb")))
    for folder in candidates:
        if folder and os.path.exists(os.path.join(folder, "initdb")) \
                and os.path.exists(os.path.join(folder, "pg_ctl")):
            return folder
    return None


def available() -> bool:
    return bindir() is not None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PostgresCluster:
    def __init__(self):
        self.bindir = bindir()
        if self.bindir is None:
            raise RuntimeError("PostgreSQL is not installed (no initdb): apt-get install postgresql")
        self.root = tempfile.mkdtemp(prefix="cfn-cognito-pg-")
        self.data = os.path.join(self.root, "data")
        self.port = _free_port()
        self._as_user: list[str] = []
        self._by_key: dict[str, str] = {}
        if os.geteuid() == 0:
            user = pwd.getpwnam(SERVER_USER)
            os.chown(self.root, user.pw_uid, user.pw_gid)
            self._as_user = ["runuser", "-u", SERVER_USER, "--"]

    def _run(self, *cmd: str) -> None:
        done = subprocess.run([*self._as_user, *cmd], capture_output=True, text=True)
        if done.returncode:
            raise RuntimeError(f"{' '.join(cmd)} failed:\n{done.stdout}{done.stderr}")

    def start(self) -> "PostgresCluster":
        self._run(os.path.join(self.bindir, "initdb"), "-D", self.data, "-A", "trust",
                  "-U", "postgres", "-E", "UTF8", "--no-sync")
        self._pg_ctl("start")
        return self

    def restart(self) -> None:
        """Stop the server as an administrator would (clients' connections are ended), then
        start it again on the same port and data."""
        self._pg_ctl("restart", "-m", "fast")

    def _pg_ctl(self, *action: str) -> None:
        # fsync off: a throwaway cluster that no test kills (the services under test are).
        options = (f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 "
                   "-c max_connections=400 -c fsync=off -c full_page_writes=off")
        # With -l the server's output goes to the log, so nothing holds the pipes _run reads.
        self._run(os.path.join(self.bindir, "pg_ctl"), "-D", self.data, "-o", options,
                  "-l", os.path.join(self.root, "server.log"), "-w", *action)

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{database}"

    def _admin(self, sql: str) -> None:
        import psycopg
        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(sql)

    def create_database(self) -> str:
        """A new empty database; its URL."""
        name = f"t_{uuid.uuid4().hex[:16]}"
        self._admin(f"CREATE DATABASE {name}")
        return self.url(name)

    def drop_database(self, url: str) -> None:
        name = url.rsplit("/", 1)[1]
        self._admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        with _LOCK:
            self._by_key = {k: v for k, v in self._by_key.items() if v != url}

    def database_for(self, key: str) -> str:
        """The database of `key` (a data directory), made on first request: a service
        restarted on the same data directory finds its state, as it would in SQLite."""
        with _LOCK:
            if key not in self._by_key:
                self._by_key[key] = self.create_database()
            return self._by_key[key]

    def stop(self) -> None:
        if os.path.isdir(self.data):
            subprocess.run([*self._as_user, os.path.join(self.bindir, "pg_ctl"), "-D",
                            self.data, "-m", "immediate", "-w", "stop"], capture_output=True)
        shutil.rmtree(self.root, ignore_errors=True)


_CLUSTER: PostgresCluster | None = None
_LOCK = threading.Lock()


def cluster() -> PostgresCluster:
    """The process's cluster, started on first use and stopped at exit."""
    global _CLUSTER
    with _LOCK:
        if _CLUSTER is None:
            started = PostgresCluster()
            try:
                started.start()
            except BaseException:
                started.stop()
                raise
            atexit.register(started.stop)
            _CLUSTER = started
        return _CLUSTER
