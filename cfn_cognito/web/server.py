"""Run the app under waitress (a production WSGI server) until SIGTERM or Ctrl-C."""

from __future__ import annotations

import atexit
import logging
import os
import shutil
import signal
import sys
import tempfile

from waitress.server import create_server

from cfn_cognito import __version__
from cfn_cognito.config import Settings
from cfn_cognito.context import factory as context_factory
from cfn_cognito.store import DatabaseUnavailable, open_store
from cfn_cognito.web import lifecycle
from cfn_cognito.web.wsgi import create_wsgi

LOG = logging.getLogger("cfn_cognito")


def configure_logging(level: str) -> None:
    logging.basicConfig(
        level=getattr(logging, level.upper(), logging.INFO),
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )


def _data_dir(settings: Settings) -> str:
    if not settings.in_memory:
        return settings.data_dir
    # Throwaway state: a private directory (in RAM where the system has /dev/shm).
    base = "/dev/shm" if os.path.isdir("/dev/shm") and os.access("/dev/shm", os.W_OK) else None
    path = tempfile.mkdtemp(prefix="cfn-cognito-", dir=base)
    atexit.register(shutil.rmtree, path, ignore_errors=True)
    return path


def _stop(signum, frame):
    # waitress's loop ends cleanly on SystemExit, finishing the requests it has.
    raise SystemExit(0)


def serve(settings: Settings) -> int:
    data_dir = _data_dir(settings)
    try:
        store = open_store(data_dir, settings.database_url)
    except DatabaseUnavailable as err:
        print(f"cfn-cognito: {err}", file=sys.stderr)
        return 1
    app = create_wsgi(settings, store)
    try:
        server = create_server(app, host=settings.host, port=settings.port,
                               threads=settings.threads, ident="cfn-cognito",
                               clear_untrusted_proxy_headers=True)
    except OSError as err:
        # Port taken or host unknown: one clear line, not a traceback.
        store.close()
        print(f"cfn-cognito: cannot listen on {settings.host}:{settings.port}: "
              f"{err.strerror or err}", file=sys.stderr)
        return 1
    lifecycle.start(context_factory(settings, store)())
    signal.signal(signal.SIGTERM, _stop)
    if settings.database_url:
        where = f"state in {store.db.describe()}, files in {os.path.abspath(data_dir)}"
    elif settings.in_memory:
        where = "in memory"
    else:
        where = f"data in {os.path.abspath(data_dir)}"
    LOG.info("cfn-cognito %s serving on http://%s:%s (%s)", __version__, settings.host,
             server.effective_port, where)
    try:
        server.run()
    except (SystemExit, KeyboardInterrupt):
        pass
    finally:
        server.close()
        lifecycle.stop()
        store.close()
        LOG.info("cfn-cognito stopped")
    return 0
