"""Run the service until SIGTERM or Ctrl-C: granian's Rust HTTP server in front of the WSGI
app, in worker processes forked from this one.

Why granian: connections are accepted, parsed and kept alive by Rust threads that never
take the GIL, so a thousand idle keep-alive sockets or many parallel clients cost the Python
side nothing; only the WSGI call itself runs Python. (waitress's I/O thread competed with
its workers for the GIL and collapsed from four connections on, and stopped accepting at
100.) Why processes: the GIL allows one core per process; `--workers` (default: one per
core, at most 2 by default) serve on the same port, each with its own store connection.
Every piece of state that crosses requests lives in the store (SQLite in WAL mode, or
PostgreSQL with --database-url), so any worker answers any request; what a process keeps
(warm Lambda workers, key caches) is a cache checked against the store.

The workers are forked after this process has opened (and migrated) the store, settled
stacks left in progress, closed its connection again, and imported the app's modules once,
so a worker starts in milliseconds and shares those pages.

With --https, a second granian server answers TLS on the https port (granian serves either
TLS or plain HTTP on a port): it runs in a process forked from this one, with one worker,
and ends with this process, as the workers do. Its certificate comes from cfn_cognito.tls.
"""

from __future__ import annotations

import atexit
import gc
import logging
import os
import shutil
import signal
import socket
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

from cfn_cognito import __version__
from cfn_cognito.config import Settings
from cfn_cognito.context import factory as context_factory
from cfn_cognito.store import DatabaseUnavailable, open_store
from cfn_cognito.web import lifecycle
from cfn_cognito.web.wsgi import create_wsgi

if TYPE_CHECKING:
    from cfn_cognito.tls import ServerCertificate

LOG = logging.getLogger("cfn_cognito")
_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def configure_logging(level: str) -> None:
    logging.basicConfig(level=getattr(logging, level.upper(), logging.INFO), format=_FORMAT,
                        stream=sys.stderr)


def _data_dir(settings: Settings) -> str:
    if not settings.in_memory:
        return settings.data_dir
    # Throwaway state: a private directory (in RAM where the system has /dev/shm).
    base = "/dev/shm" if os.path.isdir("/dev/shm") and os.access("/dev/shm", os.W_OK) else None
    path = tempfile.mkdtemp(prefix="cfn-cognito-", dir=base)
    atexit.register(shutil.rmtree, path, ignore_errors=True)
    return path


def _cannot_listen(host: str, port: int) -> str | None:
    """Why the address cannot be bound, or None. Checked before anything starts, so that a
    taken port is one clear line rather than a worker failing to start."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except OSError as err:
        return str(err.strerror or err)
    family, kind, proto, _, address = infos[0]
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError as err:
            return str(err.strerror or err)
    return None


def _granian_logging(level: str) -> dict:
    # granian's own lines in our format: its errors, or everything with --log-level debug
    # (its start-up banner, and a warning that 8 threads per worker exceed the cores: they
    # do, on purpose: a request waiting on a Lambda trigger or SMTP holds its thread).
    return {
        "formatters": {"generic": {"()": "logging.Formatter", "fmt": _FORMAT}},
        "handlers": {"console": {"formatter": "generic", "class": "logging.StreamHandler",
                                 "stream": "ext://sys.stderr"}},
        "loggers": {"_granian": {"handlers": ["console"], "propagate": False}},
    }


def _server_class():
    from granian.server.mp import MPServer, WorkerProcess

    class Server(MPServer):
        """granian's multi-process server whose workers stop what they started (their
        Lambda workers, their mail threads, their store) when they are told to stop."""

        @staticmethod
        @WorkerProcess.wrap_target
        def _spawn_wsgi_worker(*args, **kwargs):
            try:
                MPServer._spawn_wsgi_worker.__wrapped__(*args, **kwargs)
            finally:
                lifecycle.stop()
                for store in _WORKER_STORES:
                    store.close()

    return Server


# The store a worker process opened (a SQLite connection never crosses a fork).
_WORKER_STORES: list = []


def _die_with(parent_pid: int) -> None:
    """A worker ends when the process that forked it ends, even by kill -9 (Linux's
    PR_SET_PDEATHSIG): no orphan may keep serving the port with the old state."""
    try:
        import ctypes
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGTERM)     # 1: PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return                            # not Linux: the parent's SIGTERM still stops us
    if os.getppid() != parent_pid:        # the parent died before prctl took effect
        os.kill(os.getpid(), signal.SIGTERM)


def _app_loader(settings: Settings, data_dir: str):
    """granian's target loader for the workers this process is about to fork."""
    parent_pid = os.getpid()

    def load_app(_target):
        _die_with(parent_pid)
        worker_store = open_store(data_dir, settings.database_url)
        _WORKER_STORES.append(worker_store)
        lifecycle.start_worker(context_factory(settings, worker_store)())
        return create_wsgi(settings, worker_store)

    return load_app


def _server(settings: Settings, port: int, workers: int, **ssl_options):
    from granian.constants import Interfaces

    return _server_class()(
        "cfn_cognito", address=settings.host, port=port, interface=Interfaces.WSGI,
        workers=workers, blocking_threads=settings.threads, backlog=2048,
        log_level="debug" if settings.log_level.lower() == "debug" else "error",
        log_dictconfig=_granian_logging(settings.log_level),
        respawn_failed_workers=True, workers_kill_timeout=10, **ssl_options)


def _start_https(settings: Settings, data_dir: str, certificate: ServerCertificate) -> int:
    """Fork the process that serves HTTPS on the second port (granian serves either TLS or
    plain HTTP on a port, not both): a granian server of its own, with one worker (the TLS
    work itself is Rust's, off the GIL), ending with this process as the workers do."""
    parent_pid = os.getpid()
    pid = os.fork()
    if pid:
        return pid
    code = 0
    try:
        _die_with(parent_pid)
        from granian.constants import SSLProtocols

        # TLS 1.2 at least, as AWS's API endpoints require (AWS Security Blog, "TLS 1.2 to
        # become the minimum TLS protocol level for all AWS API endpoints").
        _server(settings, settings.tls_port, 1, ssl_cert=Path(certificate.cert_path),
                ssl_key=Path(certificate.key_path), ssl_protocol_min=SSLProtocols.tls12,
                ).serve(target_loader=_app_loader(settings, data_dir))
    except KeyboardInterrupt:
        pass
    except BaseException:              # noqa: BLE001 -- a child must never return into serve()
        LOG.exception("the HTTPS server stopped")
        code = 1
    finally:
        os._exit(code)                  # never the parent's atexit (it removes --in-memory data)


def _stop_child(pid: int) -> None:
    try:
        os.kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            if os.waitpid(pid, os.WNOHANG)[0]:
                return
            time.sleep(0.05)
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    except (ProcessLookupError, ChildProcessError):
        pass                            # gone already


def serve(settings: Settings) -> int:
    for port in (settings.port, settings.tls_port) if settings.https else (settings.port,):
        problem = _cannot_listen(settings.host, port)
        if problem:
            print(f"cfn-cognito: cannot listen on {settings.host}:{port}: {problem}",
                  file=sys.stderr)
            return 1
    certificate = None
    if settings.https:
        from cfn_cognito import tls     # cryptography's x509: only for --https
        try:
            certificate = tls.ensure_server_certificate(settings)
        except OSError as err:
            print(f"cfn-cognito: cannot make the HTTPS certificate in {tls.tls_dir(settings)}: "
                  f"{err.strerror or err}", file=sys.stderr)
            return 1
    data_dir = _data_dir(settings)
    try:    # created and migrated once, before any worker
        store = open_store(data_dir, settings.database_url)
    except DatabaseUnavailable as err:
        print(f"cfn-cognito: {err}", file=sys.stderr)
        return 1
    where = (f"state in {store.db.describe()}, files in {os.path.abspath(data_dir)}"
             if settings.database_url else
             "in memory" if settings.in_memory else f"data in {os.path.abspath(data_dir)}")
    try:
        lifecycle.start(context_factory(settings, store)())
    finally:
        store.close()

    https_pid = _start_https(settings, data_dir, certificate) if certificate else None
    server = _server(settings, settings.port, settings.workers)
    LOG.info("cfn-cognito %s serving on http://%s:%s (%s; %d worker process%s)", __version__,
             settings.host, settings.port, where, settings.workers,
             "" if settings.workers == 1 else "es")
    if certificate:
        LOG.info("HTTPS on https://%s:%s (public URL %s); clients trust it with the CA %s "
                 "(`cfn-cognito ca env` prints how)", settings.host, settings.tls_port,
                 settings.base_url, tls.ca_file(settings))
    # What this process made before the fork (imported modules) is never collected, so the
    # workers' collector never writes to those pages and they stay shared. (No collection
    # first: it would add 3 ms to every start for a few kilobytes of garbage.)
    gc.freeze()
    try:
        server.serve(target_loader=_app_loader(settings, data_dir))
    except KeyboardInterrupt:
        pass
    finally:
        if https_pid:
            _stop_child(https_pid)
        lifecycle.stop()
        LOG.info("cfn-cognito stopped")
    return 0
