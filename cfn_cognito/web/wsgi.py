"""The WSGI application `cfn-cognito serve` runs: requests to a host that is not the
service's refused (web/host_guard.py), the AWS JSON calls of tools answered straight away
(web/fast_path.py), everything else by the Flask app of app.py, which is built on the first
request that needs it.

Building the Flask app imports every HTTP surface (hosted UI, console, CloudFormation, API
Gateway, Lambda API); none of that is needed to answer an SDK's first call. (Stacks a
stopped service left in progress are settled before the first request: web/lifecycle.py.)
"""

from __future__ import annotations

import threading

from cfn_cognito.config import Settings
from cfn_cognito.context import factory as context_factory
from cfn_cognito.store import Store
from cfn_cognito.web.fast_path import FastPath
from cfn_cognito.web.host_guard import HostGuard
from cfn_cognito.web.limits import MAX_REQUEST_BYTES


class _LazyFlask:
    def __init__(self, settings: Settings, store: Store):
        self._settings = settings
        self._store = store
        self._app = None
        self._lock = threading.Lock()

    def _build(self):
        with self._lock:
            if self._app is None:
                from cfn_cognito.web.app import create_app
                self._app = create_app(self._settings, self._store)
            return self._app

    def __call__(self, environ, start_response):
        return (self._app or self._build())(environ, start_response)


def create_wsgi(settings: Settings, store: Store) -> HostGuard:
    """Refused hosts first (DNS rebinding), then the AWS JSON calls of tools, then Flask."""
    return HostGuard(FastPath(_LazyFlask(settings, store), context_factory(settings, store),
                              MAX_REQUEST_BYTES), settings)
